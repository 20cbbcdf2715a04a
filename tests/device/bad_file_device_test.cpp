// Issue 6 on the live path: a file that breaks off mid-stream, between two good tracks, in a
// session playing through PortAudio into a JACK dummy device. Live, the decode thread finds the
// break while the track plays and the callback crossfades on its own; a second JACK client
// records what the device got, and the test listens to it as the offline test does.
#include <catch2/catch.hpp>
#include <jack/jack.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "control/live_audio.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "device/allocation_counter.h"
#include "journal/journal.h"
#include "session/plan.h"
#include "support/jack_recorder.h"
#include "support/jack_server.h"
#include "support/test_audio.h"
#include "unit/faults/bad_files.h"
#include "unit/faults/heard.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

using holdspace::test::kRate;
constexpr double kCrossfadeSeconds = 2.0;

// Two input ports on the test's own JACK server, recording into a buffer made up front (the
// JACK process thread must not allocate either).
class Recorder {
 public:
  explicit Recorder(double seconds) : samples_(std::size_t(seconds * kRate) * 2) {
    jack_status_t status{};
    client_ = jack_client_open("holdspace-recorder", JackNoStartServer, &status);
    REQUIRE(client_ != nullptr);
    for (int c = 0; c < 2; ++c) {
      ports_[c] = jack_port_register(client_, c == 0 ? "in_l" : "in_r", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
      REQUIRE(ports_[c] != nullptr);
    }
    jack_set_process_callback(client_, &Recorder::process, this);
    REQUIRE(jack_activate(client_) == 0);
  }
  ~Recorder() { jack_client_close(client_); }

  // Connects the player's two output ports to ours. False if there are not two.
  bool connect_to_player() {
    const char** found = jack_get_ports(client_, nullptr, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput);
    std::vector<std::string> outputs;
    for (int i = 0; found && found[i]; ++i) {
      const std::string port = found[i];
      if (!port.starts_with("system:") && !port.starts_with("holdspace-recorder:")) outputs.push_back(port);
    }
    jack_free(found);
    std::sort(outputs.begin(), outputs.end());
    if (outputs.size() != 2) return false;
    for (int c = 0; c < 2; ++c) {
      if (jack_connect(client_, outputs[std::size_t(c)].c_str(), jack_port_name(ports_[c])) != 0) return false;
    }
    return true;
  }

  // What was recorded so far (call once recording is over).
  test::DecodedAudio recording() const {
    test::DecodedAudio audio;
    audio.rate = kRate;
    audio.channels = 2;
    audio.samples.assign(samples_.begin(), samples_.begin() + std::ptrdiff_t(frames_.load() * 2));
    return audio;
  }

 private:
  static int process(jack_nframes_t frames, void* self) {
    auto& recorder = *static_cast<Recorder*>(self);
    test::PortBlock left;
    test::PortBlock right;
    const std::size_t got = test::read_input_port(recorder.ports_[0], frames, left);
    test::read_input_port(recorder.ports_[1], frames, right);
    const std::int64_t at = recorder.frames_.load(std::memory_order_relaxed);
    const std::int64_t room = std::int64_t(recorder.samples_.size() / 2) - at;
    const std::int64_t count = std::min<std::int64_t>(std::int64_t(got), room);
    for (std::int64_t f = 0; f < count; ++f) {
      recorder.samples_[std::size_t((at + f) * 2)] = left[f];
      recorder.samples_[std::size_t((at + f) * 2 + 1)] = right[f];
    }
    recorder.frames_.store(at + count, std::memory_order_release);
    return 0;
  }

  jack_client_t* client_ = nullptr;
  jack_port_t* ports_[2] = {};
  std::vector<float> samples_;
  std::atomic<std::int64_t> frames_{0};
};

}  // namespace

TEST_CASE("live: a file that breaks off mid-stream plays what it has, crossfades into the next "
          "track, and is noted in the journal",
          "[device][faults]") {
  test::TempDir dir("holdspace-faults-live");
  test::write_audio(dir / "before.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 2, 3 * 44100,
                    test::sine(220, 44100, 0.3f));
  // Decodes for about 7.8 s, more than the ring holds: the decode thread finds the break while
  // the track plays.
  test::write_cut_flac(dir / "cut.flac", 698, 16.0);
  test::write_audio(dir / "after.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 2, 3 * kRate,
                    test::sine(262, kRate, 0.3f));
  std::ofstream(dir / "music.m3u8") << "#EXTM3U\nbefore.ogg\ncut.flac\nafter.wav\n";
  std::ofstream(dir / "plan.toml") << "name = \"Live bad file\"\n"
                                      "[[phase]]\n"
                                      "name = \"Journey\"\n"
                                      "minutes = 5\n"
                                      "playlist = \"music.m3u8\"\n"
                                      "at_playlist_end = \"silence\"\n"
                                      "volume_db = 0\n"
                                      "fade_in_seconds = 0.5\n"
                                      "track_crossfade_seconds = "
                                   << kCrossfadeSeconds << "\n";
  auto plan = session::load_plan(dir / "plan.toml");
  REQUIRE(plan.ok());

  test::JackServer jack(kRate, 256);
  auto audio = control::LiveAudio::open({"", 256, 1});
  INFO((audio ? std::string("opened") : audio.error().message));
  REQUIRE(audio.ok());
  auto journal = journal::Journal::open(dir / "data");
  REQUIRE(journal.ok());
  SystemClock clock;
  auto controller = control::SessionController::begin(plan.value(), "LIVE1", *journal.value(), clock, *audio->engine);
  REQUIRE(controller.ok());
  auto& session = *controller.value();

  Recorder recorder(30.0);
  const std::int64_t heap_calls_before = test::realtime_heap_calls();
  REQUIRE(audio->start().ok());
  REQUIRE(recorder.connect_to_player());
  const auto began = std::chrono::steady_clock::now();
  bool music_began = false;
  auto quiet_since = began;
  while (std::chrono::steady_clock::now() - began < 25s) {
    session.poll();
    const auto now = std::chrono::steady_clock::now();
    const bool playing = session.snapshot().track.index >= 0;
    music_began = music_began || playing;
    if (playing) quiet_since = now;
    if (music_began && now - quiet_since > 500ms) break;
    std::this_thread::sleep_for(20ms);
  }
  audio->stop();
  CHECK(audio->engine->mixer().underruns() == 0);
  CHECK(test::realtime_heap_calls() - heap_calls_before == 0);

  const auto heard = recorder.recording();
  const std::vector<double> tones = {220, 698, 262};
  const auto runs = test::tone_runs(heard, tones);
  std::string described;
  for (const auto& run : runs) {
    described += (run.tone >= 0 ? std::to_string(int(tones[std::size_t(run.tone)])) + " Hz" : "?") + " at " +
                 std::to_string(run.start_seconds) + " s for " + std::to_string(run.seconds) + " s\n";
  }
  INFO("heard:\n" << described);

  // The silence check, as offline: within the music, never more than the crossfade plus 1 s.
  const test::HeardRun music = test::sounding_span(heard);
  REQUIRE(music.seconds > 8.0);
  double longest = 0.0;
  for (const auto& silence : test::silent_runs(heard)) {
    if (silence.start_seconds >= music.start_seconds && silence.end_seconds() <= music.end_seconds()) {
      longest = std::max(longest, silence.seconds);
    }
  }
  INFO("longest silence inside the music: " << longest << " s");
  CHECK(longest <= kCrossfadeSeconds + 1.0);

  // before, what cut.flac holds (played on past the point where the ring ran ahead of it), after.
  std::vector<int> order;
  double cut_seconds = 0.0;
  for (const auto& run : runs) {
    if (run.seconds < 0.25) continue;
    order.push_back(run.tone);
    if (run.tone == 1) cut_seconds = run.seconds;
  }
  CHECK(order == std::vector<int>{0, 1, 2});
  CHECK(cut_seconds >= 5.0);

  // Its note in the journal, when it ended.
  const auto events = journal.value()->events(session.session_id());
  REQUIRE(events.ok());
  std::vector<journal::Event> notes;
  std::int64_t ended_at = -1;
  for (const auto& event : events.value()) {
    if (event.payload.value("path", std::string()) != (dir / "cut.flac").string()) continue;
    if (event.type == journal::EventType::TrackSkipped) notes.push_back(event);
    if (event.type == journal::EventType::TrackEnded) ended_at = event.session_ns;
  }
  REQUIRE(notes.size() == 1);
  const std::string reason = notes[0].payload.value("reason", std::string());
  INFO(reason);
  CHECK((reason.find("stopped decoding at 7.") != std::string::npos ||
         reason.find("before its header says") != std::string::npos));
  // The system clock moves between the two writes of one poll: the same moment, within 50 ms.
  CHECK(std::abs(notes[0].session_ns - ended_at) < 50'000'000);
}
