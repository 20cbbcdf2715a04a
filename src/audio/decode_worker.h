// Keeps every attached stream slot's ring topped up from its TrackSource.
// It runs as a background thread during live playback, or is driven by hand (fill_all) by the
// offline renderer, so both paths decode with the same code. It never runs in the callback;
// its locks are shared only with the control thread, never with the audio side. Each slot has
// its own lock, so attaching the next track never waits for another track's disk reads.
//
// An offline render does not use the thread: it fills by hand (fill_all), or from several
// threads at once through try_fill (OfflineFeed), decoding the next tracks while one is mixed.
//
// The worker thread is also the engine's doorbell: the audio callback may not wake anyone (a
// syscall), so the worker, which wakes every kPollInterval anyway, watches the mixer's event
// count and calls the wake hook when it moves or a decode has failed, so a sleeping window loop
// handles a track that started or ended at once rather than at its next scheduled frame.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audio/mixer_messages.h"
#include "audio/stream_slot.h"
#include "audio/track_source.h"

namespace holdspace::audio {

class Mixer;

class DecodeWorker {
 public:
  // How often the worker thread looks at the rings and the mixer's events (so also how late,
  // at most, the wake hook hears of a track that started or ended). A ring is topped up once it
  // has room for an eighth of itself (0.7 s of the engine's 4 s rings, which round up to 5.5 s),
  // so most visits only read a few counters and go back to sleep.
  static constexpr auto kPollInterval = std::chrono::milliseconds(100);
  // Frames decoded per step: a fill's scratch holds this many stereo frames.
  static constexpr std::int64_t kChunkFrames = 4096;

  // `events`, if given, is the mixer whose posted events the worker thread reports through the
  // wake hook.
  explicit DecodeWorker(std::array<StreamSlot*, kSlotCount> slots, const Mixer* events = nullptr);
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

  // For OfflineFeed's threads. Lock-free hint: `slot` has a track whose decoding is not over.
  bool decoding(int slot) const;
  const StereoRing& ring(int slot) const { return slots_[slot]->ring; }
  // Tops up `slot` by at most `limit` frames, unless another thread is at it already. Returns
  // the frames written, or -1 when the slot was busy. `chunk` is the caller's own scratch, of
  // kChunkFrames stereo frames.
  std::int64_t try_fill(int slot, std::int64_t limit, std::vector<float>& chunk);

  // Mid-stream decode failures ("<file>: <why>"), collected for the control thread to report.
  std::vector<std::string> take_errors();
  // Control thread: why the track attached to `slot` stopped decoding early, or empty. It is
  // set under the slot's lock before producer_done, so by the time the mixer reports that the
  // track played out, this already says whether it broke off. Cleared by attach and detach.
  std::string decode_error(int slot);

  // Called on the worker thread (never in the audio callback) when the control thread has
  // something to handle: the mixer posted events (a track started or ended), or decoding
  // failed. At most once per visit, and only when something new happened, so it never keeps
  // an idle window loop busy. Any thread, any time; once set_wake returns, the old hook is no
  // longer called. An empty function turns it off.
  void set_wake(std::function<void()> wake);

 private:
  // Caller holds slot_locks_[slot].
  std::int64_t fill_slot(int slot, std::int64_t limit, std::vector<float>& chunk);
  // The worker thread's visit: tops up the rings that have drained past the threshold.
  void top_up();
  void run();

  std::array<StreamSlot*, kSlotCount> slots_;
  std::array<std::unique_ptr<TrackSource>, kSlotCount> sources_;
  std::array<std::string, kSlotCount> slot_errors_;  // each guarded by its slot's lock
  std::array<std::mutex, kSlotCount> slot_locks_;
  // Set by attach, cleared by detach (under the slot's lock), read without it by decoding().
  std::array<std::atomic<bool>, kSlotCount> has_source_{};
  std::vector<float> worker_chunk_;   // the worker's scratch
  std::vector<float> control_chunk_;  // the control thread's scratch, for prefills
  const Mixer* events_;
  std::mutex errors_lock_;
  std::vector<std::string> errors_;
  std::atomic<std::uint64_t> errors_posted_{0};
  std::mutex wake_lock_;              // guards wake_hook_, and is held while it runs
  std::function<void()> wake_hook_;
  std::mutex thread_lock_;            // guards stopping_ and attached_
  std::condition_variable wake_;
  std::thread thread_;
  bool stopping_ = false;
  bool attached_ = false;             // a track was attached: fill it now, not at the next visit
};

}  // namespace holdspace::audio
