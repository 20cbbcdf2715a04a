// The session controller on the real journal (a SQLite file) and the real engine, pumped
// offline in step with a manual clock: commands reach the record before the audio, a crash is
// resumed from the record alone, and a journal that refuses writes does not stop the session.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "audio/mixer_messages.h"
#include "control/session_controller.h"
#include "support/offline_session.h"
#include "support/test_audio.h"

using namespace holdspace;
using journal::EventType;
using session::Command;

namespace {

const std::filesystem::path kDemoPlan = std::filesystem::path(HOLDSPACE_SOURCE_DIR) / "playlists/demo.toml";

Command command(Command::Type type) {
  Command c;
  c.type = type;
  return c;
}

// The output's peak over the next `seconds` of the session.
double peak_over(test::OfflineSession& run, double seconds) {
  std::vector<float> heard;
  run.play(seconds, &heard);
  return test::peak_of(heard, 0, heard.size());
}

// The device stalls, and is handled as DeviceWatch does: the mixer told to drop everything, the
// session told. Nothing is played for the next second, but the front end polls on.
void lose_device_for_a_second(test::OfflineSession& run) {
  audio::MixerCommand silence;
  silence.type = audio::MixerCommand::Type::Silence;
  REQUIRE(run.engine().mixer().send(silence));
  run.controller().device_lost("the test device", "the output the test device stopped playing");
  for (int i = 0; i < 50; ++i) {
    run.clock().advance_seconds(0.02);
    run.controller().poll();
  }
}

// The device plays again and the session is told: the output's peaks over the 4 s that follow.
struct Return {
  double first_tenth = 0.0;  // its first 0.1 s
  double last_tenth = 0.0;   // its last 0.1 s
  double whole = 0.0;
};

Return restore_device(test::OfflineSession& run) {
  run.controller().device_restored("the test device");
  std::vector<float> back;
  run.play(4.0, &back);
  const std::size_t tenth = std::size_t(run.engine().sample_rate() / 10) * 2;
  return {test::peak_of(back, 0, tenth), test::peak_of(back, back.size() - tenth, back.size()),
          test::peak_of(back, 0, back.size())};
}

// A phase of two tones of `seconds` each that loop, each crossfading into the next over its last
// 3 s (or half of it, if shorter).
std::filesystem::path write_crossfading_room(const std::filesystem::path& folder, int seconds) {
  test::write_audio(folder / "a.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::kRate, 2, seconds * test::kRate,
                    test::sine(330.0, test::kRate, 0.25f));
  test::write_audio(folder / "b.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, test::kRate, 2, seconds * test::kRate,
                    test::sine(550.0, test::kRate, 0.25f));
  std::ofstream(folder / "two.m3u8") << "#EXTM3U\na.wav\nb.wav\n";
  const auto plan = folder / "crossfading.toml";
  std::ofstream(plan) << "name = \"Two tones\"\n\n[[phase]]\nname = \"Journey\"\nminutes = 5\n"
                         "playlist = \"two.m3u8\"\nat_playlist_end = \"loop\"\ntrack_crossfade_seconds = 3\n";
  return plan;
}

}  // namespace

TEST_CASE("a session's commands and its music are recorded in the journal", "[controller]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), kDemoPlan, "C7");
  auto& session = run.controller();

  run.play(3.0);
  REQUIRE(session.command(command(Command::Type::Advance)).ok());
  run.play(1.0);
  const auto refused = session.command(command(Command::Type::Advance));
  REQUIRE_FALSE(refused.ok());  // within 2 s of the last change
  CHECK(refused.error().message.find("2 s") != std::string::npos);
  run.play(3.5);

  const auto view = session.snapshot();
  CHECK(view.phase == 1);
  CHECK(view.phase_name == "Settling");
  CHECK(view.phase_elapsed_seconds == Approx(4.5).margin(0.1));
  CHECK(view.track.index == 0);
  CHECK(view.journal_waiting == 0);

  CHECK(run.recorded(EventType::PhaseStarted).size() == 2);
  const auto tracks = run.recorded(EventType::TrackStarted);
  REQUIRE(tracks.size() == 2);
  CHECK(tracks[0].payload["phase"] == 0);
  CHECK(tracks[1].payload["phase"] == 1);
  // The first phase's track ended after the 4 s crossfade into the second.
  const auto ended = run.recorded(EventType::TrackEnded);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].payload["played_seconds"].get<double>() == Approx(3.0 + 4.0).margin(0.1));
}

TEST_CASE("a crashed session resumes from the journal alone, at the right track and offset", "[controller]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), kDemoPlan, "C8");
  run.play(2.5);
  REQUIRE(run.command(Command::Type::Advance).ok());
  run.play(20.0);
  run.crash();                        // the process dies here: nothing more is written
  run.clock().advance_seconds(30.0);  // holdspace is down for half a minute

  REQUIRE(run.resume().ok());
  run.play(1.0);
  const auto view = run.controller().snapshot();
  CHECK(view.phase == 1);
  // The phase clock counts from the phase's true start, through the time holdspace was down.
  CHECK(view.phase_elapsed_seconds == Approx(20.0 + 30.0 + 1.0).margin(0.2));
  const auto tracks = run.recorded(EventType::TrackStarted);
  REQUIRE(tracks.size() == 3);
  CHECK(tracks.back().payload["phase"] == 1);
  CHECK(tracks.back().payload["offset_seconds"].get<double>() == Approx(50.0).margin(1.0));
  CHECK(run.recorded(EventType::SessionResumed).size() == 1);
  CHECK(run.recorded(EventType::PhaseStarted).size() == 2);  // no phase restarted
}

// Resumed 6.5 s into a 10 s track, 3.5 s of it are left: less than two crossfades. The next
// track still starts where the timeline has it (7 s in), not a crossfade shortened to half of
// what was left, which would put the music behind the record that later resumes trust.
TEST_CASE("a track resumed near its end hands over to the next where the timeline says", "[controller]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), write_crossfading_room(dir.path(), 10), "C13");
  run.play(6.5);
  run.crash();
  REQUIRE(run.resume().ok());
  run.play(3.0);

  const auto tracks = run.recorded(EventType::TrackStarted);
  REQUIRE(tracks.size() == 3);  // a.wav, a.wav again from 6.5 s, then b.wav
  const auto& resumed = tracks[1];
  CHECK(resumed.payload["entry"] == 0);
  const double offset = resumed.payload["offset_seconds"].get<double>();
  CHECK(offset == Approx(6.5).margin(0.1));
  CHECK(resumed.payload["duration_seconds"].get<double>() == Approx(10.0));  // the whole file's, for review
  CHECK(tracks[2].payload["entry"] == 1);
  // Each start is recorded at the poll after it, up to 4 blocks (85 ms) late.
  const double due = double(resumed.session_ns) / 1e9 + (10.0 - 3.0 - offset);
  CHECK(double(tracks[2].session_ns) / 1e9 == Approx(due).margin(0.1));
}

// Two-second tracks with a 3 s crossfade hand over after 1 s each (half a track), so 5.5 s in
// the player is 0.5 s into its sixth start. A resume must count the same way.
TEST_CASE("a resume counts short tracks' hand-overs as the player makes them", "[controller]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), write_crossfading_room(dir.path(), 2), "C14");
  run.play(5.5);
  const auto before_crash = run.controller().snapshot().track;
  REQUIRE(before_crash.index == 1);
  REQUIRE(before_crash.position_seconds == Approx(0.5).margin(0.1));
  run.crash();
  REQUIRE(run.resume().ok());
  run.play(0.2);

  const auto resumed = run.recorded(EventType::TrackStarted).back();
  CHECK(resumed.payload["entry"] == 1);
  CHECK(resumed.payload["offset_seconds"].get<double>() == Approx(before_crash.position_seconds).margin(0.1));
}

TEST_CASE("after a lost device nothing is queued behind the silence: when it plays again the music only "
          "fades in",
          "[controller][device]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), kDemoPlan, "C10");
  auto& session = run.controller();
  run.play(3.0);  // past the phase's fade-in
  const double steady = peak_over(run, 1.0);
  REQUIRE(steady > 0.01);

  lose_device_for_a_second(run);
  CHECK(session.snapshot().track.index == -1);  // not "Now playing" the track the device dropped

  // It plays again, and for a moment before the front end sees so: silence, the tracks that were
  // playing dropped, and none queued in their place (which would start at once, at full level).
  CHECK(peak_over(run, 0.5) == 0.0);

  const Return back = restore_device(run);
  CHECK(back.first_tenth < 0.1 * steady);  // from silence
  CHECK(back.last_tenth > 0.5 * steady);   // to its level
  CHECK(back.whole <= steady * 1.06);      // never over it
  CHECK(session.snapshot().track.index >= 0);
}

TEST_CASE("a phase that begins while the device is lost waits for it, and its bell is not rung late",
          "[controller][device]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), kDemoPlan, "C11");  // every phase of the demo rings the bell
  auto& session = run.controller();
  run.play(3.0);
  const double steady = peak_over(run, 1.0);
  REQUIRE(steady > 0.01);

  lose_device_for_a_second(run);
  session.take_messages();
  REQUIRE(session.command(command(Command::Type::Advance)).ok());  // the phase changes meanwhile
  session.poll();
  auto view = session.snapshot();
  CHECK(view.phase == 1);
  CHECK(view.track.index == -1);  // nothing is playing, whatever the player showed last
  const auto messages = session.take_messages();
  CHECK(std::any_of(messages.begin(), messages.end(),
                    [](const std::string& m) { return m.find("bell: not rung") == 0; }));

  // The output plays again before the front end notices: neither the new phase's music nor its
  // bell was waiting behind the silence.
  CHECK(peak_over(run, 0.5) == 0.0);

  const Return back = restore_device(run);
  CHECK(back.first_tenth < 0.1 * steady);  // faded in, no bell on top
  CHECK(back.last_tenth > 0.1 * steady);
  view = session.snapshot();
  CHECK(view.track.index >= 0);
  CHECK(view.phase == 1);
}

TEST_CASE("the level set while the device is lost is the level it comes back at, even past the mixer's queue",
          "[controller][device]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), kDemoPlan, "C12");
  auto& session = run.controller();
  run.play(3.0);
  const double steady = peak_over(run, 1.0);
  REQUIRE(steady > 0.01);

  // Nothing drains the mixer's commands while the device is gone. Talk pressed 64 times (on,
  // off, ..., off) outruns its queue of 64 (the Silence holds one place), so the last presses
  // cannot reach the mixer then.
  lose_device_for_a_second(run);
  for (int press = 0; press < 64; ++press) REQUIRE(session.command(command(Command::Type::Talk)).ok());
  REQUIRE_FALSE(session.snapshot().ducked);

  restore_device(run);
  CHECK(peak_over(run, 2.0) > steady * 0.7);  // not ducked, as the screen says
}

TEST_CASE("an ended session cannot be resumed", "[controller]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), kDemoPlan, "C9");
  REQUIRE(run.command(Command::Type::End).ok());
  run.crash();
  const auto again = run.resume();
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("already ended") != std::string::npos);
}

TEST_CASE("when the journal cannot write, the session goes on and nothing is lost", "[controller]") {
  test::TempDir dir;
  test::OfflineSession run(dir.path(), kDemoPlan, "C10");
  auto& session = run.controller();
  run.play(1.0);
  session.take_messages();

  REQUIRE(run.store().diagnostic_pragma("query_only=1").ok());  // the disk now refuses writes
  Command dose = command(Command::Type::Marker);
  dose.marker = "dose";
  CHECK(session.command(dose).ok());  // the therapist's press still counts
  run.play(2.5);
  REQUIRE(session.command(command(Command::Type::Advance)).ok());
  run.play(1.0);
  auto view = session.snapshot();
  CHECK(view.phase == 1);  // the session moved on
  CHECK(view.journal_waiting >= 2);
  CHECK_FALSE(view.journal_problem.empty());
  const auto alerts = session.take_messages();
  REQUIRE_FALSE(alerts.empty());
  CHECK(alerts.front().find("journal") == 0);

  REQUIRE(run.store().diagnostic_pragma("query_only=0").ok());  // space is back
  run.play(0.5);
  view = session.snapshot();
  CHECK(view.journal_waiting == 0);
  const auto events = run.store().events(session.session_id()).value();
  for (std::size_t i = 0; i < events.size(); ++i) REQUIRE(events[i].sequence == std::int64_t(i + 1));
  CHECK(run.recorded(EventType::Marker).size() == 1);
  CHECK(run.recorded(EventType::PhaseStarted).size() == 2);
}
