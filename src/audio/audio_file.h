// Reading audio files with libsndfile: what a file is (probe) and its frames as stereo floats.
// Used by the decode thread and by playlist checks; never by the audio callback.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace holdspace::audio {

struct AudioFileInfo {
  std::int64_t frames = 0;  // per channel, at the file's own rate
  int sample_rate = 0;
  int channels = 0;
  std::string format;  // "Ogg Vorbis", "FLAC", "WAV PCM 16-bit", ...
  // The header promised more audio than the file holds (a cut-off copy); `frames` is what is
  // really there. It plays, and its end is faded because it stops mid-sound.
  bool cut_short = false;
  double seconds() const { return sample_rate > 0 ? double(frames) / sample_rate : 0.0; }
};

// Opens the file just long enough to say what it is. The error names the file and the reason
// ("not an audio file libsndfile can read", "permission denied", "no such file").
Result<AudioFileInfo> probe_audio_file(const std::filesystem::path& path);

// Sequential reader that always yields interleaved stereo: mono goes to both ears, more than
// two channels are downmixed with the standard (ITU-R BS.775) coefficients.
class AudioFileReader {
 public:
  static Result<std::unique_ptr<AudioFileReader>> open(const std::filesystem::path& path);
  // The same checks and decoding for a whole file's bytes already in memory; name stands for
  // the path in messages. The bytes must outlive the reader.
  static Result<std::unique_ptr<AudioFileReader>> open_memory(std::string_view bytes,
                                                              const std::string& name);
  ~AudioFileReader();
  AudioFileReader(const AudioFileReader&) = delete;
  AudioFileReader& operator=(const AudioFileReader&) = delete;

  const AudioFileInfo& info() const { return info_; }

  // Reads up to max_frames stereo frames into out (2 * max_frames floats). Returns the frames
  // read; 0 means the end of the file or a read error (see read_error()).
  std::int64_t read_stereo(float* out, std::int64_t max_frames);

  // Moves to a frame at the file's own rate. False if the file cannot seek.
  bool seek(std::int64_t frame);

  // Set when the decoder failed mid-stream (a truncated or corrupt file), empty otherwise.
  const std::string& read_error() const { return read_error_; }

 private:
  struct Impl;
  explicit AudioFileReader(std::unique_ptr<Impl> impl, AudioFileInfo info);
  // Sets up the downmix for an opened, checked file and wraps it.
  static std::unique_ptr<AudioFileReader> adopt(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  AudioFileInfo info_;
  std::string read_error_;
};

}  // namespace holdspace::audio
