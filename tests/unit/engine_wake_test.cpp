// The engine's doorbell. The audio callback may not wake anyone (that is a syscall), so the
// decode worker thread notices what the mixer posted, or a decode that failed, and calls the
// wake hook a sleeping window loop installs (glfwPostEmptyEvent). Here the worker thread runs
// for real on an engine with no device, and this thread plays the audio callback by hand.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audio/audio_engine.h"
#include "audio/track_source.h"
#include "support/test_audio.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

using holdspace::test::kRate;
// How late a ring may come. The worker looks every DecodeWorker::kPollInterval (100 ms); the
// rest is slack for a busy test machine.
constexpr auto kPromptly = 1s;

// Counts the hook's calls and remembers which threads made them.
class Doorbell {
 public:
  std::function<void()> hook() {
    return [this] {
      {
        std::lock_guard guard(lock_);
        callers_.push_back(std::this_thread::get_id());
      }
      rang_.notify_all();
    };
  }

  int rings() {
    std::lock_guard guard(lock_);
    return int(callers_.size());
  }

  std::vector<std::thread::id> callers() {
    std::lock_guard guard(lock_);
    return callers_;
  }

  // Waits until it has rung more than `seen` times. How long that took, or nothing if it did
  // not within `limit`.
  std::optional<std::chrono::duration<double>> wait_past(int seen, std::chrono::milliseconds limit) {
    const auto began = std::chrono::steady_clock::now();
    std::unique_lock guard(lock_);
    if (!rang_.wait_for(guard, limit, [&] { return int(callers_.size()) > seen; })) return std::nullopt;
    return std::chrono::steady_clock::now() - began;
  }

 private:
  std::mutex lock_;
  std::condition_variable rang_;
  std::vector<std::thread::id> callers_;
};

// The callback's part: renders one device buffer and returns the events it posted.
std::vector<audio::MixerEvent> play_block(audio::AudioEngine& engine) {
  std::vector<float> block(256 * 2);
  engine.mixer().process(block.data(), 256, 2);
  std::vector<audio::MixerEvent> events;
  audio::MixerEvent event;
  while (engine.mixer().next_event(event)) events.push_back(event);
  return events;
}

bool has(const std::vector<audio::MixerEvent>& events, audio::MixerEvent::Type type) {
  for (const auto& event : events) {
    if (event.type == type) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the decode worker rings the wake hook when a track starts and when it ends, never from "
          "the callback and never while nothing happens",
          "[engine][wake]") {
  test::TempDir dir;
  // A quarter of a second at the engine's rate, so the whole track fits in the first fill.
  test::write_audio(dir / "short.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 2, kRate / 4,
                    test::sine(440, kRate, 0.3f));
  audio::EngineConfig config;
  config.sample_rate = kRate;
  audio::AudioEngine engine(config);
  Doorbell bell;
  engine.set_wake(bell.hook());
  engine.decoder().start_thread();

  auto source = audio::TrackSource::open(dir / "short.wav", kRate);
  REQUIRE(source.ok());
  engine.decoder().attach(0, std::move(source.value()), engine.seconds_to_frames(1.0));

  // Nothing has happened yet that the control thread must handle: a sleeping loop stays asleep
  // (an attached track is the control thread's own doing).
  std::this_thread::sleep_for(3 * audio::DecodeWorker::kPollInterval);
  CHECK(bell.rings() == 0);

  audio::MixerCommand start;
  start.type = audio::MixerCommand::Type::Start;
  start.slot = 0;
  start.track_id = 7;
  REQUIRE(engine.mixer().send(start));
  REQUIRE(has(play_block(engine), audio::MixerEvent::Type::TrackStarted));
  const auto started_rang = bell.wait_past(0, kPromptly);
  REQUIRE(started_rang.has_value());
  CHECK(*started_rang < kPromptly);

  // Play the track out; the ring for its end comes after the one for its start.
  const int rings_before_end = bell.rings();
  bool ended = false;
  for (int block = 0; block < 200 && !ended; ++block) ended = has(play_block(engine), audio::MixerEvent::Type::TrackEnded);
  REQUIRE(ended);
  const auto ended_rang = bell.wait_past(rings_before_end, kPromptly);
  REQUIRE(ended_rang.has_value());
  CHECK(*ended_rang < kPromptly);

  // Once told, the hook stays quiet: repeated rings would each cost an idle window a frame.
  const int rings_after_end = bell.rings();
  std::this_thread::sleep_for(3 * audio::DecodeWorker::kPollInterval);
  CHECK(bell.rings() == rings_after_end);
  CHECK(rings_after_end <= 3);  // once per visit at most: start, end, and maybe one in between

  // Every ring came from the worker thread, none from the thread playing the callback.
  const auto callers = bell.callers();
  for (const auto& caller : callers) {
    CHECK(caller != std::this_thread::get_id());
    CHECK(caller == callers.front());
  }

  // After set_wake({}) the old hook is never called again.
  engine.set_wake({});
  const int rings_when_unhooked = bell.rings();
  auto again = audio::TrackSource::open(dir / "short.wav", kRate);
  REQUIRE(again.ok());
  engine.decoder().detach(0);
  engine.decoder().attach(0, std::move(again.value()), engine.seconds_to_frames(1.0));
  start.track_id = 8;
  REQUIRE(engine.mixer().send(start));
  REQUIRE(has(play_block(engine), audio::MixerEvent::Type::TrackStarted));
  std::this_thread::sleep_for(3 * audio::DecodeWorker::kPollInterval);
  CHECK(bell.rings() == rings_when_unhooked);
  engine.decoder().stop_thread();
}

TEST_CASE("the decode worker rings the wake hook when it finds a file cut short", "[engine][wake]") {
  test::TempDir dir;
  // The header promises 4 s; the data stops after about 1 s.
  test::write_audio(dir / "cut.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 2, kRate * 4,
                    test::sine(200, kRate, 0.5f));
  std::filesystem::resize_file(dir / "cut.wav", 44 + (kRate + 60) * 4);
  audio::EngineConfig config;
  config.sample_rate = kRate;
  audio::AudioEngine engine(config);
  Doorbell bell;
  engine.set_wake(bell.hook());
  engine.decoder().start_thread();

  auto source = audio::TrackSource::open(dir / "cut.wav", kRate);
  REQUIRE(source.ok());
  // A short prefill: the worker thread decodes the rest and finds where it breaks off. No
  // mixer event is involved, so only the failure can ring.
  engine.decoder().attach(0, std::move(source.value()), engine.seconds_to_frames(0.1));
  const auto rang = bell.wait_past(0, kPromptly);
  REQUIRE(rang.has_value());
  const auto errors = engine.decoder().take_errors();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("cut short") != std::string::npos);
  engine.decoder().stop_thread();
}
