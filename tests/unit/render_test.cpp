// The offline renderer: the same mixer with no device, into a WAV file checked with libsndfile.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "audio/offline_renderer.h"
#include "support/test_audio.h"

using namespace holdspace;
using holdspace::test::TempDir;

namespace {
using holdspace::test::kRate;
}  // namespace

TEST_CASE("two tones render gaplessly: no gap, no click at the joint", "[render]") {
  TempDir dir;
  const float amplitude = 0.5f;
  const double hz = 440.0;
  // The second file continues the first one's phase, so a perfect join is one unbroken sine.
  test::write_audio(dir / "a.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate, test::sine(hz, kRate, amplitude));
  test::write_audio(dir / "b.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate,
                    test::sine(hz, kRate, amplitude, kRate));
  audio::RenderOptions options;
  auto summary = audio::render_playlist({test::entry_for(dir / "a.wav", 1), test::entry_for(dir / "b.wav", 2)},
                                        dir / "out.wav", options);
  REQUIRE(summary.ok());
  CHECK(summary->tracks_played == 2);
  CHECK(summary->problems.empty());

  const auto out = test::read_audio(dir / "out.wav");
  REQUIRE(out.rate == kRate);
  REQUIRE(out.frames() == 2 * kRate);
  // The largest sample-to-sample step of a clean sine; a gap or a click at the joint exceeds it.
  const double clean_step = 2.0 * std::numbers::pi * hz / kRate * amplitude * 1.01;
  CHECK(test::largest_step(out, 0) <= clean_step);
  // And the joint is where the sine says it should be.
  for (std::int64_t f = kRate - 5; f < kRate + 5; ++f) {
    REQUIRE(out.at(f, 0) == Approx(test::sine(hz, kRate, amplitude)(f, 0)).margin(1e-4));
  }
}

TEST_CASE("the crossfade is exactly as long as asked", "[render]") {
  TempDir dir;
  // Outgoing track in the left ear only, incoming in the right only.
  test::write_audio(dir / "left.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate,
                    [](std::int64_t, int channel) { return channel == 0 ? 0.5f : 0.0f; });
  test::write_audio(dir / "right.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate,
                    [](std::int64_t, int channel) { return channel == 1 ? 0.5f : 0.0f; });
  audio::RenderOptions options;
  options.player.crossfade_seconds = 0.25;
  auto summary = audio::render_playlist(
      {test::entry_for(dir / "left.wav", 1), test::entry_for(dir / "right.wav", 2)}, dir / "out.wav", options);
  REQUIRE(summary.ok());
  const std::int64_t crossfade = kRate / 4;

  const auto out = test::read_audio(dir / "out.wav");
  REQUIRE(out.frames() == 2 * kRate - crossfade);
  std::int64_t first_overlap = -1;
  std::int64_t last_overlap = -1;
  for (std::int64_t f = 0; f < out.frames(); ++f) {
    const bool both = out.at(f, 0) > 1e-5f && out.at(f, 1) > 1e-5f;
    if (both && first_overlap < 0) first_overlap = f;
    if (both) last_overlap = f;
    const double power = double(out.at(f, 0)) * out.at(f, 0) + double(out.at(f, 1)) * out.at(f, 1);
    REQUIRE(power == Approx(0.25).margin(1e-4));  // equal power all the way through
  }
  CHECK(first_overlap == kRate - crossfade);
  // The outgoing track's last frame sits at zero gain, so both are heard on all but that one.
  CHECK(last_overlap - first_overlap + 2 == crossfade);
}

TEST_CASE("a bad entry in the middle is skipped with its line, and the good ones play", "[render]") {
  TempDir dir;
  test::write_audio(dir / "a.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, 44100, test::sine(300, 44100, 0.3f));
  test::write_audio(dir / "c.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 22050, 1, 22050, test::sine(300, 22050, 0.3f));
  audio::RenderOptions options;
  auto summary = audio::render_playlist(
      {test::entry_for(dir / "a.wav", 2), test::entry_for(dir / "missing.ogg", 4), test::entry_for(dir / "c.flac", 6)},
      dir / "out.wav", options);
  REQUIRE(summary.ok());
  CHECK(summary->tracks_played == 2);
  REQUIRE(summary->problems.size() == 1);
  CHECK(summary->problems[0].find("line 4") == 0);
  CHECK(summary->problems[0].find("missing.ogg") != std::string::npos);
  // Both good tracks, resampled from 44.1 and 22.05 kHz, at their exact lengths.
  CHECK(test::read_audio(dir / "out.wav").frames() == kRate + kRate);
}

TEST_CASE("a playlist with nothing playable is an error, not a silent file", "[render]") {
  TempDir dir;
  audio::RenderOptions options;
  auto summary = audio::render_playlist({test::entry_for(dir / "nope.wav", 1)}, dir / "out.wav", options);
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.error().message.find("no track") != std::string::npos);
}

TEST_CASE("tracks of a few milliseconds are still joined gaplessly", "[render]") {
  TempDir dir;
  test::write_audio(dir / "a.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 10000, test::constant(0.1f));
  test::write_audio(dir / "b.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 1000, test::constant(0.2f));
  test::write_audio(dir / "c.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 300, test::constant(0.3f));
  test::write_audio(dir / "d.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 10000, test::constant(0.4f));
  audio::RenderOptions options;
  auto summary = audio::render_playlist({test::entry_for(dir / "a.wav", 1), test::entry_for(dir / "b.wav", 2),
                                         test::entry_for(dir / "c.wav", 3), test::entry_for(dir / "d.wav", 4)},
                                        dir / "out.wav", options);
  REQUIRE(summary.ok());
  const auto out = test::read_audio(dir / "out.wav");
  REQUIRE(out.frames() == 21300);
  for (std::int64_t f = 0; f < out.frames(); ++f) {
    const float expected = f < 10000 ? 0.1f : f < 11000 ? 0.2f : f < 11300 ? 0.3f : 0.4f;
    REQUIRE(out.at(f, 0) == Approx(expected).margin(1e-5));
  }
}

TEST_CASE("a file that breaks off mid-stream fades out instead of clicking", "[render]") {
  TempDir dir;
  // A WAV whose header promises 4 s of a loud tone, cut off after about 1 s of data, at the
  // tone's peak (48060 frames into 200 Hz is a quarter cycle past a zero).
  test::write_audio(dir / "cut.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 2, kRate * 4,
                    test::sine(200, kRate, 0.5f));
  std::filesystem::resize_file(dir / "cut.wav", 44 + (kRate + 60) * 4);
  test::write_audio(dir / "next.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 2, kRate, test::constant(0.0f));
  audio::RenderOptions options;
  auto summary = audio::render_playlist({test::entry_for(dir / "cut.wav", 1), test::entry_for(dir / "next.wav", 2)},
                                        dir / "out.wav", options);
  REQUIRE(summary.ok());
  REQUIRE(summary->problems.size() == 1);
  CHECK(summary->problems[0].find("cut short") != std::string::npos);
  const auto out = test::read_audio(dir / "out.wav");
  // About 1 s of the tone, then the (silent) next track: no 3 s hole where the promise was.
  CHECK(out.frames() == kRate + 60 + kRate);
  // The steepest step anywhere is no bigger than the tone's own: no click where it broke off.
  const double clean_step = 2.0 * std::numbers::pi * 200 / kRate * 0.5 * 1.05;
  CHECK(test::largest_step(out, 0) <= clean_step);
}

TEST_CASE("an Ogg file cut off mid-stream is refused up front, not played blind", "[render]") {
  TempDir dir;
  test::write_audio(dir / "whole.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, kRate, 2, kRate * 3,
                    test::sine(300, kRate, 0.3f));
  std::filesystem::copy_file(dir / "whole.ogg", dir / "cut.ogg");
  std::filesystem::resize_file(dir / "cut.ogg", std::filesystem::file_size(dir / "whole.ogg") / 2);
  const auto probed = audio::probe_audio_file(dir / "cut.ogg");
  REQUIRE_FALSE(probed.ok());
  CHECK(probed.error().message.find("cut.ogg: ") != std::string::npos);
  audio::RenderOptions options;
  auto summary = audio::render_playlist({test::entry_for(dir / "cut.ogg", 1), test::entry_for(dir / "whole.ogg", 2)},
                                        dir / "out.wav", options);
  REQUIRE(summary.ok());
  CHECK(summary->tracks_played == 1);
  CHECK(test::read_audio(dir / "out.wav").frames() == kRate * 3);
}

TEST_CASE("a track that ends a little short is padded after a fade, not after a click", "[render]") {
  // An MP3 cut by a few kilobytes decodes without an error but short of its announced length.
  TempDir dir;
  test::write_audio(dir / "tone.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, kRate, 2, kRate * 2,
                    test::sine(300, kRate, 0.5f));
  std::filesystem::resize_file(dir / "tone.mp3", std::filesystem::file_size(dir / "tone.mp3") - 2000);
  audio::RenderOptions options;
  auto summary = audio::render_playlist({test::entry_for(dir / "tone.mp3", 1)}, dir / "out.wav", options);
  REQUIRE(summary.ok());
  const auto out = test::read_audio(dir / "out.wav");
  const double clean_step = 2.0 * std::numbers::pi * 300 / kRate * 0.5 * 1.2;  // lossy: some slack
  CHECK(test::largest_step(out, 0) <= clean_step);
}

TEST_CASE("NaN and absurd samples in a float file are never passed on", "[render]") {
  TempDir dir;
  test::write_audio(dir / "bad.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100, 2, 44100,
                    [](std::int64_t frame, int) {
                      if (frame % 1000 == 0) return std::nanf("");
                      if (frame % 1000 == 500) return 1.0e30f;
                      return 0.1f;
                    });
  audio::RenderOptions options;
  auto summary = audio::render_playlist({test::entry_for(dir / "bad.wav", 1)}, dir / "out.wav", options);
  REQUIRE(summary.ok());
  const auto out = test::read_audio(dir / "out.wav");
  for (float v : out.samples) REQUIRE(std::isfinite(v));
  for (float v : out.samples) REQUIRE(std::abs(v) <= 1.0f);
}
