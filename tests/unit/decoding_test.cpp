// Decoding every format libsndfile gives us, made at test time, through the same TrackSource the
// decode thread uses: durations, downmix, and a tone's frequency surviving the resampler.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "audio/audio_file.h"
#include "audio/track_source.h"
#include "support/test_audio.h"

using namespace holdspace;
using holdspace::test::TempDir;

namespace {

// An odd chunk, so reads end anywhere in the decoder's own blocks.
constexpr std::int64_t kChunkFrames = 1000;

struct FormatCase {
  const char* name;
  const char* extension;
  int format;
  int rate;
  const char* expected_format;
  double duration_tolerance;  // lossy codecs pad or trim a little
};

}  // namespace

TEST_CASE("every supported format decodes to the right duration and pitch at 48 kHz", "[decode]") {
  const FormatCase cases[] = {
      {"WAV", "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, "WAV 16-bit", 0.0},
      {"AIFF", "aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_24, 44100, "AIFF 24-bit", 0.0},
      {"FLAC", "flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, "FLAC 16-bit", 0.0},
      {"Ogg Vorbis", "ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, "Ogg Vorbis", 0.02},
      {"Ogg Opus", "opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, "Ogg Opus", 0.05},
      {"MP3", "mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, "MP3", 0.1},
  };
  TempDir dir;
  for (const auto& c : cases) {
    SECTION(c.name) {
      const auto path = dir / (std::string("tone.") + c.extension);
      test::write_audio(path, c.format, c.rate, 2, c.rate * 2, test::sine(440.0, c.rate, 0.5f));

      auto info = audio::probe_audio_file(path);
      REQUIRE(info.ok());
      CHECK(info->format == c.expected_format);
      CHECK(info->sample_rate == c.rate);
      CHECK(info->channels == 2);
      CHECK(info->seconds() == Approx(2.0).margin(c.duration_tolerance + 1e-9));

      auto source = audio::TrackSource::open(path, 48000);
      REQUIRE(source.ok());
      const auto samples = test::decode_all(*source.value(), kChunkFrames);
      const std::int64_t frames = std::int64_t(samples.size() / 2);
      CHECK(frames == source.value()->expected_frames());
      CHECK(double(frames) / 48000.0 == Approx(2.0).margin(c.duration_tolerance + 1e-4));
      // Measure away from the codecs' start-up and end.
      CHECK(test::estimate_frequency(samples, 2, 0, 48000, 4800, 72000) == Approx(440.0).margin(0.5));
      CHECK(test::estimate_frequency(samples, 2, 1, 48000, 4800, 72000) == Approx(440.0).margin(0.5));
      CHECK(test::rms(samples, 2, 0, 4800, 72000) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.05));
    }
  }
}

TEST_CASE("a 1 kHz tone resampled from 44.1 to 48 kHz keeps its pitch, level and exact length",
          "[decode][resample]") {
  TempDir dir;
  const auto path = dir / "tone44.wav";
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100, 2, 44100 * 3,
                    test::sine(1000.0, 44100, 0.5f));
  auto source = audio::TrackSource::open(path, 48000);
  REQUIRE(source.ok());
  REQUIRE(source.value()->expected_frames() == 48000 * 3);
  const auto samples = test::decode_all(*source.value(), kChunkFrames);
  REQUIRE(samples.size() == std::size_t(2 * 48000 * 3));
  CHECK(test::estimate_frequency(samples, 2, 0, 48000, 4800, 48000 * 3 - 4800) ==
        Approx(1000.0).margin(0.05));
  CHECK(test::rms(samples, 2, 0, 4800, 48000 * 3 - 4800) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.002));
}

TEST_CASE("the resampler keeps the top of the audible band: a 19 kHz tone loses under 0.1 dB",
          "[decode][resample]") {
  // SOXR_HQ is flat to 91 % of 22.05 kHz (about 20 kHz); a converter with a lower passband
  // edge (libsamplerate's SINC_FASTEST rolls off from 17.6 kHz) would dull bright recordings.
  TempDir dir;
  const auto path = dir / "tone19k.wav";
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100, 2, 44100 * 2,
                    test::sine(19000.0, 44100, 0.5f));
  auto source = audio::TrackSource::open(path, 48000);
  REQUIRE(source.ok());
  const auto samples = test::decode_all(*source.value(), kChunkFrames);
  REQUIRE(samples.size() == std::size_t(2 * 48000 * 2));
  const double level = test::rms(samples, 2, 0, 4800, 48000 * 2 - 4800);
  CHECK(20.0 * std::log10(level / (0.5 / std::sqrt(2.0))) == Approx(0.0).margin(0.1));
}

TEST_CASE("a file already at the output rate passes through untouched", "[decode]") {
  TempDir dir;
  const auto path = dir / "tone48.wav";
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 4800,
                    [](std::int64_t frame, int channel) { return float(frame % 100) / 100.0f * (channel ? -1 : 1); });
  auto source = audio::TrackSource::open(path, 48000);
  REQUIRE(source.ok());
  const auto samples = test::decode_all(*source.value(), kChunkFrames);
  REQUIRE(samples.size() == 2 * 4800);
  for (int f = 0; f < 4800; ++f) {
    REQUIRE(samples[2 * f] == float(f % 100) / 100.0f);
    REQUIRE(samples[2 * f + 1] == -float(f % 100) / 100.0f);
  }
}

TEST_CASE("a mono file plays in both ears", "[decode]") {
  TempDir dir;
  const auto path = dir / "mono.flac";
  test::write_audio(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 48000, 1, 48000, test::sine(300.0, 48000, 0.5f));
  auto source = audio::TrackSource::open(path, 48000);
  REQUIRE(source.ok());
  const auto samples = test::decode_all(*source.value(), kChunkFrames);
  REQUIRE(samples.size() == 2 * 48000);
  for (std::size_t f = 0; f < 48000; ++f) REQUIRE(samples[2 * f] == samples[2 * f + 1]);
  CHECK(test::rms(samples, 2, 0, 0, 48000) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.01));
}

TEST_CASE("a 5.1 file keeps its left channel on the left", "[decode]") {
  TempDir dir;
  const auto path = dir / "surround.wav";
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 6, 48000,
                    [](std::int64_t frame, int channel) {
                      return channel == 0 ? 0.5f * float(std::sin(frame * 0.05)) : 0.0f;
                    });
  auto source = audio::TrackSource::open(path, 48000);
  REQUIRE(source.ok());
  const auto samples = test::decode_all(*source.value(), kChunkFrames);
  CHECK(test::rms(samples, 2, 0, 0, 48000) > 0.1);
  CHECK(test::rms(samples, 2, 1, 0, 48000) == 0.0);
}

TEST_CASE("a track can start part-way in, for resuming a session", "[decode]") {
  TempDir dir;
  const auto path = dir / "long.wav";
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 4,
                    [](std::int64_t frame, int) { return float(frame) / (48000.0f * 4); });
  auto source = audio::TrackSource::open(path, 48000, 2.5);
  REQUIRE(source.ok());
  const auto samples = test::decode_all(*source.value(), kChunkFrames);
  REQUIRE(samples.size() == std::size_t(2 * 48000 * 1.5));
  CHECK(samples[0] == Approx(2.5 / 4.0).margin(1e-6));
}

TEST_CASE("files that are not audio get a one-line reason naming the file", "[decode]") {
  TempDir dir;
  const auto missing = audio::probe_audio_file(dir / "nothing-here.ogg");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("nothing-here.ogg: file not found") != std::string::npos);

  const auto text = dir / "notes.ogg";
  std::FILE* file = std::fopen(text.c_str(), "w");
  std::fputs("this is not audio\n", file);
  std::fclose(file);
  const auto not_audio = audio::probe_audio_file(text);
  REQUIRE_FALSE(not_audio.ok());
  CHECK(not_audio.error().message.find("not an audio file") != std::string::npos);
  CHECK(not_audio.error().message.find('\n') == std::string::npos);

  const auto empty = dir / "empty.wav";
  test::write_audio(empty, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 0, test::constant(0.0f));
  const auto no_audio = audio::probe_audio_file(empty);
  REQUIRE_FALSE(no_audio.ok());
  CHECK(no_audio.error().message.find("contains no audio") != std::string::npos);
}
