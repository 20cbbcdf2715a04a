// PlanDraft: a plan and its playlists edited together in the Prepare view and saved together.
// What it saves must load as a session would load it, and a plan that would be refused must
// never replace the one on disk.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "playlist/playlist.h"
#include "prepare/plan_draft.h"
#include "session/plan.h"
#include "support/child_process.h"
#include "support/test_audio.h"
#include "unit/prepare/prepare_test_files.h"

using holdspace::prepare::PhaseFit;
using holdspace::prepare::PlanDraft;
using holdspace::prepare::PlaylistDraft;
using holdspace::session::LoadedPlan;
using holdspace::session::Plan;
using holdspace::session::ReminderAnchor;
using holdspace::session::ReminderPlan;
using holdspace::test::TempDir;
namespace fs = std::filesystem;

using holdspace::test::contains;
using holdspace::test::paths_on_disk;
using holdspace::test::read_text;
using holdspace::test::write_file;
using holdspace::test::write_tone;

namespace {

std::vector<std::string> phase_names(const Plan& plan) {
  std::vector<std::string> names;
  for (const auto& phase : plan.phases) names.push_back(phase.name);
  return names;
}

LoadedPlan saved_ok(PlanDraft& draft) {
  auto saved = draft.save();
  INFO((saved ? std::string("saved") : saved.error().message));
  REQUIRE(saved.ok());
  return std::move(saved).value();
}

ReminderPlan reminder(std::string text, ReminderAnchor::Kind kind, std::string anchor) {
  ReminderPlan made;
  made.text = std::move(text);
  made.anchor = ReminderAnchor{kind, std::move(anchor)};
  made.after_minutes = 5;
  return made;
}

// The KAP plan with three reminders: two counted from the dosing phase, one from a marker.
PlanDraft kap_with_reminders(const fs::path& file) {
  Plan plan = PlanDraft::new_kap_plan(file).plan();
  plan.reminders = {reminder("check in", ReminderAnchor::Kind::PhaseStart, "Dosing"),
                    reminder("offer water", ReminderAnchor::Kind::PhaseStart, "Integration"),
                    reminder("blood pressure", ReminderAnchor::Kind::Marker, "dose"),
                    reminder("lower the lights", ReminderAnchor::Kind::PhaseStart, "Dosing")};
  return PlanDraft(std::move(plan));
}

// A plan on disk: plan.toml, two WAVs, calm.m3u8 (a then b) shared by two phases, and a silent
// phase with a reminder.
struct PlanOnDisk {
  TempDir dir{"holdspace-prepare-plan"};
  fs::path plan_file = dir / "plan.toml";
  fs::path a = dir / "music/a.wav";
  fs::path b = dir / "music/b.wav";
  fs::path calm = dir / "calm.m3u8";

  PlanOnDisk() {
    write_tone(a, 2.0);
    write_tone(b, 1.0);
    write_file(calm, "#EXTM3U\nmusic/a.wav\nmusic/b.wav\n");
    write_file(plan_file,
               "name = \"Tuesday\"\n"
               "\n[[phase]]\nname = \"Arrival\"\nminutes = 10\nplaylist = \"calm.m3u8\"\n"
               "\n[[phase]]\nname = \"Quiet\"\nminutes = 5\n"
               "\n[[phase]]\nname = \"Return\"\nminutes = 10\nplaylist = \"calm.m3u8\"\n"
               "\n[[reminder]]\ntext = \"ask how it was\"\nphase = \"Return\"\nafter_minutes = 2\n");
  }

  PlanDraft draft() const {
    auto loaded = holdspace::session::load_plan(plan_file);
    INFO((loaded ? std::string("loaded") : loaded.error().message));
    REQUIRE(loaded.ok());
    return PlanDraft(std::move(loaded).value().plan);
  }
};

}  // namespace

TEST_CASE("PlanDraft::new_kap_plan has the four KAP phases and is not saved yet", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  const PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");

  CHECK(draft.modified());
  CHECK(draft.file() == dir / "kap.toml");
  CHECK_FALSE(draft.plan().name.empty());
  CHECK(phase_names(draft.plan()) ==
        std::vector<std::string>{"Intention setting", "Relaxation", "Dosing", "Integration"});
  REQUIRE(draft.plan().phases.size() == 4);
  CHECK(draft.plan().phases[0].minutes == 20);
  CHECK(draft.plan().phases[1].minutes == 15);
  CHECK(draft.plan().phases[2].minutes == 90);
  CHECK(draft.plan().phases[3].minutes == 55);
  for (const auto& phase : draft.plan().phases) CHECK(phase.playlist.empty());
}

TEST_CASE("PlanDraft: a loaded plan is unmodified until edited, and reading a playlist is no edit", "[prepare]") {
  PlanOnDisk disk;
  PlanDraft draft = disk.draft();
  CHECK_FALSE(draft.modified());

  REQUIRE(draft.playlist_of(0) != nullptr);
  CHECK_FALSE(draft.modified());

  draft.playlist_of(0)->remove(1);
  CHECK(draft.modified());
}

TEST_CASE("PlanDraft::rename_phase takes the reminders counted from that phase along", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  PlanDraft draft = kap_with_reminders(dir / "kap.toml");

  draft.rename_phase(2, "Medicine");

  CHECK(draft.plan().phases[2].name == "Medicine");
  const auto& reminders = draft.plan().reminders;
  CHECK(reminders[0].anchor.name == "Medicine");
  CHECK(reminders[1].anchor.name == "Integration");
  CHECK(reminders[2].anchor.name == "dose");  // a marker, whatever the phases are called
  CHECK(reminders[3].anchor.name == "Medicine");
  CHECK(draft.modified());
}

TEST_CASE("PlanDraft::remove_phase removes the reminders counted from it and names them", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  PlanDraft draft = kap_with_reminders(dir / "kap.toml");

  const std::vector<std::string> removed = draft.remove_phase(2);

  CHECK(phase_names(draft.plan()) == std::vector<std::string>{"Intention setting", "Relaxation", "Integration"});
  REQUIRE(removed.size() == 2);
  CHECK(contains(removed[0], "check in"));
  CHECK(contains(removed[1], "lower the lights"));
  REQUIRE(draft.plan().reminders.size() == 2);
  CHECK(draft.plan().reminders[0].text == "offer water");
  CHECK(draft.plan().reminders[1].text == "blood pressure");
}

TEST_CASE("PlanDraft::add_phase appends a phase with a name no other phase has", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");
  draft.rename_phase(0, "Phase 6");

  CHECK(draft.add_phase() == 4);
  CHECK(draft.add_phase() == 5);

  CHECK(phase_names(draft.plan()) == std::vector<std::string>{"Phase 6", "Relaxation", "Dosing", "Integration",
                                                              "Phase 5", "Phase 7"});
  CHECK(draft.plan().phases[4].minutes > 0);
  CHECK(draft.plan().phases[4].playlist.empty());
}

// The parser holds names that differ only in case to be the same name.
TEST_CASE("PlanDraft::add_phase avoids a name that differs from another only in case", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");
  draft.rename_phase(0, "phase 5");

  const int added = draft.add_phase();

  CHECK(draft.plan().phases[std::size_t(added)].name != "Phase 5");
  const auto saved = draft.save();
  INFO((saved ? std::string("saved") : saved.error().message));
  CHECK(saved.ok());
}

TEST_CASE("PlanDraft::move_phase moves a phase to the given index and back", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");

  draft.move_phase(0, 3);
  CHECK(phase_names(draft.plan()) ==
        std::vector<std::string>{"Relaxation", "Dosing", "Integration", "Intention setting"});
  CHECK(draft.plan().phases[3].minutes == 20);

  draft.move_phase(3, 0);
  CHECK(phase_names(draft.plan()) ==
        std::vector<std::string>{"Intention setting", "Relaxation", "Dosing", "Integration"});

  draft.move_phase(0, 4);  // out of range: ignored
  CHECK(draft.plan().phases[0].name == "Intention setting");
}

TEST_CASE("PlanDraft::new_playlist_for names the playlist after the phase, beside the plan", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");
  draft.rename_phase(3, "Initial integration");
  draft.rename_phase(1, "Initial  Integration!");  // another name, the same file name

  PlaylistDraft& first = draft.new_playlist_for(3);
  CHECK(first.file() == dir / "initial-integration.m3u8");
  CHECK(first.modified());
  CHECK(first.tracks().empty());
  CHECK(draft.plan().phases[3].playlist == dir / "initial-integration.m3u8");
  CHECK(draft.playlist_of(3) == &first);

  const PlaylistDraft& second = draft.new_playlist_for(1);
  CHECK(second.file() == dir / "initial-integration-2.m3u8");
  CHECK(draft.plan().phases[1].playlist == dir / "initial-integration-2.m3u8");
}

TEST_CASE("PlanDraft::new_playlist_for does not take the name of a file already there", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  write_file(dir / "dosing.m3u8", "#EXTM3U\n");
  PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");

  CHECK(draft.new_playlist_for(2).file() == dir / "dosing-2.m3u8");
  CHECK(read_text(dir / "dosing.m3u8") == "#EXTM3U\n");
}

TEST_CASE("PlanDraft::save writes the new playlist and the plan, which loads with the edits", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  write_tone(dir / "music/deep.wav", 3.0);
  PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");
  draft.set_name("Anna, third session");
  draft.phase(2).minutes = 100;
  draft.touch();
  REQUIRE(draft.new_playlist_for(2).add({dir / "music/deep.wav"}).empty());

  const LoadedPlan loaded = saved_ok(draft);

  CHECK_FALSE(draft.modified());
  CHECK(fs::exists(dir / "kap.toml"));
  CHECK(paths_on_disk(dir / "dosing.m3u8") == std::vector<fs::path>{dir / "music/deep.wav"});
  CHECK(loaded.plan.source == dir / "kap.toml");
  CHECK(loaded.plan.name == "Anna, third session");
  CHECK(phase_names(loaded.plan) ==
        std::vector<std::string>{"Intention setting", "Relaxation", "Dosing", "Integration"});
  CHECK(loaded.plan.phases[2].minutes == 100);
  CHECK(loaded.plan.phases[2].playlist == dir / "dosing.m3u8");
  CHECK(loaded.plan.phases[0].playlist.empty());
  // What was saved is what a session loads, not just what save() returned.
  const auto reloaded = holdspace::session::load_plan(dir / "kap.toml");
  REQUIRE(reloaded.ok());
  CHECK(reloaded->plan.phases[2].playlist == dir / "dosing.m3u8");
  CHECK(reloaded->plan.name == "Anna, third session");
}

TEST_CASE("PlanDraft::save keeps reminders following a renamed phase", "[prepare]") {
  PlanOnDisk disk;
  PlanDraft draft = disk.draft();
  draft.rename_phase(2, "Coming back");

  const LoadedPlan loaded = saved_ok(draft);

  REQUIRE(loaded.plan.reminders.size() == 1);
  CHECK(loaded.plan.reminders[0].anchor.name == "Coming back");
  CHECK(loaded.plan.phases[2].name == "Coming back");
}

TEST_CASE("PlanDraft::save writes a changed PLS as an M3U8 beside it and points the plan there", "[prepare]") {
  PlanOnDisk disk;
  const std::string pls_text = "[playlist]\nFile1=music/a.wav\nFile2=music/b.wav\nNumberOfEntries=2\n";
  write_file(disk.dir / "calm.pls", pls_text);
  write_file(disk.plan_file, "name = \"PLS plan\"\n[[phase]]\nname = \"Arrival\"\nminutes = 10\nplaylist = \"calm.pls\"\n");
  PlanDraft draft = disk.draft();
  REQUIRE(draft.playlist_of(0) != nullptr);
  draft.playlist_of(0)->move(0, 1);

  const LoadedPlan loaded = saved_ok(draft);

  const fs::path converted = disk.dir / "calm-2.m3u8";  // calm.m3u8 is already there
  CHECK(loaded.plan.phases[0].playlist == converted);
  CHECK(draft.plan().phases[0].playlist == converted);
  CHECK(paths_on_disk(converted) == std::vector<fs::path>{disk.b, disk.a});
  CHECK(read_text(disk.dir / "calm.pls") == pls_text);
  CHECK(paths_on_disk(disk.calm) == std::vector<fs::path>{disk.a, disk.b});  // someone else's
}

TEST_CASE("PlanDraft::save leaves an unchanged PLS where it is", "[prepare]") {
  PlanOnDisk disk;
  write_file(disk.dir / "calm.pls", "[playlist]\nFile1=music/a.wav\n");
  write_file(disk.plan_file, "name = \"PLS plan\"\n[[phase]]\nname = \"Arrival\"\nminutes = 10\nplaylist = \"calm.pls\"\n");
  PlanDraft draft = disk.draft();
  REQUIRE(draft.playlist_of(0) != nullptr);
  draft.set_name("Renamed");

  const LoadedPlan loaded = saved_ok(draft);

  CHECK(loaded.plan.phases[0].playlist == disk.dir / "calm.pls");
  CHECK_FALSE(fs::exists(disk.dir / "calm-2.m3u8"));
}

TEST_CASE("PlanDraft::save refuses a plan that would not load and keeps the old file", "[prepare]") {
  PlanOnDisk disk;
  const std::string before = read_text(disk.plan_file);
  PlanDraft draft = disk.draft();
  draft.rename_phase(0, "Same");
  draft.rename_phase(1, "Same");

  const auto saved = draft.save();

  REQUIRE_FALSE(saved.ok());
  const std::string& message = saved.error().message;
  CHECK(message.starts_with(disk.plan_file.string() + ":"));
  CHECK(contains(message, "Same"));
  CHECK(message.find('\n') == std::string::npos);
  CHECK(read_text(disk.plan_file) == before);
  CHECK(draft.modified());
}

// A save that fails on one playlist must leave the others (and their phases) as they were, so a
// retry after the fix saves every phase's music, not silence.
TEST_CASE("PlanDraft::save that fails on one playlist keeps the others, and a retry keeps their phases' music",
          "[prepare]") {
  PlanOnDisk disk;
  // A real WAV whose name write_m3u8 refuses (a line break cannot go into an M3U8).
  const fs::path odd = disk.dir / "music/odd\nname.wav";
  write_tone(odd, 1.0);
  PlanDraft draft = disk.draft();
  REQUIRE(draft.playlist_of(0) != nullptr);
  draft.playlist_of(0)->move(0, 1);  // calm.m3u8, written first
  PlaylistDraft& quiet = draft.new_playlist_for(1);  // quiet.m3u8, written after it
  REQUIRE(quiet.add({disk.a, odd}).empty());

  const auto failed = draft.save();
  REQUIRE_FALSE(failed.ok());
  CHECK(contains(failed.error().message, "line break"));

  REQUIRE(draft.playlist_of(0) != nullptr);
  CHECK(draft.playlist_of(0)->file() == disk.calm);
  CHECK(draft.playlist_of(0)->tracks().size() == 2);

  // The therapist takes out the track named in the message and saves again.
  draft.playlist_of(1)->remove(1);
  const LoadedPlan loaded = saved_ok(draft);
  CHECK(loaded.plan.phases[0].playlist == disk.calm);
  CHECK(loaded.plan.phases[1].playlist == disk.dir / "quiet.m3u8");
  CHECK(loaded.plan.phases[2].playlist == disk.calm);
  CHECK(paths_on_disk(disk.calm) == std::vector<fs::path>{disk.b, disk.a});
}

TEST_CASE("PlanDraft: phases sharing a playlist share one draft of it", "[prepare]") {
  PlanOnDisk disk;
  PlanDraft draft = disk.draft();

  CHECK(draft.phases_using(disk.calm) == 2);
  CHECK(draft.phases_using(disk.dir / "other.m3u8") == 0);
  CHECK(draft.phases_using(fs::path()) == 0);  // silent phases share nothing
  REQUIRE(draft.playlist_of(0) != nullptr);
  CHECK(draft.playlist_of(0) == draft.playlist_of(2));
  CHECK(draft.playlist_of(1) == nullptr);

  draft.new_playlist_for(2);
  CHECK(draft.phases_using(disk.calm) == 1);
}

TEST_CASE("PlanDraft::fit follows the tracks added to the phase's playlist", "[prepare]") {
  TempDir dir("holdspace-prepare-plan");
  write_tone(dir / "one.wav", 2.0);
  write_tone(dir / "two.wav", 1.0);
  PlanDraft draft = PlanDraft::new_kap_plan(dir / "kap.toml");

  CHECK(draft.fit(1).kind == PhaseFit::Kind::NoMusic);
  PlaylistDraft& playlist = draft.new_playlist_for(1);
  CHECK(draft.fit(1).kind == PhaseFit::Kind::NoMusic);

  REQUIRE(playlist.add({dir / "one.wav"}).empty());
  const PhaseFit one = draft.fit(1);
  CHECK(one.kind == PhaseFit::Kind::Loops);
  CHECK(one.music_seconds == Approx(2.0));
  CHECK(one.planned_seconds == 15 * 60);

  REQUIRE(playlist.add({dir / "two.wav"}).empty());
  CHECK(draft.fit(1).music_seconds == Approx(3.0));
}

TEST_CASE("PlanDraft: a playlist that cannot be read gives no draft and an error naming it", "[prepare]") {
  PlanOnDisk disk;
  PlanDraft draft = disk.draft();
  draft.set_playlist(1, disk.dir / "gone.m3u8");

  CHECK(draft.playlist_of(1) == nullptr);
  CHECK(contains(draft.playlist_error(1), (disk.dir / "gone.m3u8").string()));
  CHECK(draft.playlist_error(0).empty());
  CHECK(draft.fit(1).kind == PhaseFit::Kind::NoMusic);

  // Fixed on disk and chosen again, it is read afresh.
  write_file(disk.dir / "gone.m3u8", "#EXTM3U\nmusic/b.wav\n");
  draft.set_playlist(1, disk.dir / "gone.m3u8");
  REQUIRE(draft.playlist_of(1) != nullptr);
  CHECK(draft.playlist_of(1)->playable_seconds() == Approx(1.0));
}
