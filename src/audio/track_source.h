// One track as the mixer wants it: stereo float frames at the output rate, decoded and resampled
// on a decode thread. Its length at the output rate is fixed up front (the source frames times
// the rate ratio, rounded) and the stream is padded to exactly that, so the mixer can time a
// crossfade to the frame before the decoder has reached the end.
//
// A file that breaks off (truncated, corrupt, a header that promises more than there is) must
// not end on a click: the last few milliseconds are always held back, so that when decoding
// fails they can be faded out before the track ends.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "audio/audio_file.h"
#include "audio/resampler.h"
#include "core/result.h"

namespace holdspace::audio {

class TrackSource {
 public:
  // start_seconds > 0 starts part-way in (resuming a session at the right offset).
  static Result<std::unique_ptr<TrackSource>> open(const std::filesystem::path& path,
                                                   int output_rate, double start_seconds = 0.0);
  // The same on a reader already open (on memory, say); path is only used in messages.
  static Result<std::unique_ptr<TrackSource>> from_reader(std::unique_ptr<AudioFileReader> reader,
                                                          const std::filesystem::path& path,
                                                          int output_rate, double start_seconds = 0.0);

  // Writes up to max_frames stereo frames. Returns how many; 0 once finished().
  std::int64_t produce(float* out, std::int64_t max_frames);

  bool finished() const { return decode_over_ && held_frames_ == 0; }
  std::int64_t expected_frames() const { return expected_frames_; }
  const AudioFileInfo& info() const { return reader_->info(); }
  // Non-empty when decoding stopped early (a truncated or corrupt file), naming the file.
  const std::string& error() const { return error_; }

 private:
  TrackSource() = default;
  std::int64_t decode(float* out, std::int64_t max_frames);
  std::int64_t pull_resampled(float* out, std::int64_t max_frames);
  void fail(const std::string& why);

  std::filesystem::path path_;
  int output_rate_ = 0;
  double start_seconds_ = 0.0;  // where in the file decoding began
  std::unique_ptr<AudioFileReader> reader_;
  std::unique_ptr<StereoResampler> resampler_;  // null when the file is already at the output rate
  std::vector<float> input_;                    // decoded frames waiting for the resampler
  std::int64_t input_start_ = 0;
  std::int64_t input_end_ = 0;
  bool input_exhausted_ = false;
  bool resampler_drained_ = false;

  std::vector<float> staged_;       // decoded frames not yet handed out; the last few are held
  std::int64_t held_frames_ = 0;    // frames at the front of staged_ kept from the last call
  bool decode_over_ = false;        // the decoder has given all it will give
  bool fade_tail_ = false;          // it ended badly: fade the last frames out
  bool fade_held_ = false;          // silence was padded on: fade the held frames before it
  std::int64_t expected_frames_ = 0;
  std::int64_t decoded_ = 0;
  std::string error_;
};

}  // namespace holdspace::audio
