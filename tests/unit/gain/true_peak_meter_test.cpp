// The track analysis's true-peak meter (audio::TruePeakMeter) against a near-ideal reference (a
// long windowed sinc at 16x, computed here in double precision) and beside libebur128, on
// signals that are hard on an interpolator and on music-like ones; and the meter's own
// bookkeeping: any block sizes, the first and last samples, broken samples.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "audio/true_peak_meter.h"
#include "unit/gain/gain_test_support.h"

using namespace holdspace;

namespace {

std::vector<float> interleaved(const test::SampleFunction& signal, std::int64_t frames) {
  std::vector<float> samples(std::size_t(frames * 2));
  for (std::int64_t f = 0; f < frames; ++f) {
    for (int c = 0; c < 2; ++c) samples[std::size_t(f * 2 + c)] = signal(f, c);
  }
  return samples;
}

// The reference: 16x oversampling with a 64-tap-per-phase Kaiser-windowed sinc (beta 8), over
// the intervals whose taps lie inside the signal; the samples themselves count everywhere, as
// in the meter.
double reference_db(const std::vector<float>& samples) {
  constexpr int kOversampling = 16;
  constexpr int kTaps = 64;
  constexpr int kBefore = kTaps / 2 - 1;
  constexpr double kHalfWidth = kTaps / 2 + 0.5;
  constexpr double kBeta = 8.0;
  std::vector<std::vector<double>> phases;
  for (int p = 1; p < kOversampling; ++p) {
    std::vector<double> taps(kTaps);
    double sum = 0.0;
    for (int t = 0; t < kTaps; ++t) {
      const double d = double(p) / kOversampling - double(t - kBefore);
      const double r = d / kHalfWidth;
      const double window = std::cyl_bessel_i(0.0, kBeta * std::sqrt(1.0 - r * r)) / std::cyl_bessel_i(0.0, kBeta);
      taps[std::size_t(t)] = (std::abs(d) < 1e-12 ? 1.0 : std::sin(std::numbers::pi * d) / (std::numbers::pi * d)) * window;
      sum += taps[std::size_t(t)];
    }
    for (auto& tap : taps) tap /= sum;
    phases.push_back(taps);
  }
  const auto frames = std::int64_t(samples.size() / 2);
  double peak = 0.0;
  for (const float v : samples) peak = std::max(peak, double(std::abs(v)));
  for (std::int64_t m = kBefore; m + kTaps - kBefore <= frames; ++m) {
    for (int c = 0; c < 2; ++c) {
      for (const auto& taps : phases) {
        double v = 0.0;
        for (int t = 0; t < kTaps; ++t) v += taps[std::size_t(t)] * samples[std::size_t((m - kBefore + t) * 2 + c)];
        peak = std::max(peak, std::abs(v));
      }
    }
  }
  return 20.0 * std::log10(peak);
}

double meter_db(const std::vector<float>& samples, std::int64_t block_frames) {
  audio::TruePeakMeter meter;
  const auto frames = std::int64_t(samples.size() / 2);
  for (std::int64_t at = 0; at < frames; at += block_frames) {
    meter.add(samples.data() + at * 2, std::min(block_frames, frames - at));
  }
  return 20.0 * std::log10(meter.finish());
}

}  // namespace

TEST_CASE("the true-peak meter reads within 0.1 dB of a near-ideal reference on band-limited signals, "
          "and no further from it than libebur128 on broadband ones",
          "[loudness][gain]") {
  struct Case {
    const char* name;
    test::SampleFunction signal;
    int rate;
    // Nothing above 0.42 of the rate. The others (naive squares, clipped noise) have much of
    // their energy near Nyquist, where any 4x interpolator short of ideal reads them low.
    bool band_limited = true;
  };
  const std::int64_t frames = 24000;
  std::mt19937 random(7);
  std::uniform_real_distribution<double> hz(2000.0, 20000.0);
  std::uniform_real_distribution<double> phase(0.0, 1.0);
  std::vector<Case> cases = {
      {"music-like at 44.1 kHz", test::music_like(44100, 0.9f, 1), 44100},
      {"music-like at 48 kHz", test::music_like(48000, 0.5f, 2), 48000},
      {"clipped noise", test::clipped_noise(frames, 3), 48000, false},
      {"fs/4 sine at 45 degrees", test::quarter_rate_sine_at_45_degrees(), 48000},
      {"full-scale square, 997 Hz", test::full_scale_square(997.0, 44100), 44100, false},
      {"full-scale square, 5 kHz", test::full_scale_square(5000.0, 48000), 48000, false},
  };
  for (int i = 0; i < 6; ++i) {
    const double f = hz(random);
    const double offset = phase(random);
    cases.push_back({"a sine between 2 and 20 kHz", [f, offset](std::int64_t frame, int channel) {
                       return float(0.8 * std::sin(2.0 * std::numbers::pi * (f * double(frame) / 48000.0 + offset +
                                                                             0.1 * channel)));
                     },
                     48000});
  }
  for (const auto& c : cases) {
    const auto samples = interleaved(c.signal, frames);
    const double reference = reference_db(samples);
    const double ours = meter_db(samples, 16384);
    const double libebur128 = test::true_peak_db(samples, 2, c.rate);
    INFO(c.name << ": reference " << reference << " dBTP, the meter " << ours << " dBTP, libebur128 " << libebur128
                << " dBTP");
    if (c.band_limited) {
      CHECK(ours == Approx(reference).margin(0.1));
    } else {
      CHECK(std::abs(ours - reference) <= std::abs(libebur128 - reference) + 0.05);
    }
  }
}

TEST_CASE("the true-peak meter gives the same answer whatever the block sizes", "[loudness][gain]") {
  const auto samples = interleaved(test::clipped_noise(10007, 11), 10007);
  const double whole = meter_db(samples, 10007);
  for (const std::int64_t block : {1, 7, 31, 32, 33, 1000}) {
    INFO("blocks of " << block);
    CHECK(meter_db(samples, block) == whole);
  }
}

TEST_CASE("the true-peak meter sees the first and the last sample", "[loudness][gain]") {
  for (const std::int64_t at : {std::int64_t(0), std::int64_t(999)}) {
    std::vector<float> samples(1000 * 2, 0.01f);
    samples[std::size_t(at * 2 + 1)] = -0.5f;
    INFO("the loud sample at frame " << at);
    CHECK(meter_db(samples, 100) >= 20.0 * std::log10(0.5) - 1e-6);
  }
}

TEST_CASE("the true-peak meter: an infinite sample reads infinite, NaN samples are passed over", "[loudness][gain]") {
  auto samples = interleaved(test::music_like(48000, 0.5f, 4), 48000);
  auto infinite = samples;
  infinite[5000] = std::numeric_limits<float>::infinity();
  CHECK(std::isinf(meter_db(infinite, 4096)));
  auto with_nan = samples;
  with_nan[5000] = std::nanf("");
  const double clean = meter_db(samples, 4096);
  CHECK(meter_db(with_nan, 4096) == Approx(clean).margin(0.01));
}
