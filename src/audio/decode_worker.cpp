#include "audio/decode_worker.h"

#include <algorithm>
#include <utility>

#if defined(__linux__)
#include <pthread.h>
#endif

#include "audio/mixer.h"

namespace holdspace::audio {
namespace {
// The rings hold at least 4 s of audio: topping one up only when it has room for an eighth of
// itself keeps it more than 3.5 s ahead, and decodes in batches of about 0.7 s rather than a
// dribble at every visit (the CPU sleeps between visits: a laptop on battery for three hours).
constexpr std::int64_t kTopUpDivisor = 8;
}  // namespace

DecodeWorker::DecodeWorker(std::array<StreamSlot*, kSlotCount> slots, const Mixer* events)
    : slots_(slots),
      worker_chunk_(std::size_t(kChunkFrames * 2)),
      control_chunk_(std::size_t(kChunkFrames * 2)),
      events_(events) {}

DecodeWorker::~DecodeWorker() { stop_thread(); }

void DecodeWorker::start_thread() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
#if defined(__linux__)
  pthread_setname_np(thread_.native_handle(), "hs-decode");  // for top -H and the idle benchmark
#endif
}

void DecodeWorker::stop_thread() {
  {
    std::lock_guard lock(thread_lock_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DecodeWorker::set_wake(std::function<void()> wake) {
  std::lock_guard lock(wake_lock_);
  wake_hook_ = std::move(wake);
}

void DecodeWorker::run() {
  // Starting from zero, the first visit rings once if anything was posted before the thread ran.
  std::uint64_t events_seen = 0;
  std::uint64_t errors_seen = 0;
  std::unique_lock lock(thread_lock_);
  while (!stopping_) {
    attached_ = false;
    lock.unlock();
    top_up();
    // After the top-up, so a decode failure found on this visit is reported on this visit.
    const std::uint64_t events = events_ ? events_->events_posted() : 0;
    const std::uint64_t errors = errors_posted_.load(std::memory_order_relaxed);
    if (events != events_seen || errors != errors_seen) {
      events_seen = events;
      errors_seen = errors;
      std::lock_guard wake_lock(wake_lock_);
      if (wake_hook_) wake_hook_();
    }
    lock.lock();
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_ || attached_; });
  }
}

void DecodeWorker::attach(int slot, std::unique_ptr<TrackSource> source, std::int64_t prefill_frames) {
  std::lock_guard lock(slot_locks_[slot]);
  StreamSlot& feed = *slots_[slot];
  feed.ring.reset();
  feed.producer_done.store(false, std::memory_order_relaxed);
  feed.expected_frames.store(source->expected_frames(), std::memory_order_relaxed);
  sources_[slot] = std::move(source);
  has_source_[slot].store(true, std::memory_order_release);
  slot_errors_[slot].clear();
  fill_slot(slot, prefill_frames, control_chunk_);
  // The rest at once: a track may be started the moment it is attached (a phase change).
  {
    std::lock_guard thread_lock(thread_lock_);
    attached_ = true;
  }
  wake_.notify_one();
}

void DecodeWorker::detach(int slot) {
  std::lock_guard lock(slot_locks_[slot]);
  sources_[slot].reset();
  has_source_[slot].store(false, std::memory_order_release);
  slot_errors_[slot].clear();
  slots_[slot]->producer_done.store(false, std::memory_order_relaxed);
  slots_[slot]->ring.reset();
}

std::int64_t DecodeWorker::fill_all() {
  std::int64_t written = 0;
  for (int slot = 0; slot < kSlotCount; ++slot) {
    std::lock_guard lock(slot_locks_[slot]);
    written += fill_slot(slot, slots_[slot]->ring.capacity(), worker_chunk_);
  }
  return written;
}

bool DecodeWorker::decoding(int slot) const {
  return has_source_[slot].load(std::memory_order_acquire) &&
         !slots_[slot]->producer_done.load(std::memory_order_acquire);
}

std::int64_t DecodeWorker::try_fill(int slot, std::int64_t limit, std::vector<float>& chunk) {
  std::unique_lock lock(slot_locks_[slot], std::try_to_lock);
  if (!lock.owns_lock()) return -1;
  return fill_slot(slot, limit, chunk);
}

void DecodeWorker::top_up() {
  for (int slot = 0; slot < kSlotCount; ++slot) {
    std::lock_guard lock(slot_locks_[slot]);
    const StereoRing& ring = slots_[slot]->ring;
    if (ring.writable() >= ring.capacity() / kTopUpDivisor) fill_slot(slot, ring.capacity(), worker_chunk_);
  }
}

std::int64_t DecodeWorker::fill_slot(int slot, std::int64_t limit, std::vector<float>& chunk) {
  TrackSource* source = sources_[slot].get();
  StreamSlot& feed = *slots_[slot];
  if (!source || feed.producer_done.load(std::memory_order_relaxed)) return 0;
  std::int64_t written = 0;
  while (written < limit && !source->finished()) {
    const std::int64_t room = std::min({feed.ring.writable(), kChunkFrames, limit - written});
    if (room <= 0) break;
    const std::int64_t got = source->produce(chunk.data(), room);
    feed.ring.write(chunk.data(), got);
    written += got;
  }
  if (source->finished()) {
    if (!source->error().empty()) {
      slot_errors_[slot] = source->error();
      std::lock_guard lock(errors_lock_);
      errors_.push_back(source->error());
      errors_posted_.fetch_add(1, std::memory_order_relaxed);
    }
    // Release: every frame written above is visible before the mixer sees "done".
    feed.producer_done.store(true, std::memory_order_release);
  }
  return written;
}

std::string DecodeWorker::decode_error(int slot) {
  std::lock_guard lock(slot_locks_[slot]);
  return slot_errors_[slot];
}

std::vector<std::string> DecodeWorker::take_errors() {
  std::lock_guard lock(errors_lock_);
  return std::exchange(errors_, {});
}

}  // namespace holdspace::audio
