// Keeps every attached stream slot's ring topped up from its TrackSource.
// It runs as a background thread during live playback, or is driven by hand (fill_all) by the
// offline renderer, so both paths decode with the same code. It never runs in the callback;
// its locks are shared only with the control thread, never with the audio side. Each slot has
// its own lock, so attaching the next track never waits for another track's disk reads.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audio/mixer_messages.h"
#include "audio/stream_slot.h"
#include "audio/track_source.h"

namespace holdspace::audio {

class DecodeWorker {
 public:
  explicit DecodeWorker(std::array<StreamSlot*, kSlotCount> slots);
  ~DecodeWorker();
  DecodeWorker(const DecodeWorker&) = delete;
  DecodeWorker& operator=(const DecodeWorker&) = delete;

  void start_thread();
  void stop_thread();

  // Control thread. Fills up to prefill_frames into the slot before handing the source to the
  // worker, so a track that starts at once has audio waiting. The slot must be idle in the mixer.
  void attach(int slot, std::unique_ptr<TrackSource> source, std::int64_t prefill_frames);
  // Control thread, after the mixer reported the slot's track ended: frees the slot for reuse.
  void detach(int slot);

  // Tops up every attached slot as far as its ring allows. Returns the frames written.
  // Called from one thread only: the worker thread, or (with no worker) the offline renderer;
  // its scratch buffer is not shared between callers.
  std::int64_t fill_all();

  // Mid-stream decode failures ("<file>: <why>"), collected for the control thread to report.
  std::vector<std::string> take_errors();

 private:
  // Caller holds slot_locks_[slot].
  std::int64_t fill_slot(int slot, std::int64_t limit, std::vector<float>& chunk);
  void run();

  std::array<StreamSlot*, kSlotCount> slots_;
  std::array<std::unique_ptr<TrackSource>, kSlotCount> sources_;
  std::array<std::mutex, kSlotCount> slot_locks_;
  std::vector<float> worker_chunk_;   // the worker's scratch
  std::vector<float> control_chunk_;  // the control thread's scratch, for prefills
  std::mutex errors_lock_;
  std::vector<std::string> errors_;
  std::mutex thread_lock_;            // guards stopping_
  std::condition_variable wake_;
  std::thread thread_;
  bool stopping_ = false;
};

}  // namespace holdspace::audio
