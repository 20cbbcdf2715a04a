// The [[listener]] tables of a couples session: defaults, the ceiling taken from the plan, the
// two-listener limit, errors with file and line, and the round trip through plan_write.
#include <catch2/catch.hpp>
#include <string>

#include "plan_test_support.h"
#include "session/plan.h"
#include "session/plan_write.h"

using namespace holdspace::session;
using holdspace::session::test::kOnePhase;
using holdspace::session::test::kPlanHead;
using holdspace::session::test::PlanFolder;

namespace {

const std::string kTwoListeners =
    "[[listener]]\n"        // line 3 after kPlanHead and ceiling_dbtp
    "name = \"Alex\"\n"
    "\n"
    "[[listener]]\n"        // line 6
    "name = \"Sam\"\n"
    "volume_db = -4\n"
    "ceiling_dbtp = -3\n";

}  // namespace

TEST_CASE("listeners: none is one listener on channels 1-2", "[plan][couples]") {
  PlanFolder folder;
  const Plan plan = folder.load_ok(kPlanHead + kOnePhase).plan;
  CHECK(plan.listeners.empty());
  CHECK(plan.listener_pairs() == 1);
}

TEST_CASE("listeners: two, in order, with defaults from the plan", "[plan][couples]") {
  PlanFolder folder;
  const Plan plan = folder.load_ok(kPlanHead + "ceiling_dbtp = -2\n" + kTwoListeners + kOnePhase).plan;
  REQUIRE(plan.listeners.size() == 2);
  CHECK(plan.listener_pairs() == 2);
  CHECK(plan.listeners[0].name == "Alex");
  CHECK(plan.listeners[0].volume_db == 0.0);
  CHECK(plan.listeners[0].ceiling_dbtp == -2.0);  // the plan's own ceiling
  CHECK(plan.listeners[0].line == 3);
  CHECK(plan.listeners[1].name == "Sam");
  CHECK(plan.listeners[1].volume_db == -4.0);
  CHECK(plan.listeners[1].ceiling_dbtp == -3.0);
  CHECK(plan.listeners[1].line == 6);
}

TEST_CASE("listeners: one listener still needs only channels 1-2", "[plan][couples]") {
  PlanFolder folder;
  const Plan plan = folder.load_ok(kPlanHead + "[[listener]]\nname = \"Alex\"\nvolume_db = -3\n" + kOnePhase).plan;
  REQUIRE(plan.listeners.size() == 1);
  CHECK(plan.listener_pairs() == 1);
  CHECK(plan.listeners[0].ceiling_dbtp == -1.0);
}

TEST_CASE("listeners: mistakes are refused with file and line", "[plan][couples]") {
  PlanFolder folder;
  const std::string alex = "[[listener]]\nname = \"Alex\"\n";
  CHECK(folder.error_of(kPlanHead + alex + alex.substr(0, 13) + "name = \"Sam\"\n" + alex.substr(0, 13) +
                        "name = \"Kim\"\n" + kOnePhase) ==
        "6: a plan has at most 2 listeners (one output device gives each listener a stereo pair: "
        "channels 1-2 and 3-4)");
  CHECK(folder.error_of(kPlanHead + alex + "volume_db = 3\n" + kOnePhase) ==
        "4: volume_db must be between -60 and 0, not 3 (it lowers this listener's music below the "
        "session level, in dB)");
  CHECK(folder.error_of(kPlanHead + alex + "ceiling_dbtp = -20\n" + kOnePhase) ==
        "4: ceiling_dbtp must be between -12 and 0, not -20 (this listener's true peak never passes "
        "it, in dBTP)");
  CHECK(folder.error_of(kPlanHead + alex + "volume = -3\n" + kOnePhase) ==
        "4: unknown key 'volume' (did you mean 'volume_db'?)");
  CHECK(folder.error_of(kPlanHead + "[[listener]]\nvolume_db = -3\n" + kOnePhase) ==
        "2: the listener has no name (add name = \"...\", how the therapist knows which headphones "
        "are whose)");
  CHECK(folder.error_of(kPlanHead + alex + alex + kOnePhase) ==
        "4: two listeners are both named 'Alex' (give each listener their own name)");
  CHECK(folder.error_of(kPlanHead + "listener = \"Alex\"\n" + kOnePhase) ==
        "2: listener must be a list of [[listener]] tables (start each listener with a [[listener]] "
        "line, in double brackets)");
}

TEST_CASE("listeners: saved and loaded back the same, defaults left out", "[plan][couples][plan_write]") {
  PlanFolder folder;
  const Plan plan = folder.load_ok(kPlanHead + "ceiling_dbtp = -2\n" + kTwoListeners + kOnePhase).plan;
  const std::string text = plan_to_toml(plan, folder.plan_path());
  INFO(text);
  CHECK(text.find("[[listener]]\nname = \"Alex\"\n\n[[listener]]\nname = \"Sam\"\nvolume_db = -4\n"
                  "ceiling_dbtp = -3\n") != std::string::npos);
  REQUIRE(save_plan(plan, folder.plan_path()).ok());
  const Plan again = folder.load_ok(text).plan;
  REQUIRE(again.listeners.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(again.listeners[i].name == plan.listeners[i].name);
    CHECK(again.listeners[i].volume_db == plan.listeners[i].volume_db);
    CHECK(again.listeners[i].ceiling_dbtp == plan.listeners[i].ceiling_dbtp);
  }
}
