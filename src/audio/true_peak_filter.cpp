// Real-time contract (see true_peak_filter.h): interval_peaks() only does arithmetic on the
// caller's buffers. The constructor designs the filter and may run anywhere.
#include "audio/true_peak_filter.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace holdspace::audio {
namespace {

// The modified Bessel function I0, from its power series: sum of ((x/2)^k / k!)^2. Not
// std::cyl_bessel_i, which goes through lgamma and so writes the global signgam: filters are
// designed on several threads at once (an analysis per core, the engine's limiter).
double bessel_i0(double x) {
  double sum = 1.0;
  double term = 1.0;
  for (int k = 1; k < 100 && term > sum * 1e-17; ++k) {
    term *= (x / (2.0 * k)) * (x / (2.0 * k));
    sum += term;
  }
  return sum;
}

double kaiser(double distance, double half_width, double beta) {
  const double ratio = distance / half_width;
  if (std::abs(ratio) >= 1.0) return 0.0;
  return bessel_i0(beta * std::sqrt(1.0 - ratio * ratio)) / bessel_i0(beta);
}

double sinc(double x) {
  if (std::abs(x) < 1e-12) return 1.0;
  return std::sin(std::numbers::pi * x) / (std::numbers::pi * x);
}

}  // namespace

template <int TapsPerPhase>
TruePeakFilter<TapsPerPhase>::TruePeakFilter(double kaiser_beta) {
  const double half_width = kTapsPerPhase / 2 + 0.5;
  // Windowed sinc, each phase scaled to unity gain at DC so a steady level reads as itself.
  for (int p = 1; p < kOversampling; ++p) {
    const double position = double(p) / kOversampling;
    double sum = 0.0;
    std::array<double, kTapsPerPhase> taps{};
    for (int t = 0; t < kTapsPerPhase; ++t) {
      const double distance = position - double(t - kFramesBefore);
      taps[std::size_t(t)] = sinc(distance) * kaiser(distance, half_width, kaiser_beta);
      sum += taps[std::size_t(t)];
    }
    double magnitude = 0.0;
    for (int t = 0; t < kTapsPerPhase; ++t) {
      phases_[std::size_t(p - 1)][std::size_t(t)] = float(taps[std::size_t(t)] / sum);
      magnitude += std::abs(taps[std::size_t(t)] / sum);
    }
    largest_gain_ = std::max(largest_gain_, float(magnitude) * 1.0001f);
  }
}

// The taps are outermost, so each inner loop has a fixed length and becomes vector code.
template <int TapsPerPhase>
void TruePeakFilter<TapsPerPhase>::interval_peaks(const float* x, float* peaks) const {
  float left[kSpan];
  float right[kSpan];
  for (std::int64_t i = 0; i < kSpan; ++i) {
    left[i] = x[2 * i];
    right[i] = x[2 * i + 1];
  }
  for (std::int64_t i = 0; i < kSubBlock; ++i) {
    peaks[i] = std::max(std::abs(left[i + kFramesBefore]), std::abs(right[i + kFramesBefore]));
  }
  for (const auto& taps : phases_) {
    float out_left[kSubBlock] = {};
    float out_right[kSubBlock] = {};
    for (int t = 0; t < kTapsPerPhase; ++t) {
      const float c = taps[std::size_t(t)];
      for (std::int64_t i = 0; i < kSubBlock; ++i) {
        out_left[i] += c * left[i + t];
        out_right[i] += c * right[i + t];
      }
    }
    for (std::int64_t i = 0; i < kSubBlock; ++i) {
      peaks[i] = std::max(peaks[i], std::max(std::abs(out_left[i]), std::abs(out_right[i])));
    }
  }
}

template class TruePeakFilter<8>;
template class TruePeakFilter<16>;

}  // namespace holdspace::audio
