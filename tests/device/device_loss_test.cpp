// A device lost during a session, through the real path: PortAudio on a JACK dummy server, the
// session controller with the system clock, and the DeviceWatch the front ends use.
// - A device that stalls and plays again (the JACK server frozen, then let go on): the session
//   records both, keeps its clock running, and the music comes back by itself at once, fading
//   in from silence at the position the timeline implies, with no burst.
// - A JACK server killed mid-session and started again: the loss is recorded and shown at once,
//   the session runs on, and the music comes back by itself within 5 s of the server's return,
//   through a fresh PortAudio instance, fading in from silence where the timeline says.
// - A JACK server killed for good: the program can still stop its audio and end (PortAudio's
//   JACK host would wait 10 minutes for the dead server).
//
// The music is a stepped tone, one frequency per second, so the test can hear where in the
// track the music came back.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>

#include "control/device_watch.h"
#include "device/allocation_counter.h"
#include "control/live_audio.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "journal/journal.h"
#include "session/plan.h"
#include "support/jack_recorder.h"
#include "support/jack_server.h"
#include "support/test_audio.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

using holdspace::test::kRate;
constexpr double kAmplitude = 0.25;

// Second k of the track is a sine at 200 + 40k Hz, phase-continuous across the steps.
double step_hz(std::int64_t second) { return 200.0 + 40.0 * double(second); }

test::SampleFunction stepped_tone() {
  return [](std::int64_t frame, int) {
    const std::int64_t k = frame / kRate;
    const double cycles_before = 200.0 * double(k) + 40.0 * double(k * (k - 1)) / 2.0;
    const double cycles = cycles_before + step_hz(k) * double(frame - k * kRate) / kRate;
    return float(kAmplitude * std::sin(2.0 * M_PI * (cycles - std::floor(cycles))));
  };
}

using test::peak_of;

double rms_of(const std::vector<float>& samples, std::size_t from, std::size_t to) {
  return test::rms(samples, 1, 0, std::int64_t(from), std::int64_t(std::min(to, samples.size())));
}

// What the client hears once the device is back, recorded from `heard`'s first sample, when
// the track had played `track_seconds` by the session's clock: music that starts from silence,
// fades in, is never louder than it was before the loss (`steady_peak`), and plays where the
// timeline says.
void check_music_returned(const std::vector<float>& heard, double steady_peak, double track_seconds) {
  REQUIRE(heard.size() > std::size_t(kRate) * 4);
  const std::size_t tenth = kRate / 10;
  const double start_rms = rms_of(heard, 0, tenth);
  const double later_rms = rms_of(heard, 3 * std::size_t(kRate) + tenth, 3 * std::size_t(kRate) + 2 * tenth);
  INFO("rms first 100 ms " << start_rms << ", at 3.1 s " << later_rms);
  CHECK(start_rms < 0.1 * later_rms);                   // it fades in: no burst at the return
  CHECK(later_rms > 0.5 * steady_peak / std::sqrt(2.0));  // and is back at its level
  CHECK(peak_of(heard, 0, heard.size()) <= steady_peak * 1.06);

  // 3.5 s into the recording the track should be this far in: the session clock decides, not
  // the moment the device went.
  const double at = 3.5;
  const double expected_position = track_seconds + at;
  const auto from = std::int64_t(at * kRate);
  const double hz = test::estimate_frequency(heard, 1, 0, kRate, from, from + kRate / 10);
  const double heard_step = std::round((hz - 200.0) / 40.0);
  INFO("heard " << hz << " Hz (step " << heard_step << "), expected position " << expected_position << " s");
  CHECK(std::fabs(heard_step + 0.5 - expected_position) <= 1.0);
}

struct LiveSession {
  test::TempDir dir;
  std::optional<control::LiveAudio> audio;
  std::unique_ptr<journal::Journal> journal;
  SystemClock clock;
  std::unique_ptr<control::SessionController> session;
  std::optional<control::DeviceWatch> watch;

  // A one-phase session of the stepped tone, playing on the JACK server that runs now.
  LiveSession() {
    test::write_audio(dir / "steps.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, std::int64_t(kRate) * 90,
                      stepped_tone());
    std::ofstream(dir / "steps.m3u8") << "#EXTM3U\nsteps.wav\n";
    std::ofstream(dir / "plan.toml") << "name = \"Device loss\"\n[[phase]]\nname = \"Dosing\"\nminutes = 10\n"
                                        "playlist = \"steps.m3u8\"\nvolume_db = 0\nfade_in_seconds = 0.2\n";
    auto plan = session::load_plan(dir / "plan.toml");
    REQUIRE(plan.ok());
    auto opened = control::LiveAudio::open({"", 256, 1});
    REQUIRE(opened.ok());
    audio.emplace(std::move(opened.value()));
    auto store = journal::Journal::open(dir / "data");
    REQUIRE(store.ok());
    journal = std::move(store.value());
    auto begun = control::SessionController::begin(plan.value(), "LOST1", *journal, clock, *audio->engine);
    REQUIRE(begun.ok());
    session = std::move(begun.value());
    REQUIRE(audio->start().ok());
    watch.emplace(*audio);
  }

  // Runs the front end's loop for `span`, or until `done`.
  template <typename Done>
  void run_for(std::chrono::milliseconds span, Done done) {
    const auto end = std::chrono::steady_clock::now() + span;
    while (std::chrono::steady_clock::now() < end && !done()) {
      control::follow_device(*watch, *session);
      session->poll();
      std::this_thread::sleep_for(10ms);
    }
  }
  void run_for(std::chrono::milliseconds span) {
    run_for(span, [] { return false; });
  }

  int count(journal::EventType type) {
    int n = 0;
    for (const auto& event : journal->events(session->session_id()).value()) n += event.type == type ? 1 : 0;
    return n;
  }

  // When the first track began, in seconds of the session's clock.
  double first_track_seconds() {
    std::int64_t started_ns = 0, track_ns = -1;
    for (const auto& event : journal->events(session->session_id()).value()) {
      if (event.type == journal::EventType::SessionStarted) started_ns = event.session_ns;
      if (event.type == journal::EventType::TrackStarted && track_ns < 0) track_ns = event.session_ns;
    }
    REQUIRE(track_ns >= 0);
    return double(track_ns - started_ns) / 1e9;
  }

  void check_loss_and_return_journaled() {
    CHECK(count(journal::EventType::DeviceLost) == 1);
    CHECK(count(journal::EventType::DeviceRestored) == 1);
    for (const auto& event : journal->events(session->session_id()).value()) {
      if (event.type == journal::EventType::DeviceLost || event.type == journal::EventType::DeviceRestored) {
        CHECK(event.payload.value("device", std::string()) == "JACK Audio Connection Kit: system");
      }
    }
  }
};

}  // namespace

TEST_CASE("a stalled device is recorded as lost and back, and the music returns by itself, from "
          "silence, where the timeline says",
          "[device][fault]") {
  test::JackServer jack(kRate, 256, 2);
  LiveSession live;
  test::JackRecorder recorder("holdspace-capture", {"in_1", "in_2"}, 8.0);
  REQUIRE(recorder.connect_outputs("^PortAudio", 0, 2));

  // The music's steady level, heard before anything goes wrong.
  live.run_for(2000ms);  // past the fade-in and the loudness gain's ramp
  recorder.record(true);
  live.run_for(1000ms);
  recorder.record(false);
  const auto steady = recorder.samples(0);
  REQUIRE(steady.size() > std::size_t(kRate / 2));
  const double steady_peak = peak_of(steady, 0, steady.size());
  INFO("steady peak " << steady_peak);
  REQUIRE(steady_peak > 0.05);

  // The device stalls for three seconds.
  const double elapsed_at_loss = live.session->snapshot().session_elapsed_seconds;
  const auto lost_wall = std::chrono::steady_clock::now();
  jack.freeze();
  live.run_for(3000ms, [&] { return live.watch->lost(); });
  REQUIRE(live.watch->lost());
  CHECK(std::chrono::steady_clock::now() - lost_wall < 1500ms);  // shown at once
  CHECK(live.session->snapshot().device_lost);
  CHECK_FALSE(live.session->snapshot().device_problem.empty());
  live.run_for(2500ms);
  const double outage = std::chrono::duration<double>(std::chrono::steady_clock::now() - lost_wall).count();
  CHECK(live.session->snapshot().session_elapsed_seconds - elapsed_at_loss == Approx(outage).margin(0.25));

  // It plays again: back by itself, at once.
  jack.thaw();
  const auto back_wall = std::chrono::steady_clock::now();
  live.run_for(5000ms, [&] { return !live.watch->lost(); });
  REQUIRE_FALSE(live.watch->lost());
  CHECK(std::chrono::steady_clock::now() - back_wall < 5s);
  CHECK_FALSE(live.session->snapshot().device_lost);
  recorder.record(true);
  const double elapsed_at_recording = live.session->snapshot().session_elapsed_seconds;
  live.run_for(4500ms);
  recorder.record(false);
  live.audio->stop();

  live.check_loss_and_return_journaled();
  const auto all = recorder.samples(0);
  check_music_returned(std::vector<float>(all.begin() + std::ptrdiff_t(steady.size()), all.end()), steady_peak,
                       elapsed_at_recording - live.first_track_seconds());
}

TEST_CASE("a JACK server killed mid-session and started again: the loss is recorded at once, the "
          "session runs on, and the music comes back by itself, from silence, where the timeline says",
          "[device][fault]") {
  test::JackServer jack(kRate, 256, 2);
  LiveSession live;
  std::vector<float> steady;
  {
    test::JackRecorder recorder("holdspace-capture", {"in_1", "in_2"}, 2.0);
    REQUIRE(recorder.connect_outputs("^PortAudio", 0, 2));
    live.run_for(2000ms);
    recorder.record(true);
    live.run_for(1000ms);
    recorder.record(false);
    steady = recorder.samples(0);
  }
  REQUIRE(steady.size() > std::size_t(kRate / 2));
  const double steady_peak = peak_of(steady, 0, steady.size());
  INFO("steady peak " << steady_peak);
  REQUIRE(steady_peak > 0.05);

  const double elapsed_at_loss = live.session->snapshot().session_elapsed_seconds;
  const auto lost_wall = std::chrono::steady_clock::now();
  jack.stop();
  live.run_for(3000ms, [&] { return live.watch->lost(); });
  REQUIRE(live.watch->lost());
  CHECK(std::chrono::steady_clock::now() - lost_wall < 1500ms);  // shown at once
  CHECK(live.session->snapshot().device_lost);

  // The session goes on without a device: its clock, and the therapist's commands. Meanwhile the
  // watch keeps looking for the device, and says why it is not back.
  live.run_for(2000ms);
  session::Command dose;
  dose.type = session::Command::Type::Marker;
  dose.marker = "dose";
  CHECK(live.session->command(dose).ok());
  const double outage = std::chrono::duration<double>(std::chrono::steady_clock::now() - lost_wall).count();
  CHECK(live.session->snapshot().session_elapsed_seconds - elapsed_at_loss == Approx(outage).margin(0.25));
  CHECK(live.count(journal::EventType::Marker) == 1);
  CHECK(live.watch->lost());
  CHECK_FALSE(live.watch->reopen_problem().empty());
  // The therapist is told why, beside the loss, and once as a message rather than every second.
  CHECK(live.session->snapshot().device_search == live.watch->reopen_problem());
  const auto messages = live.session->take_messages();
  CHECK(std::count_if(messages.begin(), messages.end(), [](const std::string& m) {
          return m.find("is not back yet: ") != std::string::npos;
        }) == 1);

  // The server comes back: so does the music, by itself, within 5 s.
  jack.start_again();
  const auto back_wall = std::chrono::steady_clock::now();
  live.run_for(6000ms, [&] { return !live.watch->lost(); });
  REQUIRE_FALSE(live.watch->lost());
  CHECK(std::chrono::steady_clock::now() - back_wall < 5s);
  CHECK_FALSE(live.session->snapshot().device_lost);
  CHECK(live.session->snapshot().device_search.empty());
  test::JackRecorder recorder("holdspace-capture", {"in_1", "in_2"}, 6.0);
  REQUIRE(recorder.connect_outputs("^PortAudio", 0, 2));
  const std::int64_t heap_calls_before = test::realtime_heap_calls();
  recorder.record(true);
  const double elapsed_at_recording = live.session->snapshot().session_elapsed_seconds;
  live.run_for(4500ms);
  recorder.record(false);
  CHECK(test::realtime_heap_calls() - heap_calls_before == 0);  // nor does the new stream allocate
  live.check_loss_and_return_journaled();
  check_music_returned(recorder.samples(0), steady_peak, elapsed_at_recording - live.first_track_seconds());

  // The new stream is an ordinary one: it stops as usual.
  const auto stopping = std::chrono::steady_clock::now();
  live.audio->stop();
  CHECK(std::chrono::steady_clock::now() - stopping < 1s);
}

TEST_CASE("a JACK server killed for good: the session's audio still stops without hanging", "[device][fault]") {
  test::JackServer jack(kRate, 256, 2);
  LiveSession live;
  live.run_for(1500ms);
  jack.stop();
  live.run_for(3000ms, [&] { return live.watch->lost(); });
  REQUIRE(live.watch->lost());
  live.run_for(1500ms);  // a try or two to open it again, which fail
  const auto stopping = std::chrono::steady_clock::now();
  live.audio->stop();
  CHECK(std::chrono::steady_clock::now() - stopping < 1s);
}
