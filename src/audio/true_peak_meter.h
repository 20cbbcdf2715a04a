// The true peak of a whole stereo signal, fed block by block: what the track analysis reports.
//
// Why not libebur128's true-peak mode: its interpolator, run over every sample, was two thirds
// of all the work in analysing a track (callgrind). This one runs only where a sample could
// still beat the loudest interval found so far: the largest |sample| the filter would read,
// times the filter's largest gain, bounds what it can find there. In music that is a small part
// of the track.
#pragma once

#include <cstdint>
#include <vector>

#include "audio/true_peak_filter.h"

namespace holdspace::audio {

class TruePeakMeter {
 public:
  TruePeakMeter();

  // Interleaved stereo frames, in order.
  void add(const float* stereo, std::int64_t frames);
  // The largest estimate over the whole signal, linear (1.0 = 0 dBTP); +inf if a sample was
  // infinite. NaN samples are passed over. Call once, after the last add().
  //
  // Where the filter would read before the first sample or past the last, the samples count as
  // themselves: the signal is not taken to jump out of silence, whose ringing no one hears in a
  // track that fades or crossfades in, and libebur128 does not count it either.
  double finish();

 private:
  void measure_ready_intervals();
  void add_sample_peaks(const float* stereo, std::int64_t frames);

  using Filter = TruePeakFilter<16>;
  Filter filter_;
  // Interleaved frames not yet measured, after the kFramesBefore frames the filter reads
  // before them.
  std::vector<float> frames_;
  std::int64_t first_unmeasured_ = 0;  // frame index in frames_
  std::int64_t frames_seen_ = 0;
  float peak_ = 0.0f;
};

}  // namespace holdspace::audio
