// The session clock, injected: a monotonic clock for timing, and wall time for the record only.
// Tests use ManualClock; the session never reads the audio clock for time.
#pragma once

#include <chrono>
#include <cstdint>

namespace holdspace {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic nanoseconds from an arbitrary origin; never goes back.
  virtual std::int64_t monotonic_ns() const = 0;
  virtual std::chrono::system_clock::time_point wall() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t monotonic_ns() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  std::chrono::system_clock::time_point wall() const override { return std::chrono::system_clock::now(); }
};

// Time moves only when a test says so; wall time moves with it.
class ManualClock final : public Clock {
 public:
  std::int64_t monotonic_ns() const override { return now_ns_; }
  std::chrono::system_clock::time_point wall() const override {
    return wall_origin_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                              std::chrono::nanoseconds(now_ns_));
  }
  void advance_seconds(double seconds) { now_ns_ += std::int64_t(seconds * 1e9); }
  void set_wall_origin(std::chrono::system_clock::time_point origin) { wall_origin_ = origin; }

 private:
  std::int64_t now_ns_ = 1'000'000'000;
  std::chrono::system_clock::time_point wall_origin_ = std::chrono::system_clock::from_time_t(1'800'000'000);
};

constexpr std::int64_t seconds_to_ns(double seconds) { return std::int64_t(seconds * 1e9); }
constexpr double ns_to_seconds(std::int64_t ns) { return double(ns) / 1e9; }

}  // namespace holdspace
