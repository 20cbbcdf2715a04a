#include "audio/decode_worker.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace holdspace::audio {
namespace {
constexpr std::int64_t kChunkFrames = 4096;
// The rings hold seconds of audio, so a top-up every 20 ms keeps them nearly full while
// letting the CPU sleep between visits (a laptop on battery for three hours).
constexpr auto kPollInterval = std::chrono::milliseconds(20);
}  // namespace

DecodeWorker::DecodeWorker(std::array<StreamSlot*, kSlotCount> slots)
    : slots_(slots), chunk_(std::size_t(kChunkFrames * 2)) {}

DecodeWorker::~DecodeWorker() { stop_thread(); }

void DecodeWorker::start_thread() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DecodeWorker::stop_thread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DecodeWorker::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    fill_all();
    lock.lock();
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_; });
  }
}

void DecodeWorker::attach(int slot, std::unique_ptr<TrackSource> source, std::int64_t prefill_frames) {
  StreamSlot& feed = *slots_[slot];
  feed.ring.reset();
  feed.producer_done.store(false, std::memory_order_relaxed);
  feed.expected_frames.store(source->expected_frames(), std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  sources_[slot] = std::move(source);
  fill_slot(slot, prefill_frames);
}

void DecodeWorker::detach(int slot) {
  std::lock_guard lock(mutex_);
  sources_[slot].reset();
  slots_[slot]->producer_done.store(false, std::memory_order_relaxed);
  slots_[slot]->ring.reset();
}

std::int64_t DecodeWorker::fill_all() {
  std::lock_guard lock(mutex_);
  std::int64_t written = 0;
  for (int slot = 0; slot < kSlotCount; ++slot) {
    written += fill_slot(slot, slots_[slot]->ring.capacity());
  }
  return written;
}

// Caller holds mutex_.
std::int64_t DecodeWorker::fill_slot(int slot, std::int64_t limit) {
  TrackSource* source = sources_[slot].get();
  StreamSlot& feed = *slots_[slot];
  if (!source || feed.producer_done.load(std::memory_order_relaxed)) return 0;
  std::int64_t written = 0;
  while (written < limit && !source->finished()) {
    const std::int64_t room = std::min({feed.ring.writable(), kChunkFrames, limit - written});
    if (room <= 0) break;
    const std::int64_t got = source->produce(chunk_.data(), room);
    feed.ring.write(chunk_.data(), got);
    written += got;
  }
  if (source->finished()) {
    if (!source->error().empty()) errors_.push_back(source->error());
    // Release: every frame written above is visible before the mixer sees "done".
    feed.producer_done.store(true, std::memory_order_release);
  }
  return written;
}

std::vector<std::string> DecodeWorker::take_errors() {
  std::lock_guard lock(mutex_);
  return std::exchange(errors_, {});
}

}  // namespace holdspace::audio
