// A true-peak estimate (ITU-R BS.1770's method): each interval between two samples is
// oversampled 4x by a polyphase FIR (a Kaiser-windowed sinc), and the largest |value| of either
// channel, at the sample or between it and the next, is that interval's true peak.
//  - The limiter holds the output to TruePeakFilter<8>: 8 taps per phase, a short filter that
//    costs little in every callback and reads high rather than low (true_peak_limiter.h).
//  - The track analysis measures with TruePeakFilter<16>: it must read true, not just safe, and
//    runs only where a sample could beat the loudest interval found so far (TruePeakMeter).
//
// Real-time safe: interval_peaks() is arithmetic on the caller's buffers, nothing else.
#pragma once

#include <array>
#include <cstdint>

namespace holdspace::audio {

template <int TapsPerPhase>
class TruePeakFilter {
 public:
  static constexpr int kOversampling = 4;
  static constexpr int kTapsPerPhase = TapsPerPhase;
  // Intervals estimated per call: a fixed length, so the loops become vector code.
  static constexpr std::int64_t kSubBlock = 32;
  // Interleaved stereo frames one call reads: the sub-block and the taps around it.
  static constexpr std::int64_t kSpan = kSubBlock + kTapsPerPhase - 1;
  // Frames the filter reads before the interval's first sample, x[m].
  static constexpr std::int64_t kFramesBefore = kTapsPerPhase / 2 - 1;

  // The window spans the taps and half a sample more either side; `kaiser_beta` trades the
  // ripple in the passband for the width of the transition.
  explicit TruePeakFilter(double kaiser_beta);

  // peaks[i] is the true-peak estimate of the interval from x[m+i] to x[m+i+1], for i in
  // [0, kSubBlock), both channels; `x` points at the interleaved frame x[m - kFramesBefore] and
  // kSpan frames are read.
  void interval_peaks(const float* x, float* peaks) const;

  // No interpolated value is larger than the largest |sample| the filter reads times this: a
  // quiet stretch can be passed over without running the filter.
  float largest_gain() const { return largest_gain_; }

 private:
  std::array<std::array<float, kTapsPerPhase>, kOversampling - 1> phases_{};
  float largest_gain_ = 1.0f;
};

extern template class TruePeakFilter<8>;
extern template class TruePeakFilter<16>;

}  // namespace holdspace::audio
