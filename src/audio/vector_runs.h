// Loops written so the compiler vectorises them at -O2. GCC's default cost model there ("very
// cheap") vectorises only loops that need no remainder loop and no run-time alias check, so the
// work goes in runs of a fixed length, then what is left one by one. The per-sample loops of the
// decoders and the mixer then take four samples per instruction instead of one.
// Runs in the audio callback: arithmetic on the caller's buffers only, no allocation, locks, I/O
// or logging.
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

// Loops over two arrays are functions of their own with __restrict parameters, not in_runs:
// through a lambda's captures GCC loses the __restrict, would need an alias check, and so
// leaves the loop scalar.

// mix[i] += in[i] * level, for i in [0, count).
inline void add_scaled(float* __restrict mix, const float* __restrict in, std::int64_t count, float level) {
  constexpr std::int64_t kRun = 8;
  std::int64_t i = 0;
  for (; i + kRun <= count; i += kRun) {
    for (std::int64_t j = 0; j < kRun; ++j) mix[i + j] += in[i + j] * level;
  }
  for (; i < count; ++i) mix[i] += in[i] * level;
}

// out[i] = in[i] clamped to [-limit, limit], for i in [0, count). Never inlined: with `limit` a
// constant at the call, GCC 12 makes the clamp compares and branches, and the loop stays scalar.
[[gnu::noinline]] inline void copy_clamped(float* __restrict out, const float* __restrict in, std::int64_t count,
                                           float limit) {
  constexpr std::int64_t kRun = 8;
  std::int64_t i = 0;
  for (; i + kRun <= count; i += kRun) {
    for (std::int64_t j = 0; j < kRun; ++j) out[i + j] = std::min(std::max(in[i + j], -limit), limit);
  }
  for (; i < count; ++i) out[i] = std::min(std::max(in[i], -limit), limit);
}

// The largest |x[i]| for i in [0, count), 0 for none. Eight running maxima, joined at the end:
// GCC leaves a single running maximum of floats scalar (a reduction it may not reorder).
inline float largest_magnitude(const float* __restrict x, std::int64_t count) {
  constexpr std::int64_t kRun = 8;
  float lanes[kRun] = {};
  std::int64_t i = 0;
  for (; i + kRun <= count; i += kRun) {
    for (std::int64_t j = 0; j < kRun; ++j) lanes[j] = std::max(lanes[j], std::fabs(x[i + j]));
  }
  float largest = 0.0f;
  for (; i < count; ++i) largest = std::max(largest, std::fabs(x[i]));
  for (const float lane : lanes) largest = std::max(largest, lane);
  return largest;
}

// v clamped to [-limit, limit], or 0 for NaN and the infinities: branch-free, so a loop of it
// vectorises (std::isfinite and std::clamp in a loop do not, at -O2).
inline float clamped_or_silent(float v, float limit) {
  const float clamped = std::min(std::max(v, -limit), limit);
  return std::fabs(v) <= std::numeric_limits<float>::max() ? clamped : 0.0f;
}

}  // namespace holdspace::audio
