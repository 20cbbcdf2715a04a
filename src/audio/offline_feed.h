// The decoding side of an offline render (holdspace-cli render, preflight). Live, one thread
// decodes just ahead of the callback. Offline there is no clock to keep up with, only the CPU:
// most of a render's time is decoding and resampling, and the player keeps the next two tracks
// attached while one plays. So worker threads decode every attached track ahead, as far as its
// ring allows (the engine's rings are made long for this: EngineConfig::ring_seconds), while
// the rendering thread mixes. Before each mixer block the rendering thread waits until every
// track still decoding has that block's frames, so the mixer never runs dry and the output is
// what decoding in step would give.
//
// One difference from decoding in step: a file that breaks off early is found out sooner, so
// the crossfade into the next track starts as soon as the break is known, as it does live.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace holdspace::audio {

class DecodeWorker;
struct EngineConfig;

class OfflineFeed {
 public:
  // How far ahead each attached track may be decoded: the engine's ring_seconds for a render.
  // Long enough to hold most of the next track while this one is mixed (that is where the
  // threads find their work: with 80 s the render took a fifth longer), short enough that a
  // render stays near 200 MB. The rings take memory only as they fill: at 48 kHz each rounds
  // up to 175 s, 64 MiB, and three are in use at a time (the current track and two queued).
  static constexpr double kReadAheadSeconds = 170.0;

  // Sets an offline engine's rings up for the feed: kReadAheadSeconds long, taking memory as
  // they fill rather than all at the start.
  static void configure(EngineConfig& config);

  // As many decoding threads as the machine has cores: the rendering thread mostly waits.
  static int default_threads();

  // threads = 0 decodes on the rendering thread, inside wait_ready (DecodeWorker::fill_all).
  // The worker must outlive the feed.
  OfflineFeed(DecodeWorker& decoder, int threads);
  ~OfflineFeed();
  OfflineFeed(const OfflineFeed&) = delete;
  OfflineFeed& operator=(const OfflineFeed&) = delete;

  // Rendering thread, before Mixer::process(frames): returns once every attached track that is
  // still decoding has at least `frames` waiting (or a full ring).
  void wait_ready(std::int64_t frames);

 private:
  bool all_ready(std::int64_t frames) const;
  // The attached slots with room for more, the least buffered first (the one playing soonest).
  std::vector<int> slots_wanting_work() const;
  void run();

  DecodeWorker& decoder_;
  std::mutex lock_;                  // guards stopping_ and waiting_
  std::condition_variable idle_;     // decoding threads with nothing to do sleep here
  std::condition_variable decoded_;  // the rendering thread waits here for its frames
  bool stopping_ = false;
  bool waiting_ = false;             // the rendering thread is in wait_ready
  std::vector<std::thread> threads_;
};

}  // namespace holdspace::audio
