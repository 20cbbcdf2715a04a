#include "heard.h"

#include <cmath>
#include <numbers>

namespace holdspace::test {
namespace {

std::int64_t window_frames(const DecodedAudio& audio, double seconds) {
  return std::max<std::int64_t>(1, std::int64_t(seconds * audio.rate));
}

double window_dbfs(const DecodedAudio& audio, std::int64_t from, std::int64_t to) {
  double sum = 0.0;
  for (std::int64_t f = from; f < to; ++f) {
    for (int c = 0; c < audio.channels; ++c) sum += double(audio.at(f, c)) * audio.at(f, c);
  }
  const double mean = sum / double((to - from) * audio.channels);
  return mean > 0.0 ? 10.0 * std::log10(mean) : -400.0;
}

double tone_power(const DecodedAudio& audio, std::int64_t from, std::int64_t to, double hz) {
  const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * hz / audio.rate);
  const double length = double(to - from);
  double s1 = 0.0;
  double s2 = 0.0;
  for (std::int64_t f = from; f < to; ++f) {
    const double hann = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(f - from) / length);
    const double s0 = audio.at(f, 0) * hann + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}

void extend(std::vector<HeardRun>& runs, int tone, double start, double seconds) {
  if (!runs.empty() && runs.back().tone == tone &&
      std::abs(runs.back().end_seconds() - start) < seconds / 2) {
    runs.back().seconds += seconds;
    return;
  }
  runs.push_back({tone, start, seconds});
}

}  // namespace

std::vector<HeardRun> silent_runs(const DecodedAudio& audio, double window_seconds, double threshold_dbfs) {
  std::vector<HeardRun> runs;
  const std::int64_t step = window_frames(audio, window_seconds);
  const double window = double(step) / audio.rate;
  for (std::int64_t from = 0; from + step <= audio.frames(); from += step) {
    if (window_dbfs(audio, from, from + step) < threshold_dbfs) extend(runs, -1, double(from) / audio.rate, window);
  }
  return runs;
}

HeardRun sounding_span(const DecodedAudio& audio, double window_seconds, double threshold_dbfs) {
  const std::int64_t step = window_frames(audio, window_seconds);
  double first = -1.0;
  double last = -1.0;
  for (std::int64_t from = 0; from + step <= audio.frames(); from += step) {
    if (window_dbfs(audio, from, from + step) < threshold_dbfs) continue;
    if (first < 0) first = double(from) / audio.rate;
    last = double(from + step) / audio.rate;
  }
  if (first < 0) return {};
  return {-1, first, last - first};
}

std::vector<HeardRun> tone_runs(const DecodedAudio& audio, const std::vector<double>& tones_hz,
                                double window_seconds, double threshold_dbfs) {
  std::vector<HeardRun> runs;
  const std::int64_t step = window_frames(audio, window_seconds);
  const double window = double(step) / audio.rate;
  for (std::int64_t from = 0; from + step <= audio.frames(); from += step) {
    if (window_dbfs(audio, from, from + step) < threshold_dbfs) continue;
    int loudest = -1;
    double loudest_power = 0.0;
    for (int t = 0; t < int(tones_hz.size()); ++t) {
      const double power = tone_power(audio, from, from + step, tones_hz[std::size_t(t)]);
      if (power > loudest_power) {
        loudest = t;
        loudest_power = power;
      }
    }
    extend(runs, loudest, double(from) / audio.rate, window);
  }
  return runs;
}

}  // namespace holdspace::test
