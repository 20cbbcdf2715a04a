#include "audio/resampler.h"

#include <soxr.h>

namespace holdspace::audio {
namespace {
// Beyond this either way a "sample rate" is a broken header, not music.
constexpr double kMaxRatio = 256.0;
}  // namespace

Result<std::unique_ptr<StereoResampler>> StereoResampler::create(int input_rate, int output_rate) {
  const double ratio = input_rate > 0 && output_rate > 0 ? double(output_rate) / double(input_rate) : 0.0;
  if (ratio < 1.0 / kMaxRatio || ratio > kMaxRatio) {
    return Error{"cannot resample from " + std::to_string(input_rate) + " Hz to " +
                 std::to_string(output_rate) + " Hz"};
  }
  soxr_error_t error = nullptr;
  const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
  // One thread: the decode worker is already a thread of its own, beside the audio callback.
  const soxr_runtime_spec_t runtime = soxr_runtime_spec(1);
  soxr_t state = soxr_create(input_rate, output_rate, 2, &error, &io, &quality, &runtime);
  if (!state || error) {
    if (state) soxr_delete(state);
    return Error{std::string("resampler: ") + (error ? error : "could not be created")};
  }
  return std::unique_ptr<StereoResampler>(new StereoResampler(state, ratio));
}

StereoResampler::~StereoResampler() { soxr_delete(static_cast<soxr_t>(state_)); }

StereoResampler::Progress StereoResampler::process(const float* input, std::int64_t input_frames,
                                                   float* output, std::int64_t output_capacity,
                                                   bool end_of_input) {
  auto* state = static_cast<soxr_t>(state_);
  std::size_t used = 0;
  std::size_t written = 0;
  if (input_frames > 0 &&
      soxr_process(state, input, std::size_t(input_frames), &used, output, std::size_t(output_capacity), &written)) {
    return {0, 0, true};
  }
  // soxr flushes its tail when given no input at all; only once the last input is all in.
  if (end_of_input && used == std::size_t(input_frames) && written < std::size_t(output_capacity)) {
    std::size_t tail = 0;
    if (soxr_process(state, nullptr, 0, nullptr, output + written * 2, std::size_t(output_capacity) - written,
                     &tail)) {
      return {0, 0, true};
    }
    written += tail;
  }
  return {std::int64_t(used), std::int64_t(written), false};
}

}  // namespace holdspace::audio
