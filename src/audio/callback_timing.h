// How long the audio callback takes, as a fraction of the time the device allows it (one
// buffer's period): the figure that says how close the audio is to an underrun. The callback
// records each block's share itself, so recording is real-time safe: a few relaxed atomic
// operations on a fixed table, no allocation, no lock, no I/O. Read from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace holdspace::audio {

class CallbackTiming {
 public:
  // 0.1 % of the period per bin, up to 100 %; the last bin holds everything from there up.
  static constexpr int kBins = 1001;
  static constexpr double kBinWidth = 0.001;

  // Audio thread: one block took `fraction` of its period (0.25 = a quarter). began_ns: when it
  // began, on any steady clock in nanoseconds.
  void record(double fraction, std::int64_t began_ns = 0);

  std::int64_t count() const { return count_.load(std::memory_order_relaxed); }
  double worst() const { return worst_.load(std::memory_order_relaxed); }
  // When the worst block began, in seconds after the first: to line it up with what else
  // happened then (a track starting, a phase change, the machine busy elsewhere).
  double worst_seconds_in() const;
  // The share that `p` (0.99 = 99 %) of blocks stayed within: the upper edge of its bin, or the
  // worst block if that is lower.
  double percentile(double p) const;

 private:
  std::array<std::atomic<std::int64_t>, kBins> bins_{};
  std::atomic<std::int64_t> count_{0};
  std::atomic<double> worst_{0.0};
  std::atomic<std::int64_t> first_began_ns_{0};
  std::atomic<std::int64_t> worst_began_ns_{0};
};

}  // namespace holdspace::audio
