// Test audio made at test time with libsndfile, and the measurements tests make on audio.
#pragma once

#include <sndfile.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "playlist/playlist.h"

namespace holdspace::audio {
class TrackSource;
}

namespace holdspace::test {

// The rate the engine mixes at: audio the tests write at it needs no resampling, so lengths and
// positions come out exact.
inline constexpr int kRate = 48000;

// A fresh, empty folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "holdspace-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Sample generator: (frame index, channel) -> value.
using SampleFunction = std::function<float(std::int64_t frame, int channel)>;

// Writes `frames` frames with libsndfile in `format` (e.g. SF_FORMAT_WAV | SF_FORMAT_PCM_16).
void write_audio(const std::filesystem::path& path, int format, int rate, int channels,
                 std::int64_t frames, const SampleFunction& sample);

// A sine of `hz` at `amplitude`, the same in every channel. phase_frames shifts the phase so a
// second file can continue exactly where the first stopped.
SampleFunction sine(double hz, int rate, float amplitude, std::int64_t phase_frames = 0);
SampleFunction constant(float value);

struct DecodedAudio {
  int rate = 0;
  int channels = 0;
  std::vector<float> samples;  // interleaved
  std::int64_t frames() const { return channels ? std::int64_t(samples.size()) / channels : 0; }
  float at(std::int64_t frame, int channel) const { return samples[std::size_t(frame * channels + channel)]; }
};
DecodedAudio read_audio(const std::filesystem::path& path);

// Everything `source` produces, interleaved stereo, asked for `chunk_frames` at a time.
std::vector<float> decode_all(audio::TrackSource& source, std::int64_t chunk_frames = 4096);

// The frequency of a steady tone in one channel, from its zero crossings (accurate to well under
// 1 Hz over a second of audio).
double estimate_frequency(const std::vector<float>& interleaved, int channels, int channel, int rate,
                          std::int64_t from_frame, std::int64_t to_frame);

double rms(const std::vector<float>& interleaved, int channels, int channel, std::int64_t from_frame,
           std::int64_t to_frame);
// The largest |sample| from index `from` up to `to` (or the end), whatever the channels.
double peak_of(const std::vector<float>& samples, std::size_t from, std::size_t to);

// A tone's level in dBFS in a mono recording: the median over 100 ms blocks of its amplitude
// (Goertzel, Hann window), so two tones 80 dB apart are told apart, and a block a loaded machine
// lost, or a click, moves one block rather than the verdict. -240 if shorter than a block.
double tone_level_db(const std::vector<float>& mono, double hz, int rate);

// The largest jump between two neighbouring samples of one channel: a click or a gap shows up
// as a step bigger than the music's own.
double largest_step(const DecodedAudio& audio, int channel);

// A playlist entry for a file, as the parsers would make it.
playlist::PlaylistEntry entry_for(const std::filesystem::path& path, int line);

}  // namespace holdspace::test
