// A track whose loudness is not measured yet is queued at a provisional gain, and its real gain
// is applied when the measurement lands: at once if it has not started, as a smooth ramp if it
// is already playing. Rendered through the real player, decode worker and mixer.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>

#include "audio/offline_renderer.h"
#include "support/test_audio.h"

using namespace holdspace;

namespace {

using holdspace::test::kRate;

double db(double linear) { return 20.0 * std::log10(linear); }

}  // namespace

TEST_CASE("a gain measured late reaches a playing track as a ramp, never a jump", "[gain][late]") {
  test::TempDir dir;
  const auto file = dir / "tone.wav";
  const float amplitude = 0.1f;  // -20 dBFS
  test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 12 * kRate, test::sine(440.0, kRate, amplitude));
  int asked = 0;
  audio::RenderOptions options;
  options.sample_rate = kRate;
  // Unknown for the first 94 questions (the first when the track opens, then one per 1024-frame
  // block of the render: about 2 s), then +6 dB.
  options.track_gain_db = [&asked](const std::filesystem::path&) -> std::optional<double> {
    return ++asked > 94 ? std::optional<double>(6.0) : std::nullopt;
  };
  const auto out = dir / "out.wav";
  auto rendered = audio::render_playlist({test::entry_for(file, 1)}, out, options);
  REQUIRE(rendered.ok());
  const auto audio = test::read_audio(out);
  const double reference = amplitude / std::sqrt(2.0);
  // Before the answer: the provisional 0 dB. After it and its 2 s ramp: +6 dB.
  CHECK(db(test::rms(audio.samples, 2, 0, kRate / 2, 3 * kRate / 2)) == Approx(db(reference)).margin(0.05));
  CHECK(db(test::rms(audio.samples, 2, 0, 9 * kRate, 11 * kRate)) == Approx(db(reference) + 6.0).margin(0.05));
  // A 2 s ramp of 6 dB moves a -20 dBFS tone by far less per sample than the tone itself does.
  CHECK(test::largest_step(audio, 0) < 0.02);
  CHECK(asked > 94);
}

TEST_CASE("a gain that lands while its track waits in the queue is there from its first sample", "[gain][late]") {
  test::TempDir dir;
  const auto first = dir / "first.wav";
  const auto second = dir / "second.wav";
  const float amplitude = 0.1f;
  test::write_audio(first, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 6 * kRate, test::sine(440.0, kRate, amplitude));
  test::write_audio(second, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 6 * kRate, test::sine(440.0, kRate, amplitude));
  int asked_second = 0;
  audio::RenderOptions options;
  options.sample_rate = kRate;
  options.track_gain_db = [&](const std::filesystem::path& path) -> std::optional<double> {
    if (path == first) return 0.0;
    return ++asked_second > 3 ? std::optional<double>(-6.0) : std::nullopt;  // known long before it plays
  };
  const auto out = dir / "out.wav";
  REQUIRE(audio::render_playlist({test::entry_for(first, 1), test::entry_for(second, 2)}, out, options).ok());
  const auto audio = test::read_audio(out);
  const double reference = amplitude / std::sqrt(2.0);
  CHECK(db(test::rms(audio.samples, 2, 0, 6 * kRate, 6 * kRate + kRate / 10)) == Approx(db(reference) - 6.0).margin(0.05));
  CHECK(db(test::rms(audio.samples, 2, 0, 10 * kRate, 11 * kRate)) == Approx(db(reference) - 6.0).margin(0.05));
}
