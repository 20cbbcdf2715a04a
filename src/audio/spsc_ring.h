// A lock-free single-producer/single-consumer ring of interleaved stereo frames.
// Real-time safe on both ends: the decode thread writes, the audio callback reads.
// No allocation after construction, no locks, no system calls.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>

namespace holdspace::audio {

class StereoRing {
 public:
  static constexpr int kChannels = 2;

  // Capacity is rounded up to a power of two so the index wraps with a mask.
  explicit StereoRing(std::int64_t capacity_frames) {
    capacity_ = 1;
    while (capacity_ < capacity_frames) capacity_ <<= 1;
    mask_ = capacity_ - 1;
    // Not zeroed: only written frames are ever read, and a long ring (an offline render's)
    // then takes memory only as far as it is filled. A live engine calls touch_every_page().
    data_ = std::make_unique_for_overwrite<float[]>(std::size_t(capacity_ * kChannels));
  }

  // Writes every page once, before any thread uses the ring: the kernel then provides all its
  // memory now, not page by page while a session plays.
  void touch_every_page() { std::fill_n(data_.get(), std::size_t(capacity_ * kChannels), 0.0f); }

  std::int64_t capacity() const { return capacity_; }

  // Producer side. The acquire load of read_ pairs with the consumer's release store, so the
  // frames the consumer finished reading are really free before we overwrite them.
  std::int64_t writable() const {
    return capacity_ - (write_.load(std::memory_order_relaxed) - read_.load(std::memory_order_acquire));
  }

  std::int64_t write(const float* frames, std::int64_t count) {
    count = std::min(count, writable());
    const std::uint64_t start = write_.load(std::memory_order_relaxed);  // only we move write_
    copy_in(start, frames, count);
    // Release: the frames copied above become visible before the new write index does.
    write_.store(start + std::uint64_t(count), std::memory_order_release);
    return count;
  }

  // Consumer side. The acquire load of write_ pairs with the producer's release store, so every
  // frame below the index we see has been fully written.
  std::int64_t readable() const {
    return std::int64_t(write_.load(std::memory_order_acquire) - read_.load(std::memory_order_relaxed));
  }

  std::int64_t read(float* frames, std::int64_t count) {
    count = std::min(count, readable());
    const std::uint64_t start = read_.load(std::memory_order_relaxed);  // only we move read_
    copy_out(start, frames, count);
    // Release: we are done reading these frames before the producer may reuse their space.
    read_.store(start + std::uint64_t(count), std::memory_order_release);
    return count;
  }

  // Only while neither side is using the ring (the slot is idle and detached).
  void reset() {
    read_.store(0, std::memory_order_relaxed);
    write_.store(0, std::memory_order_release);
  }

 private:
  void copy_in(std::uint64_t start, const float* frames, std::int64_t count) {
    const std::int64_t at = std::int64_t(start & std::uint64_t(mask_));
    const std::int64_t first = std::min(count, capacity_ - at);
    std::memcpy(&data_[at * kChannels], frames, std::size_t(first * kChannels) * sizeof(float));
    std::memcpy(&data_[0], frames + first * kChannels,
                std::size_t((count - first) * kChannels) * sizeof(float));
  }

  void copy_out(std::uint64_t start, float* frames, std::int64_t count) const {
    const std::int64_t at = std::int64_t(start & std::uint64_t(mask_));
    const std::int64_t first = std::min(count, capacity_ - at);
    std::memcpy(frames, &data_[at * kChannels], std::size_t(first * kChannels) * sizeof(float));
    std::memcpy(frames + first * kChannels, &data_[0],
                std::size_t((count - first) * kChannels) * sizeof(float));
  }

  std::int64_t capacity_ = 0;
  std::int64_t mask_ = 0;
  std::unique_ptr<float[]> data_;
  // Monotonic frame counters (never wrapped; 2^64 frames outlast any session). Each on its own
  // cache line so the two threads don't false-share.
  alignas(64) std::atomic<std::uint64_t> write_{0};
  alignas(64) std::atomic<std::uint64_t> read_{0};
};

}  // namespace holdspace::audio
