#include "audio/offline_feed.h"

#include <algorithm>
#include <chrono>

#if defined(__linux__)
#include <pthread.h>
#endif

#include "audio/audio_engine.h"
#include "audio/decode_worker.h"
#include "audio/mixer_messages.h"

namespace holdspace::audio {
namespace {
// Frames decoded into one slot before its thread looks again at which slot needs it most:
// about a third of a second at 48 kHz, a few milliseconds of work.
constexpr std::int64_t kSliceFrames = 16384;
// A thread with nothing to decode looks again this often. The rendering thread does not ring
// for every block it mixes (hundreds of thousands in a long render); when it is about to wait
// for frames it does ring.
constexpr auto kIdleLook = std::chrono::milliseconds(2);
}  // namespace

void OfflineFeed::configure(EngineConfig& config) {
  config.ring_seconds = kReadAheadSeconds;
  config.touch_rings_up_front = false;
}

int OfflineFeed::default_threads() { return int(std::max(1u, std::thread::hardware_concurrency())); }

OfflineFeed::OfflineFeed(DecodeWorker& decoder, int threads) : decoder_(decoder) {
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { run(); });
#if defined(__linux__)
    pthread_setname_np(threads_.back().native_handle(), "hs-render-dec");
#endif
  }
}

OfflineFeed::~OfflineFeed() {
  {
    std::lock_guard guard(lock_);
    stopping_ = true;
  }
  idle_.notify_all();
  for (auto& thread : threads_) thread.join();
}

bool OfflineFeed::all_ready(std::int64_t frames) const {
  for (int slot = 0; slot < kSlotCount; ++slot) {
    const StereoRing& ring = decoder_.ring(slot);
    if (decoder_.decoding(slot) && ring.readable() < frames && ring.writable() > 0) return false;
  }
  return true;
}

void OfflineFeed::wait_ready(std::int64_t frames) {
  if (threads_.empty()) {
    decoder_.fill_all();
    return;
  }
  if (all_ready(frames)) return;  // the usual case: no lock, no system call
  std::unique_lock guard(lock_);
  waiting_ = true;
  idle_.notify_all();
  decoded_.wait(guard, [&] { return all_ready(frames); });
  waiting_ = false;
}

std::vector<int> OfflineFeed::slots_wanting_work() const {
  std::vector<int> slots;
  for (int slot = 0; slot < kSlotCount; ++slot) {
    const StereoRing& ring = decoder_.ring(slot);
    const std::int64_t worth_it = std::min(kSliceFrames, ring.capacity() / 2);
    if (decoder_.decoding(slot) && ring.writable() >= worth_it) slots.push_back(slot);
  }
  std::sort(slots.begin(), slots.end(),
            [this](int a, int b) { return decoder_.ring(a).readable() < decoder_.ring(b).readable(); });
  return slots;
}

void OfflineFeed::run() {
  std::vector<float> chunk(std::size_t(DecodeWorker::kChunkFrames * 2));
  while (true) {
    {
      std::lock_guard guard(lock_);
      if (stopping_) return;
    }
    bool decoded = false;
    for (int slot : slots_wanting_work()) {
      // -1: another thread has this slot; try the next.
      if (decoder_.try_fill(slot, kSliceFrames, chunk) >= 0) {
        decoded = true;
        break;
      }
    }
    std::unique_lock guard(lock_);
    if (decoded) {
      // Under the lock: the rendering thread either saw these frames or is already waiting.
      if (waiting_) decoded_.notify_one();
    } else {
      idle_.wait_for(guard, kIdleLook, [this] { return stopping_; });
    }
  }
}

}  // namespace holdspace::audio
