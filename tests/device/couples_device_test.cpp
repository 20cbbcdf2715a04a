// A couples session through the real path: a plan with two [[listener]]s, LiveAudio (PortAudio)
// on a 4-channel JACK dummy device, the session controller. A second JACK client records what
// PortAudio sends to each of the 4 ports, so the test hears channels 3-4 as the device gets them.
#include <catch2/catch.hpp>
#include <jack/jack.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "control/live_audio.h"
#include "device/allocation_counter.h"
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

// Four input ports on the test's own JACK server, each summing the square of what arrives
// while `measuring` is set. Only the JACK process thread writes the sums.
class Capture {
 public:
  static constexpr int kChannels = 4;

  Capture() {
    jack_status_t status{};
    client_ = jack_client_open("holdspace-capture", JackNoStartServer, &status);
    REQUIRE(client_ != nullptr);
    for (int c = 0; c < kChannels; ++c) {
      const std::string name = "in_" + std::to_string(c + 1);
      ports_[std::size_t(c)] =
          jack_port_register(client_, name.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
      REQUIRE(ports_[std::size_t(c)] != nullptr);
    }
    jack_set_process_callback(client_, &Capture::process, this);
    REQUIRE(jack_activate(client_) == 0);
  }
  ~Capture() { jack_client_close(client_); }

  // Connects PortAudio's output ports, in order, to ours. False if there are not 4 of them.
  bool connect_to_player() {
    const char** found = jack_get_ports(client_, nullptr, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput);
    std::vector<std::string> outputs;
    for (int i = 0; found && found[i]; ++i) {
      const std::string port = found[i];
      if (!port.starts_with("system:") && !port.starts_with("holdspace-capture:")) outputs.push_back(port);
    }
    jack_free(found);
    std::sort(outputs.begin(), outputs.end());
    INFO("player ports: " << outputs.size());
    if (outputs.size() != kChannels) return false;
    for (int c = 0; c < kChannels; ++c) {
      if (jack_connect(client_, outputs[std::size_t(c)].c_str(), jack_port_name(ports_[std::size_t(c)])) != 0)
        return false;
    }
    return true;
  }

  void measure(bool on) { measuring_.store(on); }
  double rms(int channel) const {
    const auto frames = frames_.load();
    return frames > 0 ? std::sqrt(energy_[std::size_t(channel)].load() / double(frames)) : 0.0;
  }

 private:
  static int process(jack_nframes_t frames, void* self) {
    auto& capture = *static_cast<Capture*>(self);
    if (!capture.measuring_.load()) return 0;
    test::PortBlock in;
    for (int c = 0; c < kChannels; ++c) {
      const std::size_t count = test::read_input_port(capture.ports_[std::size_t(c)], frames, in);
      double sum = 0.0;
      for (std::size_t f = 0; f < count; ++f) sum += double(in[f]) * in[f];
      capture.energy_[std::size_t(c)].store(capture.energy_[std::size_t(c)].load() + sum);
    }
    capture.frames_.store(capture.frames_.load() + frames);
    return 0;
  }

  jack_client_t* client_ = nullptr;
  std::array<jack_port_t*, kChannels> ports_{};
  std::atomic<bool> measuring_{false};
  std::array<std::atomic<double>, kChannels> energy_{};
  std::atomic<std::int64_t> frames_{0};
};

void write_couples_plan(const test::TempDir& dir) {
  test::write_audio(dir / "tone.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 20,
                    test::sine(1000, 48000, 0.25f));
  std::ofstream(dir / "tone.m3u8") << "#EXTM3U\ntone.wav\n";
  std::ofstream(dir / "plan.toml") << "name = \"Couples\"\n"
                                      "[[listener]]\n"
                                      "name = \"Alex\"\n"
                                      "[[listener]]\n"
                                      "name = \"Sam\"\n"
                                      "volume_db = -6\n"
                                      "[[phase]]\n"
                                      "name = \"Together\"\n"
                                      "minutes = 10\n"
                                      "playlist = \"tone.m3u8\"\n"
                                      "volume_db = 0\n"
                                      "fade_in_seconds = 0.2\n";
}

}  // namespace

TEST_CASE("couples: the second listener hears the music on channels 3-4 of a 4-channel device, "
          "at their own level",
          "[device][couples]") {
  test::TempDir dir;
  write_couples_plan(dir);
  auto plan = session::load_plan(dir / "plan.toml");
  REQUIRE(plan.ok());
  REQUIRE(plan->plan.listener_pairs() == 2);

  test::JackServer jack(48000, 256, 4);
  auto audio = control::LiveAudio::open({"", 256, plan->plan.listener_pairs()});
  INFO((audio ? std::string("opened") : audio.error().message));
  REQUIRE(audio.ok());
  auto journal = journal::Journal::open(dir / "data");
  REQUIRE(journal.ok());
  SystemClock clock;
  auto controller = control::SessionController::begin(plan.value(), "DUO1", *journal.value(), clock,
                                                       *audio->engine);
  REQUIRE(controller.ok());

  Capture capture;
  const std::int64_t heap_calls_before = test::realtime_heap_calls();
  REQUIRE(audio->start().ok());
  REQUIRE(capture.connect_to_player());
  const auto began = std::chrono::steady_clock::now();
  // Past the fade-in and the loudness measurement's gain ramp, then one second measured.
  while (std::chrono::steady_clock::now() - began < 1500ms) {
    controller.value()->poll();
    std::this_thread::sleep_for(20ms);
  }
  capture.measure(true);
  while (std::chrono::steady_clock::now() - began < 2500ms) {
    controller.value()->poll();
    std::this_thread::sleep_for(20ms);
  }
  capture.measure(false);
  audio->stop();

  CHECK(audio->engine->mixer().underruns() == 0);
  // Two pairs, each with its own gain ramp and limiter, still never touch the heap in the callback.
  CHECK(test::realtime_heap_calls() - heap_calls_before == 0);
  const double alex = capture.rms(0);
  const double sam = capture.rms(2);
  INFO("rms: " << capture.rms(0) << " " << capture.rms(1) << " " << capture.rms(2) << " " << capture.rms(3));
  CHECK(alex > 0.02);  // the music really plays on 1-2
  CHECK(capture.rms(1) == Approx(alex).epsilon(0.01));
  // Sam, 6 dB under the session level, on 3-4.
  CHECK(20.0 * std::log10(sam / alex) == Approx(-6.0).margin(0.1));
  CHECK(capture.rms(3) == Approx(sam).epsilon(0.01));
}

TEST_CASE("couples: a 2-channel device is refused with its name and channel count", "[device][couples]") {
  test::JackServer jack(48000, 256, 2);
  auto audio = control::LiveAudio::open({"", 256, 2});
  REQUIRE_FALSE(audio.ok());
  const std::string& message = audio.error().message;
  INFO(message);
  CHECK(message.find("system") != std::string::npos);
  CHECK(message.find("has 2 output channels") != std::string::npos);
  CHECK(message.find("two listeners needs 4") != std::string::npos);
  CHECK(message.find('\n') == std::string::npos);
}
