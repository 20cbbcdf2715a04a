// Gain staging through the real engine path: files written with libsndfile, played by the
// offline renderer (playlist player, decode worker, mixer, limiter) into a WAV, read back and
// measured. The master volume stays at its maximum (0 dB) throughout.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "audio/audio_engine.h"
#include "audio/gain_ramps.h"
#include "audio/offline_renderer.h"
#include "audio/track_source.h"
#include "support/test_audio.h"
#include "unit/gain/gain_test_support.h"

using namespace holdspace;
using holdspace::test::TempDir;

namespace {

using holdspace::test::kRate;

struct Signal {
  std::string name;
  test::SampleFunction sample;
};

std::vector<Signal> adversarial_signals(std::int64_t frames) {
  return {
      {"square_50", test::full_scale_square(50, kRate)},
      {"square_997", test::full_scale_square(997, kRate)},
      {"square_5513", test::full_scale_square(5513, kRate)},
      {"square_11025", test::full_scale_square(11025, kRate)},
      {"square_19000", test::full_scale_square(19000, kRate)},
      {"isp_quarter_rate_45", test::quarter_rate_sine_at_45_degrees()},
      {"clipped_noise", test::clipped_noise(frames, 5)},
  };
}

// Renders `files` as one playlist, each track 12 dB louder than it is, at `ceiling_db`.
test::DecodedAudio render_loud(const TempDir& dir, const std::vector<std::filesystem::path>& files, double ceiling_db) {
  std::vector<playlist::PlaylistEntry> entries;
  for (std::size_t i = 0; i < files.size(); ++i) entries.push_back(test::entry_for(files[i], int(i + 1)));
  audio::RenderOptions options;
  options.ceiling_db = ceiling_db;
  options.track_gain_db = [](const std::filesystem::path&) { return 12.0; };
  const auto out = dir / "out.wav";
  auto summary = audio::render_playlist(entries, out, options);
  REQUIRE(summary.ok());
  REQUIRE(summary->problems.empty());
  return test::read_audio(out);
}

}  // namespace

TEST_CASE("adversarial signals 12 dB too loud never pass the ceiling, as libebur128 measures the render",
          "[gain][render]") {
  TempDir dir;
  const std::int64_t frames = kRate * 2;
  std::vector<std::filesystem::path> all;
  for (const auto& signal : adversarial_signals(frames)) {
    const auto path = dir / (signal.name + ".wav");
    // Float, so full scale is exactly +-1.
    test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, frames, signal.sample);
    const double input_peak = test::true_peak_db(test::read_audio(path));
    INFO(signal.name << ": " << input_peak << " dBTP as written, +12 dB of track gain");
    CHECK(input_peak >= 0.0);  // the files themselves already reach full scale or above

    const auto out = render_loud(dir, {path}, -1.0);
    REQUIRE(out.frames() == frames);
    const double peak = test::true_peak_db(out);
    INFO("rendered: " << peak << " dBTP");
    CHECK(peak <= -1.0);
    CHECK(peak > -2.0);  // held at the ceiling, not silenced
    all.push_back(path);
  }

  SECTION("and at a lower ceiling, all in one gapless render") {
    const auto out = render_loud(dir, all, -3.0);
    REQUIRE(out.frames() == frames * std::int64_t(all.size()));
    const double peak = test::true_peak_db(out);
    INFO("rendered: " << peak << " dBTP");
    CHECK(peak <= -3.0);
    CHECK(peak > -4.0);
  }
}

TEST_CASE("quiet music passes through the engine bit-identical", "[gain][render]") {
  TempDir dir;
  const std::int64_t frames = kRate * 3;
  // Float, at the engine's rate, so the decoder hands the samples on as they are. Its true peak
  // is -1.5 dBTP: under the -1 dBTP ceiling, but close enough that the limiter's detector runs.
  const auto music = test::music_like(kRate, 0.8f, 9);
  std::vector<float> samples(std::size_t(frames * 2));
  for (std::int64_t f = 0; f < frames; ++f) {
    for (int c = 0; c < 2; ++c) samples[std::size_t(2 * f + c)] = music(f, c);
  }
  const float scale = float(std::pow(10.0, (-1.5 - test::true_peak_db(samples, 2, kRate)) / 20.0));
  test::write_audio(dir / "music.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, frames,
                    [&](std::int64_t f, int c) { return samples[std::size_t(2 * f + c)] * scale; });
  const auto in = test::read_audio(dir / "music.wav");
  REQUIRE(test::true_peak_db(in) == Approx(-1.5).margin(0.01));

  SECTION("the engine's own output, float for float, once the limiter's delay is taken off") {
    audio::AudioEngine engine(audio::EngineConfig{});
    auto source = audio::TrackSource::open(dir / "music.wav", kRate);
    REQUIRE(source.ok());
    engine.decoder().attach(0, std::move(source.value()), kRate / 2);
    audio::MixerCommand start;
    start.type = audio::MixerCommand::Type::Start;
    start.slot = 0;
    start.track_id = 1;
    REQUIRE(engine.mixer().send(start));
    const std::int64_t latency = engine.mixer().latency_frames();
    std::vector<float> out(std::size_t((frames + latency) * 2));
    for (std::int64_t done = 0; done < frames + latency; done += 1000) {
      engine.decoder().fill_all();
      engine.mixer().process(out.data() + done * 2, std::min<std::int64_t>(1000, frames + latency - done), 2);
    }
    CHECK(engine.mixer().limiter_gain() == 1.0f);
    std::int64_t different = 0;
    for (std::size_t i = 0; i < in.samples.size(); ++i) different += out[std::size_t(latency * 2) + i] != in.samples[i];
    CHECK(different == 0);
  }

  SECTION("the rendered file, to the last bit of its 24-bit samples") {
    // libsndfile writes float as 24-bit by x * 0x7FFFFF and reads back by / 0x800000, so the
    // file can differ from the float by rounding alone; any gain change would be far larger.
    audio::RenderOptions options;
    auto summary = audio::render_playlist({test::entry_for(dir / "music.wav", 1)}, dir / "out.wav", options);
    REQUIRE(summary.ok());
    const auto out = test::read_audio(dir / "out.wav");
    REQUIRE(out.frames() == frames);
    double largest = 0.0;
    for (std::size_t i = 0; i < in.samples.size(); ++i) {
      largest = std::max(largest, double(std::abs(out.samples[i] - in.samples[i])));
    }
    CHECK(largest <= 1.0 / (1 << 22));
  }
}

TEST_CASE("each track plays at its own gain, through a crossfade too", "[gain][render]") {
  TempDir dir;
  const float amplitude = 0.1f;
  const double hz = 500.0;  // 96 samples a cycle: any 4800-frame window holds whole cycles
  // A in the left ear only, B in the right only, so each deck's level can be read on its own.
  test::write_audio(dir / "a.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate, [&](std::int64_t f, int c) {
    return c == 0 ? test::sine(hz, kRate, amplitude)(f, 0) : 0.0f;
  });
  test::write_audio(dir / "b.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate, [&](std::int64_t f, int c) {
    return c == 1 ? test::sine(hz, kRate, amplitude)(f, 0) : 0.0f;
  });
  const double gain_a_db = 6.0;
  const double gain_b_db = -9.0;
  audio::RenderOptions options;
  options.track_gain_db = [&](const std::filesystem::path& path) {
    return path.filename() == "a.wav" ? gain_a_db : gain_b_db;
  };
  const double unity_rms = amplitude / std::numbers::sqrt2;
  const auto level_db = [&](const test::DecodedAudio& out, int channel, std::int64_t from, std::int64_t to) {
    return 20.0 * std::log10(test::rms(out.samples, 2, channel, from, to) / unity_rms);
  };

  SECTION("gapless") {
    auto summary = audio::render_playlist({test::entry_for(dir / "a.wav", 1), test::entry_for(dir / "b.wav", 2)},
                                          dir / "out.wav", options);
    REQUIRE(summary.ok());
    const auto out = test::read_audio(dir / "out.wav");
    REQUIRE(out.frames() == 2 * kRate);
    CHECK(level_db(out, 0, 0, kRate) == Approx(gain_a_db).margin(0.01));
    CHECK(level_db(out, 1, kRate, 2 * kRate) == Approx(gain_b_db).margin(0.01));
  }

  SECTION("crossfaded: each deck keeps its own gain while they overlap") {
    options.player.crossfade_seconds = 0.5;
    auto summary = audio::render_playlist({test::entry_for(dir / "a.wav", 1), test::entry_for(dir / "b.wav", 2)},
                                          dir / "out.wav", options);
    REQUIRE(summary.ok());
    const auto out = test::read_audio(dir / "out.wav");
    const std::int64_t crossfade = kRate / 2;
    REQUIRE(out.frames() == 2 * kRate - crossfade);
    // Equal power once each side is divided by its own gain: right only if neither deck's gain
    // leaked into the other.
    const double a = audio::decibels_to_gain(gain_a_db);
    const double b = audio::decibels_to_gain(gain_b_db);
    for (std::int64_t from = kRate - crossfade; from + 480 <= kRate; from += 480) {
      const double left = test::rms(out.samples, 2, 0, from, from + 480) / a;
      const double right = test::rms(out.samples, 2, 1, from, from + 480) / b;
      REQUIRE(left * left + right * right == Approx(unity_rms * unity_rms).epsilon(0.02));
    }
    CHECK(level_db(out, 0, 0, kRate - crossfade) == Approx(gain_a_db).margin(0.01));
    CHECK(level_db(out, 1, kRate, out.frames()) == Approx(gain_b_db).margin(0.01));
  }
}
