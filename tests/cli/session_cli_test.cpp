// Sessions run from the command line on a JACK dummy device, as a therapist would: keys typed
// over time, a crash by SIGKILL, and the resume; the journal is then read back and checked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

#include "journal/journal.h"
#include "support/child_process.h"
#include "support/jack_server.h"
#include "support/test_audio.h"

using namespace holdspace;
using namespace std::chrono_literals;
using journal::EventType;

namespace {

const std::string kCli = HOLDSPACE_CLI;
const std::string kDemoPlan = std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo.toml";

std::vector<journal::Event> events_of_last_session(const std::filesystem::path& data_dir) {
  auto store = journal::Journal::open(data_dir);
  REQUIRE(store.ok());
  auto id = store.value()->resolve_session_id("last");
  REQUIRE(id.ok());
  auto events = store.value()->events(id.value());
  REQUIRE(events.ok());
  return events.value();
}

std::vector<journal::Event> of_type(const std::vector<journal::Event>& events, EventType type) {
  std::vector<journal::Event> found;
  for (const auto& event : events) {
    if (event.type == type) found.push_back(event);
  }
  return found;
}

// Polls the log until the session is running and taking keys (its "session <id> on <device>"
// line), so the first phase's 2 s guard against a double press counts from there rather than
// from the process start, which a loaded machine or a sanitizer build may take a while over.
bool wait_until_running(const std::filesystem::path& log) {
  const auto deadline = std::chrono::steady_clock::now() + 15s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (test::read_text(log).find("(h for keys)") != std::string::npos) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

// The session ends with session_ended; only the tracks fading out under it may follow.
void check_ends_properly(const std::vector<journal::Event>& events) {
  const auto ended = std::find_if(events.begin(), events.end(),
                                  [](const auto& e) { return e.type == EventType::SessionEnded; });
  REQUIRE(ended != events.end());
  for (auto it = ended + 1; it != events.end(); ++it) CHECK(it->type == EventType::TrackEnded);
}

}  // namespace

TEST_CASE("the demo plan runs end to end from the command line", "[cli][session][device]") {
  test::JackServer jack;
  test::TempDir dir;
  test::ChildProcess run({kCli, "run", kDemoPlan, "--client", "T01", "--data-dir", dir.path().string(),
                          "--buffer", "256"},
                         dir / "run.log");
  REQUIRE(wait_until_running(dir / "run.log"));
  std::this_thread::sleep_for(2500ms);
  run.type("d");                      // dose
  std::this_thread::sleep_for(300ms);
  run.type("v128/82 74 98\n");        // vitals, typed at the prompt
  for (int phase = 1; phase < 4; ++phase) {
    std::this_thread::sleep_for(2500ms);
    run.type("n");
  }
  std::this_thread::sleep_for(2500ms);
  run.type("mclient asked for water\n");
  std::this_thread::sleep_for(500ms);
  run.type("qy\n");
  const int exit_code = run.wait(20.0);
  const std::string log = test::read_text(dir / "run.log");
  INFO(log);
  REQUIRE(exit_code == 0);

  const auto events = events_of_last_session(dir.path());
  REQUIRE(events.front().type == EventType::SessionStarted);
  CHECK(events.front().payload["client"] == "T01");
  const auto phases = of_type(events, EventType::PhaseStarted);
  REQUIRE(phases.size() == 4);
  for (int p = 0; p < 4; ++p) CHECK(phases[std::size_t(p)].payload["phase"] == p);
  const auto markers = of_type(events, EventType::Marker);
  REQUIRE(markers.size() == 3);
  CHECK(markers[0].payload["kind"] == "dose");
  CHECK(markers[1].payload["kind"] == "vitals");
  CHECK(markers[1].payload["systolic"] == 128);
  CHECK(markers[1].payload["spo2"] == 98);
  CHECK(markers[2].payload["text"] == "client asked for water");
  // Music really played: a track started in every phase.
  const auto tracks = of_type(events, EventType::TrackStarted);
  for (int p = 0; p < 4; ++p) {
    CHECK(std::count_if(tracks.begin(), tracks.end(), [p](const auto& e) { return e.payload["phase"] == p; }) >= 1);
  }
  check_ends_properly(events);
  // Sequence numbers run 1, 2, 3 … with no gap.
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].sequence == std::int64_t(i + 1));
}

TEST_CASE("a session killed mid-phase resumes at the right phase, track and offset", "[cli][session][device]") {
  test::JackServer jack;
  test::TempDir dir;
  {
    test::ChildProcess run({kCli, "run", kDemoPlan, "--client", "K9", "--data-dir", dir.path().string()},
                           dir / "run.log");
    REQUIRE(wait_until_running(dir / "run.log"));
    std::this_thread::sleep_for(2500ms);
    run.type("n");  // into phase 2
    std::this_thread::sleep_for(4000ms);
    run.kill_now();  // a crash: no goodbye, no session_ended
  }
  const auto before = events_of_last_session(dir.path());
  REQUIRE(before.back().type != EventType::SessionEnded);
  const std::string session_id = before.front().session_id;

  std::this_thread::sleep_for(1500ms);  // the room is quiet for a moment
  test::ChildProcess resume({kCli, "resume", "--data-dir", dir.path().string()}, dir / "resume.log");
  std::this_thread::sleep_for(3000ms);
  resume.type("qy\n");
  const int exit_code = resume.wait(20.0);
  INFO(test::read_text(dir / "resume.log"));
  REQUIRE(exit_code == 0);

  const auto after = events_of_last_session(dir.path());
  CHECK(after.front().session_id == session_id);  // the same session, continued
  REQUIRE(after.size() > before.size());
  const auto resumed = std::find_if(after.begin(), after.end(),
                                    [](const auto& e) { return e.type == EventType::SessionResumed; });
  REQUIRE(resumed != after.end());
  // No new phase: still phase 2 (index 1) after the resume.
  const auto phases = of_type(after, EventType::PhaseStarted);
  REQUIRE(phases.size() == 2);
  const auto& phase_two = phases.back();
  CHECK(phase_two.payload["phase"] == 1);
  // The track that starts after the resume is at the offset the phase clock implies.
  const auto track = std::find_if(resumed, after.end(), [](const auto& e) { return e.type == EventType::TrackStarted; });
  REQUIRE(track != after.end());
  CHECK(track->payload["phase"] == 1);
  const double expected_offset = double(track->session_ns - phase_two.session_ns) / 1e9;
  CHECK(track->payload["offset_seconds"].get<double>() == Approx(expected_offset).margin(1.0));
  CHECK(expected_offset > 5.0);  // 4 s of phase 2, the pause in between, and the restart
  check_ends_properly(after);
}

TEST_CASE("run says at once when its output dies, goes on recording, brings the music back by itself "
          "when the device returns, and ends cleanly",
          "[cli][session][device][fault]") {
  test::JackServer jack;
  test::TempDir dir;
  test::ChildProcess run({kCli, "run", kDemoPlan, "--client", "T05", "--data-dir", dir.path().string(),
                          "--buffer", "256"},
                         dir / "run.log");
  std::this_thread::sleep_for(2500ms);
  jack.stop();
  std::this_thread::sleep_for(2000ms);
  const std::string during = test::read_text(dir / "run.log");
  run.type("d");  // the therapist's commands are still recorded
  std::this_thread::sleep_for(500ms);
  jack.start_again();
  const auto returned = std::chrono::steady_clock::now();
  bool back = false;
  while (!back && std::chrono::steady_clock::now() - returned < 8s) {
    std::this_thread::sleep_for(100ms);
    back = test::read_text(dir / "run.log").find("audio: JACK Audio Connection Kit: system is back") != std::string::npos;
  }
  CHECK(back);
  CHECK(std::chrono::steady_clock::now() - returned < 5s);
  std::this_thread::sleep_for(1000ms);
  run.type("qy\n");
  const int exit_code = run.wait(20.0);
  const std::string log = test::read_text(dir / "run.log");
  INFO(log);
  // Printed as soon as it happens (the live status line, drawn only on a terminal, says NO SOUND).
  CHECK(during.find("! audio: the output JACK Audio Connection Kit: system has gone") != std::string::npos);
  // While it is gone, why each try to open it again fails, said once rather than every second.
  CHECK(during.find("is not back yet: ") != std::string::npos);
  REQUIRE(exit_code == 0);  // no hang on the dead device at the end

  const auto events = events_of_last_session(dir.path());
  const auto lost = of_type(events, EventType::DeviceLost);
  REQUIRE(lost.size() == 1);
  const auto dose = of_type(events, EventType::Marker);
  REQUIRE(dose.size() == 1);
  CHECK(dose[0].sequence > lost[0].sequence);
  const auto restored = of_type(events, EventType::DeviceRestored);
  REQUIRE(restored.size() == 1);
  CHECK(restored[0].sequence > dose[0].sequence);
  const auto tracks = of_type(events, EventType::TrackStarted);
  CHECK(std::any_of(tracks.begin(), tracks.end(), [&](const auto& e) { return e.sequence > restored[0].sequence; }));
  check_ends_properly(events);
}
