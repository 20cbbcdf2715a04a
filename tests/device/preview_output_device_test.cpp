// The therapist's preview output during a session, through the real path: the client's music on
// the JACK dummy device (PortAudio's JACK host), a preview on a second device, an ALSA PCM of
// the jack type (libasound2-plugins) defined in a private ~/.asoundrc. A JACK client records
// both devices' ports, so the test hears what each device was given: the session's tone only on
// the client's device, the preview's only on the therapist's.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "control/live_audio.h"
#include "device/allocation_counter.h"
#include "control/preview_output.h"
#include "control/session_controller.h"
#include "control/track_preview.h"
#include "core/clock.h"
#include "journal/journal.h"
#include "session/plan.h"
#include "support/alsa_jack_device.h"
#include "support/jack_recorder.h"
#include "support/jack_server.h"
#include "support/test_audio.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

constexpr double kSessionHz = 1000.0;
constexpr double kPreviewHz = 330.0;
constexpr const char* kPreviewDevice = "holdspace_test_preview";

void write_session_plan(const test::TempDir& dir) {
  test::write_audio(dir / "session.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 20,
                    test::sine(kSessionHz, 48000, 0.25f));
  test::write_audio(dir / "preview.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 20,
                    test::sine(kPreviewHz, 48000, 0.5f));
  std::ofstream(dir / "session.m3u8") << "#EXTM3U\nsession.wav\n";
  std::ofstream(dir / "plan.toml") << "name = \"Preview test\"\n"
                                      "[[phase]]\n"
                                      "name = \"Dosing\"\n"
                                      "minutes = 10\n"
                                      "playlist = \"session.m3u8\"\n"
                                      "volume_db = 0\n"
                                      "fade_in_seconds = 0.2\n";
}

void poll_for(std::chrono::milliseconds span, control::SessionController& session, control::TrackPreview& preview) {
  const auto until = std::chrono::steady_clock::now() + span;
  while (std::chrono::steady_clock::now() < until) {
    session.poll();
    preview.poll();
    std::this_thread::sleep_for(20ms);
  }
}

}  // namespace

TEST_CASE("a preview on the therapist's output plays during a session and never reaches the "
          "client's output",
          "[device][preview]") {
  test::TempDir dir;
  test::define_alsa_jack_device(dir / "home", kPreviewDevice, "holdspace-capture:preview_1",
                                "holdspace-capture:preview_2");
  write_session_plan(dir);
  auto plan = session::load_plan(dir / "plan.toml");
  REQUIRE(plan.ok());

  test::JackServer jack(48000, 256, 2);
  // First: the preview device connects to the recorder's ports when it opens.
  test::JackRecorder recorder("holdspace-capture", {"client_1", "client_2", "preview_1", "preview_2"});

  auto client = control::LiveAudio::open({"", 256, 1});
  INFO((client ? client->device.qualified_name() : client.error().message));
  REQUIRE(client.ok());
  CHECK(client->device.host_api == "JACK Audio Connection Kit");  // JACK's device is the default
  auto therapist = control::open_preview_output(kPreviewDevice, "", 256);
  INFO((therapist ? therapist->device.qualified_name() : therapist.error().message));
  REQUIRE(therapist.ok());
  CHECK(therapist->device.host_api == "ALSA");

  auto journal = journal::Journal::open(dir / "data");
  REQUIRE(journal.ok());
  SystemClock clock;
  auto session = control::SessionController::begin(plan.value(), "PRV1", *journal.value(), clock, *client->engine);
  REQUIRE(session.ok());
  const std::int64_t heap_calls_before = test::realtime_heap_calls();
  REQUIRE(client->start().ok());
  REQUIRE(recorder.connect_outputs("^PortAudio", 0, 2));  // PortAudio's JACK client: the client's device
  REQUIRE(therapist->start().ok());

  control::TrackPreview preview(*therapist->engine);
  REQUIRE(preview.play(dir / "preview.wav").ok());
  poll_for(1500ms, *session.value(), preview);  // past both fade-ins and the session's gain ramp
  recorder.record(true);
  poll_for(1000ms, *session.value(), preview);
  recorder.record(false);
  preview.stop();
  poll_for(500ms, *session.value(), preview);
  therapist->stop();
  client->stop();

  const auto client_left = recorder.samples(0);
  const auto preview_left = recorder.samples(2);
  REQUIRE(client_left.size() > 24000);
  REQUIRE(preview_left.size() > 24000);
  const double session_on_client = test::tone_level_db(client_left, kSessionHz, 48000);
  const double preview_on_client = test::tone_level_db(client_left, kPreviewHz, 48000);
  const double preview_on_therapist = test::tone_level_db(preview_left, kPreviewHz, 48000);
  const double session_on_therapist = test::tone_level_db(preview_left, kSessionHz, 48000);
  INFO("client: session " << session_on_client << " dB, preview " << preview_on_client << " dB; therapist: preview "
                          << preview_on_therapist << " dB, session " << session_on_therapist << " dB");
  // Each device really plays its own music: the session's tone at its normalized level, the
  // preview's at TrackPreview's quiet level (a 0.5 sine is -6 dB; the preview plays 20 dB down).
  CHECK(session_on_client > -30.0);
  CHECK(preview_on_therapist == Approx(-6.0 + control::TrackPreview::kLevelDb).margin(1.0));
  CHECK(test::tone_level_db(recorder.samples(3), kPreviewHz, 48000) == Approx(preview_on_therapist).margin(0.1));
  // And neither reaches the other device: a leak would be there at its full level, while
  // under -90 dBFS is only the floor of the other device's own music and of the analysis.
  CHECK(preview_on_client < -90.0);
  CHECK(session_on_therapist < -90.0);
  CHECK(client->engine->mixer().underruns() == 0);
  CHECK(therapist->engine->mixer().underruns() == 0);
  CHECK(test::realtime_heap_calls() - heap_calls_before == 0);  // neither callback touched the heap
}

TEST_CASE("the client's own device is refused as the preview output, in one line", "[device][preview]") {
  test::JackServer jack(48000, 256, 2);
  auto refused = control::open_preview_output("system", "", 256);
  REQUIRE_FALSE(refused.ok());
  const std::string& message = refused.error().message;
  INFO(message);
  CHECK(message.find("JACK Audio Connection Kit: system") != std::string::npos);
  CHECK(message.find("is the client's output") != std::string::npos);
  CHECK(message.find('\n') == std::string::npos);

  auto missing = control::open_preview_output("no such desk speakers", "", 256);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("preview output: no output device called") == 0);
}
