// The true-peak limiter on plain buffers: transparent below its ceiling, holds the ceiling on
// hard signals, and moves its gain smoothly, with the attack and release it documents. The gain
// curve is read frame by frame: processing one frame at a time, lowest_gain() is that frame's
// gain.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "audio/gain_ramps.h"
#include "audio/true_peak_limiter.h"
#include "support/test_audio.h"
#include "unit/gain/gain_test_support.h"

using namespace holdspace;
using audio::TruePeakLimiter;

namespace {

using holdspace::test::kRate;

std::vector<float> make(std::int64_t frames, const test::SampleFunction& sample) {
  std::vector<float> out(std::size_t(frames * 2));
  for (std::int64_t f = 0; f < frames; ++f) {
    for (int c = 0; c < 2; ++c) out[std::size_t(2 * f + c)] = sample(f, c);
  }
  return out;
}

// Runs `in` through a fresh limiter, one frame at a time; returns the output and each output
// frame's gain.
struct Traced {
  std::vector<float> out;
  std::vector<float> gain;
};
Traced trace(TruePeakLimiter& limiter, const std::vector<float>& in) {
  Traced t;
  t.out = in;
  t.gain.resize(in.size() / 2);
  for (std::size_t f = 0; f < t.gain.size(); ++f) {
    limiter.process(t.out.data() + 2 * f, 1);
    t.gain[f] = limiter.lowest_gain();
  }
  return t;
}

}  // namespace

TEST_CASE("below the ceiling the limiter is bit-transparent, only delayed", "[gain][limiter]") {
  // Music-like, with its true peak at about -1.5 dBTP: under the -1 dBTP ceiling, but loud
  // enough that the oversampling detector runs on most of it (no shortcut).
  const std::int64_t frames = kRate * 3;
  auto in = make(frames, test::music_like(kRate, 0.8f, 7));
  const double peak = test::true_peak_db(in, 2, kRate);
  for (auto& v : in) v = float(v * std::pow(10.0, (-1.5 - peak) / 20.0));
  REQUIRE(test::true_peak_db(in, 2, kRate) == Approx(-1.5).margin(0.01));

  TruePeakLimiter limiter(kRate, 4096);
  const std::int64_t latency = limiter.latency_frames();
  std::vector<float> out = in;
  // Uneven blocks, so block edges fall everywhere.
  const std::int64_t sizes[] = {1, 7, 333, 4096, 64, 1000};
  float lowest = 1.0f;
  for (std::int64_t done = 0, i = 0; done < frames; ++i) {
    const std::int64_t n = std::min(sizes[i % 6], frames - done);
    limiter.process(out.data() + 2 * done, n);
    lowest = std::min(lowest, limiter.lowest_gain());
    done += n;
  }
  CHECK(lowest == 1.0f);
  for (std::int64_t f = 0; f < latency; ++f) REQUIRE(out[std::size_t(2 * f)] == 0.0f);
  for (std::int64_t f = latency; f < frames; ++f) {
    REQUIRE(out[std::size_t(2 * f)] == in[std::size_t(2 * (f - latency))]);
    REQUIRE(out[std::size_t(2 * f + 1)] == in[std::size_t(2 * (f - latency) + 1)]);
  }
}

TEST_CASE("the limiter holds hard signals under its ceiling, measured by libebur128", "[gain][limiter]") {
  const std::int64_t frames = kRate * 2;
  struct Case {
    const char* name;
    test::SampleFunction sample;
  };
  const std::vector<Case> cases = {
      {"square 997 Hz", test::full_scale_square(997, kRate)},
      {"square 11025 Hz", test::full_scale_square(11025, kRate)},
      {"square 19000 Hz", test::full_scale_square(19000, kRate)},
      {"fs/4 at 45 degrees", test::quarter_rate_sine_at_45_degrees()},
      {"clipped noise", test::clipped_noise(frames, 3)},
  };
  for (const double ceiling_db : {-1.0, -3.0, -0.1}) {
    for (const auto& c : cases) {
      INFO(c.name << " at a ceiling of " << ceiling_db << " dBTP, 12 dB too loud");
      auto in = make(frames, c.sample);
      for (auto& v : in) v *= 3.981f;  // +12 dB
      TruePeakLimiter limiter(kRate, 4096);
      limiter.set_ceiling(audio::decibels_to_gain(ceiling_db), 0);
      for (std::int64_t done = 0; done < frames; done += 1024) {
        limiter.process(in.data() + 2 * done, std::min<std::int64_t>(1024, frames - done));
      }
      const double peak = test::true_peak_db(in, 2, kRate);
      CHECK(peak <= ceiling_db);
      CHECK(peak > ceiling_db - 1.0);  // held at the ceiling, not buried under it
    }
  }
}

TEST_CASE("the limiter's attack is in place before the peak, and its release takes the documented time",
          "[gain][limiter]") {
  // Quiet music with one loud 4 ms burst, 8 dB over the ceiling, half a second in.
  const std::int64_t frames = kRate * 3;
  const std::int64_t burst = kRate / 2;
  const std::int64_t burst_frames = kRate / 250;
  const auto music = test::music_like(kRate, 0.3f, 1);
  auto in = make(frames, [&](std::int64_t f, int c) {
    float v = music(f, c);
    if (f >= burst && f < burst + burst_frames) v += 2.2f * float(std::sin(2.0 * std::numbers::pi * 1000.0 * f / kRate));
    return v;
  });
  TruePeakLimiter limiter(kRate, 4096);
  const auto t = trace(limiter, in);
  const std::int64_t latency = limiter.latency_frames();
  const auto attack = std::int64_t(std::llround(TruePeakLimiter::kAttackSeconds * kRate));

  // The gain is 1 until the ramp down, which starts no earlier than the attack before the burst
  // leaves the limiter, and is complete when it does.
  const std::int64_t burst_out = burst + latency;
  for (std::int64_t f = 0; f < burst_out - attack - 16; ++f) REQUIRE(t.gain[std::size_t(f)] == 1.0f);
  float lowest = 1.0f;
  std::int64_t last_lowest = 0;
  for (std::size_t f = 0; f < t.gain.size(); ++f) {
    if (t.gain[f] <= lowest) {
      lowest = t.gain[f];
      last_lowest = std::int64_t(f);
    }
  }
  CHECK(lowest < 0.5f);  // 8 dB over: the gain goes well down
  // Look-ahead: the gain is fully down for the burst's loudest sample a few frames before it
  // leaves (the guard either side of a peak), not still on its way.
  std::int64_t loudest = burst;
  for (std::int64_t f = burst; f < burst + burst_frames; ++f) {
    if (std::abs(in[std::size_t(2 * f)]) > std::abs(in[std::size_t(2 * loudest)])) loudest = f;
  }
  const double threshold = std::pow(10.0, (TruePeakLimiter::kDefaultCeilingDb - TruePeakLimiter::kMarginDb) / 20.0);
  for (std::int64_t f = loudest - 4; f <= loudest + 4; ++f) {
    REQUIRE(t.gain[std::size_t(f + latency)] <= threshold / std::abs(in[std::size_t(2 * loudest)]));
  }
  CHECK(test::true_peak_db(t.out, 2, kRate) <= TruePeakLimiter::kDefaultCeilingDb);

  // No step: down no faster than a straight ramp over the attack, up no faster than the
  // release's first step.
  const double depth = 1.0 - lowest;
  const double release_step = 1.0 - std::exp(-1.0 / (TruePeakLimiter::kReleaseSeconds * kRate));
  for (std::size_t f = 1; f < t.gain.size(); ++f) {
    const double move = double(t.gain[f]) - double(t.gain[f - 1]);
    REQUIRE(move >= -depth / double(attack) * 1.001);
    REQUIRE(move <= depth * release_step * 1.001 + 1e-7);
  }

  // The release: one pole, so 63 % of the way back after kReleaseSeconds (within 5 %, the box
  // smoothing adds a little), and all the way back, exactly 1, a few time constants later.
  std::int64_t recovered = last_lowest;
  while (recovered < frames && double(t.gain[std::size_t(recovered)]) < 1.0 - depth * std::exp(-1.0)) ++recovered;
  const double release_seconds = double(recovered - last_lowest) / kRate;
  CHECK(release_seconds == Approx(TruePeakLimiter::kReleaseSeconds).epsilon(0.05));
  const std::int64_t back = last_lowest + std::int64_t(TruePeakLimiter::kReleaseSeconds * 10.0 * kRate);
  REQUIRE(back < frames);
  CHECK(t.gain[std::size_t(back)] == 1.0f);
  // And from there it is bit-transparent again.
  for (std::int64_t f = back; f < frames; ++f) REQUIRE(t.out[std::size_t(2 * f)] == in[std::size_t(2 * (f - latency))]);
}

TEST_CASE("on loud, dense music with transients the limiter's gain moves smoothly", "[gain][limiter]") {
  // Dense material pushed 6 dB into the limiter, with a kick every 250 ms another 6 dB over:
  // the gain works all the time, and each kick is followed by a release.
  const std::int64_t frames = kRate * 4;
  const auto music = test::music_like(kRate, 1.6f, 11);
  auto in = make(frames, [&](std::int64_t f, int c) {
    const double t = double(f) / kRate;
    double v = music(f, c);
    const double since_kick = std::fmod(t, 0.25);
    v += 1.8 * std::exp(-since_kick / 0.03) * std::sin(2.0 * std::numbers::pi * 60.0 * since_kick);
    return float(v);
  });
  TruePeakLimiter limiter(kRate, 4096);
  const auto t = trace(limiter, in);
  const auto attack = std::int64_t(std::llround(TruePeakLimiter::kAttackSeconds * kRate));
  const double release_step = 1.0 - std::exp(-1.0 / (TruePeakLimiter::kReleaseSeconds * kRate));
  float lowest = 1.0f;
  for (float g : t.gain) lowest = std::min(lowest, g);
  REQUIRE(lowest < 0.5f);
  const double depth = 1.0 - lowest;
  double largest_rise = 0.0;
  for (std::size_t f = 1; f < t.gain.size(); ++f) {
    const double move = double(t.gain[f]) - double(t.gain[f - 1]);
    REQUIRE(move >= -depth / double(attack) * 1.001);
    largest_rise = std::max(largest_rise, move);
  }
  // The largest rise in one frame is the release's first step from the deepest reduction: a
  // change of under 0.01 dB per sample, never a step.
  CHECK(largest_rise <= depth * release_step * 1.001 + 1e-7);
  CHECK(20.0 * std::log10(1.0 + largest_rise / lowest) < 0.01);
  CHECK(test::true_peak_db(t.out, 2, kRate) <= TruePeakLimiter::kDefaultCeilingDb);
}

TEST_CASE("a lower ceiling is reached by a ramp, not a step", "[gain][limiter]") {
  // A steady tone at -2 dBTP: untouched under -1, then the ceiling drops to -8 dBTP over 10 ms.
  const std::int64_t frames = kRate;
  const float amplitude = audio::decibels_to_gain(-2.0);
  auto in = make(frames, [&](std::int64_t f, int) { return amplitude * float(std::sin(2.0 * std::numbers::pi * 440.0 * f / kRate)); });
  TruePeakLimiter limiter(kRate, 4096);
  std::vector<float> gain(static_cast<std::size_t>(frames));
  for (std::int64_t f = 0; f < frames; ++f) {
    if (f == kRate / 4) limiter.set_ceiling(audio::decibels_to_gain(-8.0), 480);
    limiter.process(in.data() + 2 * f, 1);
    gain[std::size_t(f)] = limiter.lowest_gain();
  }
  CHECK(gain[std::size_t(kRate / 4)] == 1.0f);
  CHECK(20.0 * std::log10(gain.back()) == Approx(-8.0 - TruePeakLimiter::kMarginDb + 2.0).margin(0.1));
  for (std::size_t f = 1; f < gain.size(); ++f) REQUIRE(std::abs(gain[f] - gain[f - 1]) < 0.005f);
}
