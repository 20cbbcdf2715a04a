// A fixed-size lock-free single-producer/single-consumer queue of plain-data messages.
// Carries commands into the audio callback and status out of it. Real-time safe: no allocation
// after construction, no locks. A full queue refuses the message rather than blocking.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <type_traits>

namespace holdspace::audio {

template <class T, std::size_t Capacity>
class SpscQueue {
  static_assert(std::is_trivially_copyable_v<T>, "messages cross threads as plain data");
  static_assert((Capacity & (Capacity - 1)) == 0, "capacity must be a power of two");

 public:
  // Producer only. False when full; the caller decides (commands retry, status is dropped and
  // counted by the caller).
  bool push(const T& item) {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    // Acquire: pairs with the consumer's release of tail_, so the slot we reuse is really read.
    if (head - tail_.load(std::memory_order_acquire) == Capacity) return false;
    items_[head & (Capacity - 1)] = item;
    // Release: the item is written before the consumer can see the new head.
    head_.store(head + 1, std::memory_order_release);
    return true;
  }

  // Consumer only.
  bool pop(T& item) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    // Acquire: pairs with the producer's release of head_, so the item is fully written.
    if (head_.load(std::memory_order_acquire) == tail) return false;
    item = items_[tail & (Capacity - 1)];
    // Release: we have copied the item out before the producer may overwrite it.
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }

 private:
  std::array<T, Capacity> items_{};
  alignas(64) std::atomic<std::size_t> head_{0};
  alignas(64) std::atomic<std::size_t> tail_{0};
};

}  // namespace holdspace::audio
