// Streaming sample-rate conversion of stereo frames with libsamplerate.
//
// Quality: SRC_SINC_MEDIUM_QUALITY. Its passband reaches 90% of the lower Nyquist (about 19.8 kHz
// for a 44.1 kHz source) with ~97 dB of stopband rejection: beyond what a listener in headphones
// can tell apart from the source, and well clear of the 16-bit noise floor. SINC_BEST only adds
// bandwidth above 20 kHz, at the highest CPU cost of the three sinc converters, which matters
// when a three-hour session is pre-rendered on a laptop on battery. SINC_FASTEST starts rolling
// off near 17.6 kHz, which some listeners could hear on bright recordings.
// A file already at the output rate skips the resampler entirely (bit-transparent).
#pragma once

#include <cstdint>
#include <memory>

#include "core/result.h"

namespace holdspace::audio {

class StereoResampler {
 public:
  static Result<std::unique_ptr<StereoResampler>> create(int input_rate, int output_rate);
  ~StereoResampler();
  StereoResampler(const StereoResampler&) = delete;
  StereoResampler& operator=(const StereoResampler&) = delete;

  struct Progress {
    std::int64_t input_used = 0;
    std::int64_t output_written = 0;
    bool failed = false;  // libsamplerate refused; the track cannot go on
  };
  // Converts as much of `input` as fits into `output`. Set end_of_input with the last input so
  // the filter's tail is flushed.
  Progress process(const float* input, std::int64_t input_frames, float* output,
                   std::int64_t output_capacity, bool end_of_input);

  double ratio() const { return ratio_; }

 private:
  StereoResampler(void* state, double ratio) : state_(state), ratio_(ratio) {}
  void* state_;  // SRC_STATE*, kept opaque so callers need not see samplerate.h
  double ratio_;
};

}  // namespace holdspace::audio
