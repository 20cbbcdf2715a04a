// The therapist previews a track during a session in the real app, under Xvfb: the app runs a
// session on the JACK dummy device and was given a second device for previews (an ALSA PCM of
// the jack type, defined in a private ~/.asoundrc). In the Prepare view, Down Down P previews the
// playlist's second track. A JACK client records both devices: the preview is heard only on the
// therapist's, while the client's music goes on unchanged.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "support/alsa_jack_device.h"
#include "support/child_process.h"
#include "support/jack_recorder.h"
#include "support/jack_server.h"
#include "support/test_audio.h"
#include "support/x_display.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

using test::xdotool;

}  // namespace

TEST_CASE("during a session the therapist previews a track on their own output, never the client's",
          "[ui][preview]") {
  constexpr double kSessionHz = 1000.0;
  constexpr double kPreviewHz = 330.0;
  test::XDisplay display;
  test::JackServer jack;
  test::TempDir dir;
  ::setenv("DISPLAY", display.name().c_str(), 1);
  test::define_alsa_jack_device(dir / "home", "holdspace_desk", "holdspace-capture:preview_1",
                                "holdspace-capture:preview_2");
  test::JackRecorder recorder("holdspace-capture", {"client_1", "client_2", "preview_1", "preview_2"});
  test::write_audio(dir / "session.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 30,
                    test::sine(kSessionHz, 48000, 0.25f));
  test::write_audio(dir / "preview.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 30,
                    test::sine(kPreviewHz, 48000, 0.5f));
  std::ofstream(dir / "dosing.m3u8") << "#EXTM3U\nsession.wav\npreview.wav\n";
  std::ofstream(dir / "plan.toml") << "name = \"Preview in session\"\n[[phase]]\nname = \"Dosing\"\nminutes = 10\n"
                                      "playlist = \"dosing.m3u8\"\nvolume_db = 0\n";

  test::ChildProcess app({HOLDSPACE_APP, "--plan", (dir / "plan.toml").string(), "--client", "PRV2", "--start",
                          "--view", "prepare", "--preview-device", "holdspace_desk", "--data-dir",
                          (dir / "data").string()},
                         dir / "app.log");
  std::this_thread::sleep_for(3s);
  REQUIRE(xdotool("search --sync --name '^holdspace$' windowfocus --sync") == 0);
  const bool connected = recorder.connect_outputs("^PortAudio", 0, 2);
  INFO(test::read_text(dir / "app.log"));
  REQUIRE(connected);
  std::this_thread::sleep_for(500ms);
  REQUIRE(xdotool("key --delay 150 Down Down p") == 0);  // select the second track, preview it
  std::this_thread::sleep_for(1500ms);                       // past the preview's fade-in
  recorder.record(true);
  std::this_thread::sleep_for(1500ms);
  recorder.record(false);
  app.kill_now();

  const double session_on_client = test::tone_level_db(recorder.samples(0), kSessionHz, 48000);
  const double preview_on_client = test::tone_level_db(recorder.samples(0), kPreviewHz, 48000);
  const double preview_on_desk = test::tone_level_db(recorder.samples(2), kPreviewHz, 48000);
  const double session_on_desk = test::tone_level_db(recorder.samples(2), kSessionHz, 48000);
  INFO("client: session " << session_on_client << " dB, preview " << preview_on_client << " dB; desk: preview "
                          << preview_on_desk << " dB, session " << session_on_desk << " dB");
  CHECK(session_on_client > -30.0);  // the session plays on
  CHECK(preview_on_desk > -40.0);    // the preview is heard at the desk
  CHECK(preview_on_client < -90.0);  // and never in the client's headphones
  CHECK(session_on_desk < -90.0);
}
