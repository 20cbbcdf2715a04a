// Loops written so the compiler vectorises them at -O2. GCC's default cost model there ("very
// cheap") vectorises only loops that need no remainder loop and no run-time alias check, so the
// work goes in runs of a fixed length, then what is left one by one, and callers pass
// __restrict pointers. The per-sample loops of the decoders and the mixer then take four samples
// per instruction instead of one.
// Runs in the audio callback: inline arithmetic only, no allocation, locks, I/O or logging.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace holdspace::audio {

// Calls step(i) for every i in [0, count), in order.
template <typename Step>
inline void in_runs(std::int64_t count, Step step) {
  constexpr std::int64_t kRun = 8;
  std::int64_t i = 0;
  for (; i + kRun <= count; i += kRun) {
    for (std::int64_t j = 0; j < kRun; ++j) step(i + j);
  }
  for (; i < count; ++i) step(i);
}

// v clamped to [-limit, limit], or 0 for NaN and the infinities: branch-free, so a loop of it
// vectorises (std::isfinite and std::clamp in a loop do not, at -O2).
inline float clamped_or_silent(float v, float limit) {
  const float clamped = std::min(std::max(v, -limit), limit);
  return std::fabs(v) <= std::numeric_limits<float>::max() ? clamped : 0.0f;
}

}  // namespace holdspace::audio
