// The plans shipped in playlists/: every one loads cleanly, and the KAP plan (the README's
// example) holds the session the design describes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <vector>

#include "session/plan.h"

using namespace holdspace::session;
using holdspace::Result;

namespace {

const std::filesystem::path kPlaylists = HOLDSPACE_SHIPPED_PLANS_DIR;

LoadedPlan load_shipped(const std::string& name) {
  Result<LoadedPlan> loaded = load_plan(kPlaylists / name);
  INFO((loaded ? std::string("loaded") : loaded.error().message));
  REQUIRE(loaded.ok());
  return std::move(loaded).value();
}

const ReminderPlan& reminder_named(const Plan& plan, const std::string& text) {
  const auto found = std::find_if(plan.reminders.begin(), plan.reminders.end(),
                                  [&](const ReminderPlan& r) { return r.text == text; });
  REQUIRE(found != plan.reminders.end());
  return *found;
}

}  // namespace

TEST_CASE("every shipped plan loads with no error and no warning", "[plan]") {
  std::vector<std::filesystem::path> plans;
  for (const auto& entry : std::filesystem::directory_iterator(kPlaylists)) {
    if (entry.path().extension() == ".toml") plans.push_back(entry.path());
  }
  // Globbed, so a plan added later is covered too; these three must be among them.
  for (const char* name : {"kap-3h.toml", "iv-infusion.toml", "demo.toml"}) {
    CHECK(std::count(plans.begin(), plans.end(), kPlaylists / name) == 1);
  }
  for (const auto& path : plans) {
    INFO(path.string());
    Result<LoadedPlan> loaded = load_plan(path);
    INFO((loaded ? std::string("loaded") : loaded.error().message));
    REQUIRE(loaded.ok());
    for (const PlanWarning& warning : loaded->warnings) FAIL_CHECK(format_warning(path, warning));
    CHECK_FALSE(loaded->plan.phases.empty());
    for (const PhasePlan& phase : loaded->plan.phases) {
      CHECK(std::filesystem::is_regular_file(phase.playlist));
      CHECK(phase.volume_db <= loaded->plan.max_volume_db);
    }
  }
}

TEST_CASE("kap-3h.toml: four phases over three hours, vitals reminders around the dose", "[plan]") {
  const Plan plan = load_shipped("kap-3h.toml").plan;
  REQUIRE(plan.phases.size() == 4);
  CHECK(plan.phases[0].minutes == 20);
  CHECK(plan.phases[1].minutes == 15);
  CHECK(plan.phases[2].minutes == 90);
  CHECK(plan.phases[3].minutes == 55);
  CHECK(plan.planned_minutes() == 180);
  CHECK(plan.phases[3].volume_db < plan.phases[2].volume_db);  // integration is quieter
  REQUIRE(plan.bell);
  CHECK(*plan.bell == (kPlaylists / "demo/bell.ogg").lexically_normal());

  const ReminderPlan& before = reminder_named(plan, "Vitals before dosing");
  CHECK(before.anchor.kind == ReminderAnchor::Kind::PhaseStart);
  CHECK(before.anchor.name == plan.phases[1].name);
  CHECK(before.after_minutes == 10);

  const ReminderPlan& lozenge = reminder_named(plan, "Lozenge: spit or swallow");
  CHECK(lozenge.anchor.kind == ReminderAnchor::Kind::Marker);
  CHECK(lozenge.anchor.name == "dose");
  CHECK(lozenge.after_minutes == 7);

  const ReminderPlan& peak = reminder_named(plan, "Blood pressure and heart rate (dose + 40 min)");
  CHECK(peak.anchor.kind == ReminderAnchor::Kind::Marker);
  CHECK(peak.anchor.name == "dose");
  CHECK(peak.after_minutes == 40);

  const ReminderPlan& leaving = reminder_named(plan, "Vitals before the client leaves");
  CHECK(leaving.anchor.kind == ReminderAnchor::Kind::PhaseStart);
  CHECK(leaving.anchor.name == plan.phases[3].name);
  CHECK(leaving.after_minutes == 45);
}

TEST_CASE("iv-infusion.toml: a 40-minute infusion, then recovery", "[plan]") {
  const Plan plan = load_shipped("iv-infusion.toml").plan;
  REQUIRE(plan.phases.size() == 2);
  CHECK(plan.phases[0].minutes == 40);
  CHECK(plan.phases[1].minutes > 0);
  const ReminderPlan& vitals = reminder_named(plan, "Vitals (dose + 20 min)");
  CHECK(vitals.anchor.kind == ReminderAnchor::Kind::Marker);
  CHECK(vitals.anchor.name == "dose");
  CHECK(vitals.after_minutes == 20);
}

TEST_CASE("demo.toml: four one-minute phases that flow on by themselves", "[plan]") {
  const Plan plan = load_shipped("demo.toml").plan;
  REQUIRE(plan.phases.size() == 4);
  for (std::size_t i = 0; i < plan.phases.size(); ++i) {
    INFO(plan.phases[i].name);
    CHECK(plan.phases[i].minutes == 1);
    CHECK(plan.phases[i].playlist == (kPlaylists / "demo/demo.m3u8").lexically_normal());
    CHECK(plan.phases[i].bell);
    if (i + 1 < plan.phases.size()) {  // the last phase has nothing to cross into or advance to
      CHECK(plan.phases[i].crossfade_seconds <= 5);
      CHECK(plan.phases[i].at_time_up == TimeUp::Advance);
    }
  }
  const auto dose = std::find_if(plan.reminders.begin(), plan.reminders.end(), [](const ReminderPlan& r) {
    return r.anchor.kind == ReminderAnchor::Kind::Marker && r.anchor.name == "dose";
  });
  REQUIRE(dose != plan.reminders.end());
  CHECK(dose->after_minutes == 0.5);
}
