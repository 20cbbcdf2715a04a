#include "audio/decode_worker.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace holdspace::audio {
namespace {
constexpr std::int64_t kChunkFrames = 4096;
// The rings hold 4 s of audio, so a top-up every 50 ms keeps them nearly full while letting the
// CPU sleep between visits (a laptop on battery for three hours).
constexpr auto kPollInterval = std::chrono::milliseconds(50);
}  // namespace

DecodeWorker::DecodeWorker(std::array<StreamSlot*, kSlotCount> slots)
    : slots_(slots),
      worker_chunk_(std::size_t(kChunkFrames * 2)),
      control_chunk_(std::size_t(kChunkFrames * 2)) {}

DecodeWorker::~DecodeWorker() { stop_thread(); }

void DecodeWorker::start_thread() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DecodeWorker::stop_thread() {
  {
    std::lock_guard lock(thread_lock_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DecodeWorker::run() {
  std::unique_lock lock(thread_lock_);
  while (!stopping_) {
    lock.unlock();
    fill_all();
    lock.lock();
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_; });
  }
}

void DecodeWorker::attach(int slot, std::unique_ptr<TrackSource> source, std::int64_t prefill_frames) {
  std::lock_guard lock(slot_locks_[slot]);
  StreamSlot& feed = *slots_[slot];
  feed.ring.reset();
  feed.producer_done.store(false, std::memory_order_relaxed);
  feed.expected_frames.store(source->expected_frames(), std::memory_order_relaxed);
  sources_[slot] = std::move(source);
  fill_slot(slot, prefill_frames, control_chunk_);
}

void DecodeWorker::detach(int slot) {
  std::lock_guard lock(slot_locks_[slot]);
  sources_[slot].reset();
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
      std::lock_guard lock(errors_lock_);
      errors_.push_back(source->error());
    }
    // Release: every frame written above is visible before the mixer sees "done".
    feed.producer_done.store(true, std::memory_order_release);
  }
  return written;
}

std::vector<std::string> DecodeWorker::take_errors() {
  std::lock_guard lock(errors_lock_);
  return std::exchange(errors_, {});
}

}  // namespace holdspace::audio
