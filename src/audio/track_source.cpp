#include "audio/track_source.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "audio/vector_runs.h"

namespace holdspace::audio {
namespace {

constexpr std::int64_t kInputChunkFrames = 8192;
// Held back from every call so a sudden end can be faded (10 ms at 48 kHz: short enough to
// keep the mixer's view of the ring current, long enough that the fade is not a click).
constexpr std::int64_t kHeldFrames = 480;
// Decoders and the resampler's rounding may end a few frames short of the announced length;
// that much is padded with silence. A file that ends sooner than this (a header that claims
// more audio than there is, a cut-off download) is treated as ending there, so it never turns
// into a long silence in the client's headphones.
constexpr double kPadToleranceSeconds = 0.5;
// A float file can carry NaN, infinities or absurd values; nothing past +12 dBFS is music.
constexpr float kSaneSampleLimit = 4.0f;

void sanitise(float* samples, std::int64_t count) {
  in_runs(count, [samples](std::int64_t i) { samples[i] = clamped_or_silent(samples[i], kSaneSampleLimit); });
}

// A linear ramp from full level to silence across `frames` stereo frames.
void fade_to_silence(float* frames, std::int64_t count) {
  for (std::int64_t f = 0; f < count; ++f) {
    const float gain = float(count - 1 - f) / float(std::max<std::int64_t>(count - 1, 1));
    frames[2 * f] *= gain;
    frames[2 * f + 1] *= gain;
  }
}

}  // namespace

Result<std::unique_ptr<TrackSource>> TrackSource::open(const std::filesystem::path& path,
                                                       int output_rate, double start_seconds) {
  auto reader = AudioFileReader::open(path);
  if (!reader) return reader.error();
  return from_reader(std::move(reader).value(), path, output_rate, start_seconds);
}

Result<std::unique_ptr<TrackSource>> TrackSource::from_reader(std::unique_ptr<AudioFileReader> reader,
                                                              const std::filesystem::path& path,
                                                              int output_rate, double start_seconds) {
  std::unique_ptr<TrackSource> source(new TrackSource());
  source->reader_ = std::move(reader);
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
  source->start_seconds_ = double(start_frame) / info.sample_rate;
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
  if (finished() || max_frames <= 0) return 0;
  // staged_ = [frames held from last time][newly decoded frames]
  staged_.resize(std::size_t((held_frames_ + max_frames) * 2));
  const std::int64_t fresh = decode_over_ ? 0 : decode(staged_.data() + held_frames_ * 2, max_frames);
  std::int64_t available = held_frames_ + fresh;
  if (fade_held_) {
    // The decoder stopped short and silence was padded on: the held frames are the last real
    // audio, so they are the ones faded down to meet the padding.
    fade_to_silence(staged_.data(), held_frames_);
    fade_held_ = false;
  }

  std::int64_t hand_out = std::max<std::int64_t>(0, available - kHeldFrames);
  if (decode_over_) {
    hand_out = available;
    if (fade_tail_) {
      // Fade the last frames we have to silence, so a broken file never ends on a click.
      const std::int64_t length = std::min(available, kHeldFrames);
      fade_to_silence(staged_.data() + (available - length) * 2, length);
      fade_tail_ = false;
    }
  }
  hand_out = std::min(hand_out, max_frames);
  std::memcpy(out, staged_.data(), std::size_t(hand_out * 2) * sizeof(float));
  held_frames_ = available - hand_out;
  std::memmove(staged_.data(), staged_.data() + hand_out * 2, std::size_t(held_frames_ * 2) * sizeof(float));
  return hand_out;
}

void TrackSource::fail(const std::string& why) {
  error_ = path_.string() + ": " + why;
  decode_over_ = true;
  fade_tail_ = true;
}

// Decodes (and resamples) up to max_frames new frames, padding a small shortfall at the end.
std::int64_t TrackSource::decode(float* out, std::int64_t max_frames) {
  max_frames = std::min(max_frames, expected_frames_ - decoded_);
  if (max_frames <= 0) {
    decode_over_ = true;
    return 0;
  }
  std::int64_t got = resampler_ ? pull_resampled(out, max_frames) : reader_->read_stereo(out, max_frames);
  if (decode_over_) return 0;  // the resampler failed
  if (got == 0) {
    if (!reader_->read_error().empty()) {
      char at[64];
      std::snprintf(at, sizeof at, "stopped decoding at %.1f s: ",
                    start_seconds_ + double(decoded_) / output_rate_);
      fail(at + reader_->read_error());
      return 0;
    }
    const std::int64_t shortfall = expected_frames_ - decoded_;
    if (shortfall > std::int64_t(kPadToleranceSeconds * output_rate_)) {
      char why[96];
      std::snprintf(why, sizeof why, "the file ends %.1f s before its header says it should",
                    double(shortfall) / output_rate_);
      fail(why);
      return 0;
    }
    // A few frames short of the rounded length: pad with silence so the track is exactly as
    // long as announced. More than a handful, and the audio before the pad is faded first.
    if (shortfall > kHeldFrames / 8) fade_held_ = true;
    got = max_frames;
    std::memset(out, 0, std::size_t(got * 2) * sizeof(float));
  }
  sanitise(out, got * 2);
  decoded_ += got;
  if (decoded_ >= expected_frames_) {
    decode_over_ = true;
    if (reader_->info().cut_short) {
      // It stops wherever the copy was cut, likely mid-sound: fade its last frames, and say so.
      fade_tail_ = true;
      error_ = path_.string() + ": the file is cut short (its header promises more audio); " +
               "it was faded out where it ends";
    }
  }
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
      // Before the filter, so one bad sample cannot smear across the resampler's taps.
      sanitise(input_.data(), input_end_ * 2);
    }
    const auto step = resampler_->process(input_.data() + input_start_ * 2, input_end_ - input_start_,
                                          out + written * 2, max_frames - written, input_exhausted_);
    if (step.failed) {
      fail("the resampler failed");
      return written;
    }
    input_start_ += step.input_used;
    written += step.output_written;
    if (input_exhausted_ && step.output_written == 0) resampler_drained_ = true;
  }
  return written;
}

}  // namespace holdspace::audio
