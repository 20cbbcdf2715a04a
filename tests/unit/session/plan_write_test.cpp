// Writing a plan back to TOML: whatever the Prepare view saves must load into the same plan, with
// paths that still find the music, only the keys that differ from the defaults, and nothing
// written at all when the plan would be refused.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "plan_test_support.h"
#include "session/plan.h"
#include "session/plan_write.h"
#include "support/text_checks.h"

using namespace holdspace::session;
using holdspace::Result;
using holdspace::Status;
using holdspace::session::test::kOnePhase;
using holdspace::session::test::kPlanHead;
using holdspace::session::test::PlanFolder;
using holdspace::session::test::write_file;
namespace fs = std::filesystem;

namespace {

const fs::path kBundledPlans = fs::path(HOLDSPACE_SOURCE_DIR) / "playlists";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using holdspace::test::contains;

std::vector<fs::path> files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path().filename());
  return files;
}

LoadedPlan load_ok(const fs::path& path) {
  Result<LoadedPlan> loaded = load_plan(path);
  INFO((loaded ? std::string("loaded") : loaded.error().message));
  REQUIRE(loaded.ok());
  return std::move(loaded).value();
}

void require_saved(const Plan& plan, const fs::path& path) {
  const Status saved = save_plan(plan, path);
  INFO((saved ? std::string("saved") : saved.error().message));
  REQUIRE(saved.ok());
}

// Saves, then loads what was saved: the round trip the Prepare view makes.
Plan saved_and_loaded(const Plan& plan, const fs::path& path) {
  require_saved(plan, path);
  INFO(read_text(path));
  return load_ok(path).plan;
}

// Every field the session uses; line numbers, the source file and its text are where and how the
// plan was written, not what it says.
void check_same_plan(const Plan& expected, const Plan& actual) {
  CHECK(actual.name == expected.name);
  CHECK(actual.max_volume_db == expected.max_volume_db);
  CHECK(actual.target_lufs == expected.target_lufs);
  CHECK(actual.ceiling_dbtp == expected.ceiling_dbtp);
  CHECK(actual.talk_duck_db == expected.talk_duck_db);
  CHECK(actual.fade_out_seconds == expected.fade_out_seconds);
  CHECK(actual.bell == expected.bell);
  REQUIRE(actual.phases.size() == expected.phases.size());
  for (std::size_t i = 0; i < expected.phases.size(); ++i) {
    const PhasePlan& want = expected.phases[i];
    const PhasePlan& got = actual.phases[i];
    INFO("phase " << i << " '" << want.name << "'");
    CHECK(got.name == want.name);
    CHECK(got.minutes == want.minutes);
    CHECK(got.playlist == want.playlist);
    CHECK(got.at_playlist_end == want.at_playlist_end);
    CHECK(got.at_time_up == want.at_time_up);
    CHECK(got.fade_in_seconds == want.fade_in_seconds);
    CHECK(got.volume_db == want.volume_db);
    CHECK(got.crossfade_seconds == want.crossfade_seconds);
    CHECK(got.track_crossfade_seconds == want.track_crossfade_seconds);
    CHECK(got.bell == want.bell);
  }
  REQUIRE(actual.reminders.size() == expected.reminders.size());
  for (std::size_t i = 0; i < expected.reminders.size(); ++i) {
    const ReminderPlan& want = expected.reminders[i];
    const ReminderPlan& got = actual.reminders[i];
    INFO("reminder " << i << " '" << want.text << "'");
    CHECK(got.text == want.text);
    CHECK(got.anchor.kind == want.anchor.kind);
    CHECK(got.anchor.name == want.anchor.name);
    CHECK(got.after_minutes == want.after_minutes);
  }
}

// The one-phase test plan with its bell, ready for a test to change.
Plan test_plan(const PlanFolder& folder) {
  Plan plan = folder.load_ok(kPlanHead + "bell = \"bell.wav\"\n" + kOnePhase).plan;
  REQUIRE(plan.phases.size() == 1);
  return plan;
}

}  // namespace

TEST_CASE("plan_write: every bundled plan loads back the same after saving", "[plan_write]") {
  for (const char* name : {"kap-3h.toml", "iv-infusion.toml", "demo.toml"}) {
    INFO(name);
    const Plan original = load_ok(kBundledPlans / name).plan;
    holdspace::test::TempDir folder("holdspace-plan-write");
    const Plan reloaded = saved_and_loaded(original, folder / name);
    check_same_plan(original, reloaded);
    // Away from the plan's folder, the music is named absolute and so still found.
    CHECK(reloaded.phases[0].playlist == kBundledPlans / "demo/demo.m3u8");
    // Saving what was loaded back writes the same text: nothing drifts from save to save.
    require_saved(reloaded, folder / "again.toml");
    CHECK(read_text(folder / "again.toml") == read_text(folder / name));
  }
}

TEST_CASE("plan_write: a bundled plan saved beside its music keeps its relative paths", "[plan_write]") {
  holdspace::test::TempDir folder("holdspace-plan-write");
  fs::copy(kBundledPlans / "demo", folder / "demo", fs::copy_options::recursive);
  fs::copy_file(kBundledPlans / "kap-3h.toml", folder / "kap-3h.toml");
  const Plan original = load_ok(folder / "kap-3h.toml").plan;

  const Plan reloaded = saved_and_loaded(original, folder / "saved.toml");
  check_same_plan(original, reloaded);
  const std::string text = read_text(folder / "saved.toml");
  INFO(text);
  CHECK(contains(text, "\nbell = \"demo/bell.ogg\"\n"));
  CHECK(contains(text, "\nplaylist = \"demo/demo.m3u8\"\n"));
  CHECK(text.starts_with("# "));
  CHECK(contains(text, "kap-3h.toml"));  // the header points at the documented format
  CHECK(contains(text, "\nphase = \"Relaxation\"\n"));
  CHECK(contains(text, "\nmarker = \"dose\"\n"));
}

TEST_CASE("plan_write: names and texts with quotes, backslashes, control characters and UTF-8 survive",
          "[plan_write]") {
  PlanFolder folder;
  Plan plan = test_plan(folder);
  plan.name = "Anna's \"deep\" session \\ C:\\music, Ökologie, 夜 🌙";
  plan.phases[0].name = "Tab\there, bell\x07 and DEL\x7F";
  plan.reminders.push_back({"Line one\nline two\r\n\"quoted\" \\ back", {ReminderAnchor::Kind::PhaseStart,
                                                                         plan.phases[0].name}, 2, 0});

  const Plan reloaded = saved_and_loaded(plan, folder / "saved.toml");
  check_same_plan(plan, reloaded);
  const std::string text = read_text(folder / "saved.toml");
  INFO(text);
  CHECK(contains(text, "Ökologie, 夜 🌙"));  // UTF-8 stays readable, not \u-escaped
  CHECK(contains(text, "\\u0007"));
  CHECK(contains(text, "\\u007F"));
}

TEST_CASE("plan_write: a playlist under the plan's folder is written relative, one elsewhere absolute",
          "[plan_write]") {
  PlanFolder folder;
  holdspace::test::TempDir elsewhere("holdspace-plan-write-music");
  write_file(elsewhere / "far.m3u8", "#EXTM3U\nfar.ogg\n");
  write_file(elsewhere / "far.ogg", "not decoded by load_plan");
  // A sibling of the plan's folder, reached with "..": not under it, so absolute too.
  write_file(folder / "plans/plan.toml", "");
  Plan plan = test_plan(folder);
  PhasePlan far = plan.phases[0];
  far.name = "Far";
  far.playlist = elsewhere / "far.m3u8";
  plan.phases.push_back(far);

  const fs::path in_subfolder = folder / "plans/plan.toml";
  const std::string text_beside = plan_to_toml(plan, folder / "saved.toml");
  const std::string text_below = plan_to_toml(plan, in_subfolder);
  INFO(text_beside);
  INFO(text_below);
  CHECK(contains(text_beside, "\nplaylist = \"music/calm.m3u8\"\n"));
  CHECK(contains(text_beside, "\nbell = \"bell.wav\"\n"));
  CHECK(contains(text_beside, "\nplaylist = \"" + (elsewhere / "far.m3u8").generic_string() + "\"\n"));
  CHECK(contains(text_below, "\nplaylist = \"" + (folder / "music/calm.m3u8").generic_string() + "\"\n"));
  CHECK(contains(text_below, "\nbell = \"" + (folder / "bell.wav").generic_string() + "\"\n"));

  check_same_plan(plan, saved_and_loaded(plan, folder / "saved.toml"));
  check_same_plan(plan, saved_and_loaded(plan, in_subfolder));
}

TEST_CASE("plan_write: values other than the defaults survive", "[plan_write]") {
  PlanFolder folder;
  Plan plan = test_plan(folder);
  plan.max_volume_db = -2;
  plan.target_lufs = -20;
  plan.ceiling_dbtp = -1.5;
  plan.talk_duck_db = -10;
  plan.fade_out_seconds = 12;
  PhasePlan& phase = plan.phases[0];
  phase.minutes = 1.5;
  phase.at_playlist_end = PlaylistEnd::Silence;
  phase.at_time_up = TimeUp::Advance;
  phase.bell = true;
  phase.volume_db = -20;
  phase.fade_in_seconds = 4.25;
  phase.crossfade_seconds = 0;
  phase.track_crossfade_seconds = 2;
  plan.reminders.push_back({"A third in", {ReminderAnchor::Kind::Marker, "vitals"}, 1.0 / 3.0, 0});

  const Plan reloaded = saved_and_loaded(plan, folder / "saved.toml");
  check_same_plan(plan, reloaded);
  const std::string text = read_text(folder / "saved.toml");
  INFO(text);
  for (const char* line : {"max_volume_db = -2", "target_lufs = -20", "ceiling_dbtp = -1.5", "talk_duck_db = -10",
                           "fade_out_seconds = 12", "minutes = 1.5", "at_playlist_end = \"silence\"",
                           "at_time_up = \"advance\"", "volume_db = -20", "fade_in_seconds = 4.25",
                           "crossfade_seconds = 0", "track_crossfade_seconds = 2", "bell = true",
                           "after_minutes = 0.3333333333333333"}) {
    CHECK(contains(text, std::string("\n") + line + "\n"));
  }
}

TEST_CASE("plan_write: numbers are written as short as they can be and still read back exactly",
          "[plan_write]") {
  PlanFolder folder;
  Plan plan = test_plan(folder);
  plan.phases[0].minutes = 20;
  plan.reminders.push_back({"Soon", {ReminderAnchor::Kind::Marker, "dose"}, 0.1, 0});
  const std::string text = plan_to_toml(plan, folder / "saved.toml");
  INFO(text);
  CHECK(contains(text, "\nminutes = 20\n"));
  CHECK(contains(text, "\nafter_minutes = 0.1\n"));
  CHECK_FALSE(contains(text, ".000"));
}

TEST_CASE("plan_write: keys left at their defaults are not written", "[plan_write]") {
  PlanFolder folder;
  Plan plan = test_plan(folder);
  // A silent phase, and a plan whose ceiling is the phases' default level.
  PhasePlan silent = plan.phases[0];
  silent.name = "Quiet";
  silent.playlist.clear();
  plan.phases.push_back(silent);
  plan.max_volume_db = -6;
  for (PhasePlan& phase : plan.phases) phase.volume_db = -6;

  const std::string text = plan_to_toml(plan, folder / "saved.toml");
  INFO(text);
  for (const char* key : {"fade_in_seconds", "crossfade_seconds", "track_crossfade_seconds",
                          "at_playlist_end", "at_time_up", "volume_db", "bell = true", "bell = false"}) {
    INFO(key);
    CHECK_FALSE(contains(text, std::string("\n") + key));
  }
  CHECK(contains(text, "\nmax_volume_db = -6\n"));
  CHECK(contains(text, "\nbell = \"bell.wav\"\n"));  // the plan's bell file is set, so it is written
  // One playlist for two phases: the silent one has none.
  CHECK(text.find("playlist = ") == text.rfind("playlist = "));
  check_same_plan(plan, saved_and_loaded(plan, folder / "saved.toml"));

  plan.max_volume_db = 0;
  plan.bell.reset();
  const std::string bare = plan_to_toml(plan, folder / "saved.toml");
  INFO(bare);
  CHECK_FALSE(contains(bare, "max_volume_db"));
  CHECK_FALSE(contains(bare, "bell"));
  CHECK(contains(bare, "\nvolume_db = -6\n"));  // no longer the default once the ceiling is 0
}

TEST_CASE("plan_write: a plan that would be refused is not written", "[plan_write]") {
  PlanFolder folder;
  const Plan good = test_plan(folder);
  const fs::path target = folder / "saved.toml";

  Plan same_names = good;
  same_names.phases.push_back(good.phases[0]);
  same_names.phases[1].name = "CALM";  // names differing only in case count as the same
  Plan no_minutes = good;
  no_minutes.phases[0].minutes = 0;
  Plan bell_without_file = good;
  bell_without_file.bell.reset();
  bell_without_file.phases[0].bell = true;
  Plan unknown_phase = good;
  unknown_phase.reminders.push_back({"Check", {ReminderAnchor::Kind::PhaseStart, "Nowhere"}, 1, 0});

  const std::vector<std::pair<Plan, std::string>> refused = {
      {same_names, "already exists"},
      {no_minutes, "minutes must be more than 0"},
      {bell_without_file, "names no bell file"},
      {unknown_phase, "no phase named 'Nowhere'"}};
  const std::vector<fs::path> before = files_in(folder.path());
  for (const auto& [plan, problem] : refused) {
    INFO(problem);
    const Status saved = save_plan(plan, target);
    REQUIRE_FALSE(saved.ok());
    const std::string& message = saved.error().message;
    INFO(message);
    CHECK(message.starts_with(target.string() + ":"));
    CHECK(contains(message, problem));
    CHECK(message.find('\n') == std::string::npos);
    CHECK(files_in(folder.path()) == before);  // no plan, and no temporary file left behind
  }

  // Nor is a plan already there touched.
  write_file(target, "the plan as it was\n");
  CHECK_FALSE(save_plan(no_minutes, target).ok());
  CHECK(read_text(target) == "the plan as it was\n");
}

TEST_CASE("plan_write: saving where the folder is missing fails with one line naming the file",
          "[plan_write]") {
  PlanFolder folder;
  const Plan plan = test_plan(folder);
  write_file(folder / "not-a-folder", "a file");
  for (const fs::path& target : {folder / "missing/plan.toml", folder / "not-a-folder/plan.toml"}) {
    const Status saved = save_plan(plan, target);
    REQUIRE_FALSE(saved.ok());
    const std::string& message = saved.error().message;
    INFO(message);
    CHECK(message.starts_with(target.string() + ": cannot save the plan: "));
    CHECK(message.find('\n') == std::string::npos);
  }
  CHECK_FALSE(fs::exists(folder / "missing"));
}

TEST_CASE("plan_write: a new plan is the owner's only, a replaced plan keeps its mode", "[plan_write]") {
  PlanFolder folder;
  const Plan plan = test_plan(folder);
  require_saved(plan, folder / "new.toml");
  CHECK((fs::status(folder / "new.toml").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));

  write_file(folder / "shared.toml", "old\n");
  fs::permissions(folder / "shared.toml", fs::perms::owner_read | fs::perms::owner_write |
                                              fs::perms::group_read | fs::perms::others_read);
  require_saved(plan, folder / "shared.toml");
  CHECK((fs::status(folder / "shared.toml").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
  CHECK(read_text(folder / "shared.toml") == read_text(folder / "new.toml"));
}
