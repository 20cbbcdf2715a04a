// Loading a good plan: the defaults a phase gets, paths resolved against the plan's folder, the
// text kept for the journal, parse_plan from memory, and the warnings a usable plan can carry.
#include <catch2/catch.hpp>

#include "plan_test_support.h"
#include "session/plan.h"

using namespace holdspace::session;
using holdspace::Result;
using holdspace::session::test::kOnePhase;
using holdspace::session::test::kPlanHead;
using holdspace::session::test::PlanFolder;
using holdspace::session::test::write_file;

TEST_CASE("plan: a phase left to its defaults", "[plan]") {
  PlanFolder folder;
  const LoadedPlan loaded = folder.load_ok(kPlanHead + kOnePhase);
  const Plan& plan = loaded.plan;
  CHECK(plan.name == "Test plan");
  CHECK(plan.max_volume_db == 0.0);
  CHECK(plan.target_lufs == -18.0);
  CHECK(plan.ceiling_dbtp == -1.0);
  CHECK(plan.talk_duck_db == -15.0);
  CHECK(plan.fade_out_seconds == 8.0);
  CHECK_FALSE(plan.bell);
  CHECK(plan.reminders.empty());
  REQUIRE(plan.phases.size() == 1);
  const PhasePlan& phase = plan.phases[0];
  CHECK(phase.name == "Calm");
  CHECK(phase.minutes == 10.0);
  CHECK(phase.at_playlist_end == PlaylistEnd::Loop);
  CHECK(phase.at_time_up == TimeUp::Hold);
  CHECK(phase.fade_in_seconds == 3.0);
  CHECK(phase.volume_db == 0.0);
  CHECK(phase.crossfade_seconds == 8.0);
  CHECK(phase.track_crossfade_seconds == 0.0);
  CHECK_FALSE(phase.bell);
  CHECK(phase.line == 2);
  CHECK(loaded.warnings.empty());
}

TEST_CASE("plan: every phase key read as written", "[plan]") {
  PlanFolder folder;
  const Plan plan = folder
                        .load_ok(kPlanHead +
                                 "max_volume_db = -2\n"
                                 "target_lufs = -20\n"
                                 "ceiling_dbtp = -2\n"
                                 "talk_duck_db = -12\n"
                                 "fade_out_seconds = 10\n"
                                 "bell = \"bell.wav\"\n"
                                 "[[phase]]\n"
                                 "name = \"Deep\"\n"
                                 "minutes = 12.5\n"
                                 "playlist = \"music/calm.m3u8\"\n"
                                 "at_playlist_end = \"loop\"\n"
                                 "at_time_up = \"advance\"\n"
                                 "fade_in_seconds = 4.5\n"
                                 "volume_db = -7\n"
                                 "crossfade_seconds = 0\n"
                                 "track_crossfade_seconds = 2\n"
                                 "bell = true\n")
                        .plan;
  CHECK(plan.max_volume_db == -2.0);
  CHECK(plan.target_lufs == -20.0);
  CHECK(plan.ceiling_dbtp == -2.0);
  CHECK(plan.talk_duck_db == -12.0);
  CHECK(plan.fade_out_seconds == 10.0);
  REQUIRE(plan.phases.size() == 1);
  const PhasePlan& phase = plan.phases[0];
  CHECK(phase.minutes == 12.5);
  CHECK(phase.at_time_up == TimeUp::Advance);
  CHECK(phase.fade_in_seconds == 4.5);
  CHECK(phase.volume_db == -7.0);
  CHECK(phase.crossfade_seconds == 0.0);
  CHECK(phase.track_crossfade_seconds == 2.0);
  CHECK(phase.bell);
}

TEST_CASE("plan: a phase with no volume_db plays at a ceiling below 0 dB", "[plan]") {
  PlanFolder folder;
  const Plan plan = folder.load_ok(kPlanHead + "max_volume_db = -6\n" + kOnePhase).plan;
  CHECK(plan.phases[0].volume_db == -6.0);
}

TEST_CASE("plan: playlist and bell paths resolve against the plan's folder", "[plan]") {
  PlanFolder folder;
  // The plan sits in a subfolder and reaches up with "..", as a plan beside its music might.
  write_file(folder / "plans/nested/plan.toml",
             kPlanHead + "bell = \"../../bell.wav\"\n" +
                 "[[phase]]\nname = \"Calm\"\nminutes = 10\nplaylist = \"../../music/calm.m3u8\"\n");
  Result<LoadedPlan> loaded = load_plan(folder / "plans/nested/plan.toml");
  INFO((loaded ? std::string("loaded") : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(loaded->plan.phases[0].playlist == folder / "music/calm.m3u8");
  REQUIRE(loaded->plan.bell);
  CHECK(*loaded->plan.bell == folder / "bell.wav");
  CHECK(loaded->plan.phases[0].playlist.is_absolute());
}

TEST_CASE("plan: an absolute playlist path is kept as it is", "[plan]") {
  PlanFolder folder;
  const std::string absolute = (folder / "music/calm.m3u8").string();
  const Plan plan =
      folder
          .load_ok(kPlanHead + "[[phase]]\nname = \"Calm\"\nminutes = 10\nplaylist = \"" + absolute + "\"\n")
          .plan;
  CHECK(plan.phases[0].playlist == absolute);
}

TEST_CASE("plan: the text is kept for the journal, and the source is absolute", "[plan]") {
  PlanFolder folder;
  const std::string text = kPlanHead + "# a comment the snapshot must keep\n" + kOnePhase;
  const Plan plan = folder.load_ok(text).plan;
  CHECK(plan.toml_text == text);
  CHECK(plan.source == folder.plan_path());
  CHECK(plan.source.is_absolute());
}

TEST_CASE("plan: planned_minutes adds up every phase", "[plan]") {
  PlanFolder folder;
  const Plan plan = folder
                        .load_ok(kPlanHead + kOnePhase +
                                 "[[phase]]\nname = \"Two\"\nminutes = 2.5\nplaylist = \"music/calm.m3u8\"\n")
                        .plan;
  CHECK(plan.planned_minutes() == 12.5);
  CHECK(Plan{}.planned_minutes() == 0.0);
}

TEST_CASE("parse_plan: from text in memory, with paths against the given folder", "[plan]") {
  PlanFolder folder;
  const std::string text = kPlanHead + "bell = \"bell.wav\"\n" + kOnePhase;
  Result<LoadedPlan> loaded = parse_plan(text, "journal-snapshot.toml", folder.path());
  INFO((loaded ? std::string("loaded") : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(loaded->plan.source == "journal-snapshot.toml");
  CHECK(loaded->plan.toml_text == text);
  CHECK(loaded->plan.phases[0].playlist == folder / "music/calm.m3u8");
  CHECK(*loaded->plan.bell == folder / "bell.wav");

  // Errors name the source it was given, not a file on disk.
  Result<LoadedPlan> broken =
      parse_plan(kPlanHead + "[[phase]]\nname = \"X\"\nminutes = -1\n", "snapshot", folder.path());
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message ==
        "snapshot:4: minutes must be more than 0, not -1 (give the phase's planned length in minutes)");

  // Relative to the given folder, not the working directory.
  Result<LoadedPlan> elsewhere = parse_plan(text, "snapshot", folder / "music");
  REQUIRE_FALSE(elsewhere.ok());
  CHECK(elsewhere.error().message.starts_with("snapshot:2: bell file not found: " +
                                              (folder / "music/bell.wav").string()));
}

TEST_CASE("plan warnings: silence at the playlist's end, and a phase with no playlist", "[plan]") {
  PlanFolder folder;
  const LoadedPlan loaded = folder.load_ok(kPlanHead + kOnePhase +
                                           "at_playlist_end = \"silence\"\n"
                                           "[[phase]]\n"
                                           "name = \"Quiet talk\"\n"
                                           "minutes = 5\n");
  REQUIRE(loaded.warnings.size() == 2);
  CHECK(loaded.warnings[0].line == 6);
  CHECK(loaded.warnings[0].message ==
        "the client will hear silence if the playlist runs out before the phase ends "
        "(use at_playlist_end = \"loop\" to keep the music going)");
  CHECK(loaded.warnings[1].line == 7);
  CHECK(loaded.warnings[1].message ==
        "phase 'Quiet talk' has no playlist, so the client hears silence in it "
        "(add playlist = \"...\" if music should play)");
  CHECK(loaded.plan.phases[0].at_playlist_end == PlaylistEnd::Silence);
  CHECK(loaded.plan.phases[1].playlist.empty());
  CHECK(format_warning("plan.toml", loaded.warnings[0])
            .starts_with("plan.toml:6: warning: the client will hear"));
}

TEST_CASE("plan warnings: a silent phase is warned about once, not twice", "[plan]") {
  PlanFolder folder;
  const LoadedPlan loaded =
      folder.load_ok(kPlanHead + "[[phase]]\nname = \"Quiet\"\nminutes = 5\nat_playlist_end = \"silence\"\n");
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].message.starts_with("phase 'Quiet' has no playlist"));
}

TEST_CASE("plan warnings: playlist entries that cannot play, while others can", "[plan]") {
  PlanFolder folder;
  write_file(folder / "music/gaps.m3u8", "#EXTM3U\na.ogg\ngone.ogg\nhttp://radio.example/stream\n");
  const LoadedPlan loaded = folder.load_ok(
      kPlanHead + "[[phase]]\nname = \"Calm\"\nminutes = 10\nplaylist = \"music/gaps.m3u8\"\n");
  REQUIRE(loaded.warnings.size() == 2);
  for (const PlanWarning& warning : loaded.warnings) {
    CHECK(warning.line == 5);
    CHECK(warning.message.starts_with("playlist 'music/gaps.m3u8' line "));
  }
  const bool names_missing_track = loaded.warnings[0].message.find("gone.ogg") != std::string::npos ||
                                   loaded.warnings[1].message.find("gone.ogg") != std::string::npos;
  CHECK(names_missing_track);
}

TEST_CASE("plan warnings: a phase-anchored reminder after the phase's planned end", "[plan]") {
  PlanFolder folder;
  const LoadedPlan loaded = folder.load_ok(
      kPlanHead + kOnePhase + "[[reminder]]\ntext = \"Late\"\nphase = \"Calm\"\nafter_minutes = 15\n");
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].line == 6);
  CHECK(loaded.warnings[0].message ==
        "this reminder comes 15 minutes into 'Calm', which is planned for 10 minutes "
        "(check the time; the phase may have ended by then)");
}

TEST_CASE("plan: reminders anchored to a marker or to a phase start", "[plan]") {
  PlanFolder folder;
  const Plan plan =
      folder
          .load_ok(kPlanHead + kOnePhase +
                   "[[reminder]]\ntext = \"BP\"\nmarker = \"dose\"\nafter_minutes = 40\n"
                   "[[reminder]]\ntext = \"Check in\"\nphase = \"Calm\"\nafter_minutes = 0\n"
                   "[[reminder]]\ntext = \"Booster?\"\nmarker = \"booster\"\nafter_minutes = 0.5\n")
          .plan;
  REQUIRE(plan.reminders.size() == 3);
  CHECK(plan.reminders[0].text == "BP");
  CHECK(plan.reminders[0].anchor.kind == ReminderAnchor::Kind::Marker);
  CHECK(plan.reminders[0].anchor.name == "dose");
  CHECK(plan.reminders[0].after_minutes == 40);
  CHECK(plan.reminders[0].line == 6);
  CHECK(plan.reminders[1].anchor.kind == ReminderAnchor::Kind::PhaseStart);
  CHECK(plan.reminders[1].anchor.name == "Calm");
  CHECK(plan.reminders[2].anchor.name == "booster");
  CHECK(plan.reminders[2].after_minutes == 0.5);
}

TEST_CASE("plan: inline tables and a UTF-8 byte-order mark are fine", "[plan]") {
  PlanFolder folder;
  const Plan plan =
      folder
          .load_ok("\xEF\xBB\xBF" + kPlanHead +
                   "phase = [{ name = \"Calm\", minutes = 3, playlist = \"music/calm.m3u8\" }]\n")
          .plan;
  REQUIRE(plan.phases.size() == 1);
  CHECK(plan.phases[0].minutes == 3);
}

TEST_CASE("load_plan: a plan file that cannot be read", "[plan]") {
  PlanFolder folder;
  Result<LoadedPlan> missing = load_plan(folder / "nope.toml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == (folder / "nope.toml").string() + ": plan not found (check the path)");

  Result<LoadedPlan> dir = load_plan(folder / "music");
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.error().message ==
        (folder / "music").string() + ": is a folder, not a plan (name the plan's .toml file)");
}
