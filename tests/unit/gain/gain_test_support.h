// What the gain-staging tests share: the true peak as libebur128 measures it, and test signals
// that are hard on a true-peak limiter.
#pragma once

#include <catch2/catch.hpp>
#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <memory>
#include <random>
#include <vector>

#include "support/test_audio.h"

namespace holdspace::test {

// The true peak in dBTP of interleaved audio, by libebur128 (4x oversampling, BS.1770), over
// all channels.
inline double true_peak_db(const std::vector<float>& interleaved, int channels, int rate) {
  ebur128_state* state = ebur128_init(unsigned(channels), (unsigned long)rate, EBUR128_MODE_TRUE_PEAK);
  REQUIRE(state != nullptr);
  REQUIRE(ebur128_add_frames_float(state, interleaved.data(), interleaved.size() / std::size_t(channels)) ==
          EBUR128_SUCCESS);
  double peak = 0.0;
  for (int c = 0; c < channels; ++c) {
    double channel_peak = 0.0;
    REQUIRE(ebur128_true_peak(state, unsigned(c), &channel_peak) == EBUR128_SUCCESS);
    peak = std::max(peak, channel_peak);
  }
  ebur128_destroy(&state);
  return 20.0 * std::log10(std::max(peak, 1e-12));
}

inline double true_peak_db(const DecodedAudio& audio) { return true_peak_db(audio.samples, audio.channels, audio.rate); }

// A naive full-scale square wave: every sample +-1, so its harmonics fold back from above
// Nyquist and its true peak lies well over 0 dBFS between the samples. The right channel is a
// quarter period ahead.
inline SampleFunction full_scale_square(double hz, int rate) {
  return [hz, rate](std::int64_t frame, int channel) {
    const double phase = std::fmod(double(frame) * hz / rate + 0.25 * channel, 1.0);
    return phase < 0.5 ? 1.0f : -1.0f;
  };
}

// The classic inter-sample-peak signal: a sine at fs/4, 45 degrees off the samples, scaled so
// the samples are +-1 (0 dBFS). Its peak, between the samples, is sqrt(2): +3 dBTP.
inline SampleFunction quarter_rate_sine_at_45_degrees() {
  return [](std::int64_t frame, int) {
    const double angle = std::numbers::pi / 2.0 * double(frame % 4) + std::numbers::pi / 4.0;
    return float(std::sin(angle) / std::sin(std::numbers::pi / 4.0));
  };
}

// White noise driven hard into +-1: mostly full-scale samples of random sign, the worst case
// for inter-sample peaks. Seeded, so every run is the same.
inline SampleFunction clipped_noise(std::int64_t frames, unsigned seed) {
  auto samples = std::make_shared<std::vector<float>>(std::size_t(frames * 2));
  std::mt19937 generator(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (auto& v : *samples) v = std::clamp(normal(generator) * 3.0f, -1.0f, 1.0f);
  return [samples](std::int64_t frame, int channel) { return (*samples)[std::size_t(frame * 2 + channel)]; };
}

// Something like quiet music: a few partials with slow swells and a little noise, peaking at
// about `peak` (sample peak); well inside the band, so its true peak is close to that.
inline SampleFunction music_like(int rate, float peak, unsigned seed) {
  auto noise = std::make_shared<std::mt19937>(seed);
  return [rate, peak, noise](std::int64_t frame, int channel) {
    const double t = double(frame) / rate;
    const double swell = 0.6 + 0.4 * std::sin(2.0 * std::numbers::pi * 0.7 * t + channel);
    double v = 0.45 * std::sin(2.0 * std::numbers::pi * 110.0 * t) +
               0.25 * std::sin(2.0 * std::numbers::pi * 331.0 * t + 0.5 * channel) +
               0.12 * std::sin(2.0 * std::numbers::pi * 1250.0 * t) * swell +
               0.06 * std::sin(2.0 * std::numbers::pi * 4100.0 * t + 1.0);
    v += 0.02 * (double((*noise)() % 2001) / 1000.0 - 1.0);
    return float(v * swell * peak / 0.92);
  };
}

}  // namespace holdspace::test
