// Streaming sample-rate conversion of stereo frames with libsoxr.
//
// Why libsoxr and not libsamplerate: at a higher quality it costs a tenth of the CPU. At
// SOXR_HQ the passband is flat to 91 % of the lower Nyquist (about 20 kHz for a 44.1 kHz
// source) with 20-bit (~120 dB) rejection; libsamplerate's SINC_MEDIUM gave 90 % and ~97 dB,
// and was 85 % of the decode thread's work, the largest share of an idle session's CPU
// (tests/bench/ui_idle.sh, issue 4). It is also the resampler ffmpeg's `aresample=...:
// resampler=soxr` uses, so tests/bench/render_vs_ffmpeg.sh compares like with like.
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
    bool failed = false;  // the resampler refused; the track cannot go on
  };
  // Converts as much of `input` as fits into `output`. Set end_of_input with the last input so
  // the filter's tail is flushed; once it is, a call returns no more output.
  Progress process(const float* input, std::int64_t input_frames, float* output,
                   std::int64_t output_capacity, bool end_of_input);

  double ratio() const { return ratio_; }

 private:
  StereoResampler(void* state, double ratio) : state_(state), ratio_(ratio) {}
  void* state_;  // soxr_t, kept opaque so callers need not see soxr.h
  double ratio_;
};

}  // namespace holdspace::audio
