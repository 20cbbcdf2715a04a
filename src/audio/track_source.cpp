#include "audio/track_source.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace holdspace::audio {
namespace {
constexpr std::int64_t kInputChunkFrames = 8192;
// Decoders and the resampler's rounding may end a few frames short of the announced length;
// that much is padded with silence. A file that ends sooner than this (a header that claims
// more audio than there is, a cut-off download) is treated as ending there, so it never turns
// into a long silence in the client's headphones.
constexpr double kPadToleranceSeconds = 0.5;
}  // namespace

Result<std::unique_ptr<TrackSource>> TrackSource::open(const std::filesystem::path& path,
                                                       int output_rate, double start_seconds) {
  auto reader = AudioFileReader::open(path);
  if (!reader) return reader.error();
  std::unique_ptr<TrackSource> source(new TrackSource());
  source->reader_ = std::move(reader.value());
  const AudioFileInfo& info = source->reader_->info();

  std::int64_t start_frame = 0;
  if (start_seconds > 0) {
    start_frame = std::min<std::int64_t>(std::llround(start_seconds * info.sample_rate), info.frames);
    if (!source->reader_->seek(start_frame)) {
      return Error{path.string() + ": cannot seek to " + std::to_string(start_seconds) + " s"};
    }
  }
  source->path_ = path;
  source->output_rate_ = output_rate;
  const double ratio = double(output_rate) / double(info.sample_rate);
  source->expected_frames_ = std::llround(double(info.frames - start_frame) * ratio);
  if (info.sample_rate != output_rate) {
    auto resampler = StereoResampler::create(info.sample_rate, output_rate);
    if (!resampler) return Error{path.string() + ": " + resampler.error().message};
    source->resampler_ = std::move(resampler.value());
    source->input_.resize(std::size_t(kInputChunkFrames * 2));
  }
  return source;
}

std::int64_t TrackSource::produce(float* out, std::int64_t max_frames) {
  max_frames = std::min(max_frames, expected_frames_ - produced_);
  if (max_frames <= 0 || failed_) return 0;

  std::int64_t got = resampler_ ? pull_resampled(out, max_frames) : reader_->read_stereo(out, max_frames);
  if (got == 0) {
    if (!reader_->read_error().empty()) {
      error_ = path_.string() + ": " + reader_->read_error();
      failed_ = true;
      return 0;
    }
    const std::int64_t shortfall = expected_frames_ - produced_;
    if (shortfall > std::int64_t(kPadToleranceSeconds * output_rate_)) {
      error_ = path_.string() + ": the file ends " + std::to_string(shortfall / output_rate_) +
               " s before its header says it should";
      failed_ = true;
      return 0;
    }
    // A few frames short of the rounded length: pad with silence so the track is exactly as
    // long as announced.
    got = max_frames;
    std::memset(out, 0, std::size_t(got * 2) * sizeof(float));
  }
  produced_ += got;
  return got;
}

std::int64_t TrackSource::pull_resampled(float* out, std::int64_t max_frames) {
  std::int64_t written = 0;
  while (written < max_frames && !resampler_drained_) {
    if (input_start_ == input_end_ && !input_exhausted_) {
      input_start_ = 0;
      input_end_ = reader_->read_stereo(input_.data(), kInputChunkFrames);
      if (input_end_ == 0) {
        input_exhausted_ = true;
        if (!reader_->read_error().empty()) return written;
      }
    }
    const auto step = resampler_->process(input_.data() + input_start_ * 2, input_end_ - input_start_,
                                          out + written * 2, max_frames - written, input_exhausted_);
    input_start_ += step.input_used;
    written += step.output_written;
    if (input_exhausted_ && step.output_written == 0) resampler_drained_ = true;
  }
  return written;
}

}  // namespace holdspace::audio
