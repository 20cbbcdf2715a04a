#include "audio/resampler.h"

#include <samplerate.h>

namespace holdspace::audio {

Result<std::unique_ptr<StereoResampler>> StereoResampler::create(int input_rate, int output_rate) {
  const double ratio = double(output_rate) / double(input_rate);
  if (src_is_valid_ratio(ratio) == 0) {
    return Error{"cannot resample from " + std::to_string(input_rate) + " Hz to " +
                 std::to_string(output_rate) + " Hz"};
  }
  int error = 0;
  SRC_STATE* state = src_new(SRC_SINC_MEDIUM_QUALITY, 2, &error);
  if (!state) return Error{std::string("resampler: ") + src_strerror(error)};
  return std::unique_ptr<StereoResampler>(new StereoResampler(state, ratio));
}

StereoResampler::~StereoResampler() { src_delete(static_cast<SRC_STATE*>(state_)); }

StereoResampler::Progress StereoResampler::process(const float* input, std::int64_t input_frames,
                                                   float* output, std::int64_t output_capacity,
                                                   bool end_of_input) {
  SRC_DATA data{};
  data.data_in = input;
  data.input_frames = long(input_frames);
  data.data_out = output;
  data.output_frames = long(output_capacity);
  data.end_of_input = end_of_input ? 1 : 0;
  data.src_ratio = ratio_;
  if (src_process(static_cast<SRC_STATE*>(state_), &data) != 0) return {0, 0, true};
  return {data.input_frames_used, data.output_frames_gen, false};
}

}  // namespace holdspace::audio
