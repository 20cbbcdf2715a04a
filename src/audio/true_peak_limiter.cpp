// Real-time contract (see true_peak_limiter.h): process() and everything it calls only do
// arithmetic on buffers made in the constructor; no allocation, locks, I/O, logging or throws.
#include "audio/true_peak_limiter.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

#include "audio/vector_runs.h"

namespace holdspace::audio {
namespace {

// The FIR sees x[m-3] .. x[m+4]: an interval's estimate is ready 4 frames after its start.
constexpr std::int64_t kDetectLag = TruePeakLimiter::kTapsPerPhase / 2;
constexpr std::int64_t kTapsBefore = kDetectLag - 1 + TruePeakLimiter::kTapsPerPhase / 2;  // frames before the newest the FIR reads
// The gain is held at its lowest for this many frames either side of a peak, so every sample
// the FIR weighed for that peak is turned down as far as the peak needs.
constexpr std::int64_t kGuard = TruePeakLimiter::kTapsPerPhase / 2;
// Quiet stretches are checked this many frames at a time.
constexpr std::int64_t kSubBlock = TruePeakLimiter::Filter::kSubBlock;
// The release jumps the last 0.001 dB to its target, so the gain is exactly 1 again (and the
// output bit-transparent) within about 9 release time constants rather than never. The jump is
// not a step at the output: the attack's box filter spreads it over the attack.
constexpr double kSnap = 1.0e-4;

}  // namespace

TruePeakLimiter::TruePeakLimiter(int sample_rate, std::int64_t max_block_frames)
    : max_block_(max_block_frames),
      attack_(std::max<std::int64_t>(2 * kTapsPerPhase, std::llround(kAttackSeconds * sample_rate))),
      hold_(attack_ + 2 * kGuard),
      latency_(kDetectLag + attack_ - 1 + kGuard),
      release_step_(1.0 - std::exp(-1.0 / (kReleaseSeconds * sample_rate))) {
  // A sub-block more than a block needs: the filter always reads whole sub-blocks.
  history_ = std::make_unique<float[]>(std::size_t((latency_ + max_block_ + kSubBlock) * 2));
  held_capacity_ = hold_ + 1;
  held_ = std::make_unique<Held[]>(std::size_t(held_capacity_));
  box_ = std::make_unique<float[]>(std::size_t(attack_));
  std::fill_n(box_.get(), attack_, 1.0f);
  box_sum_ = double(attack_);
  set_ceiling(float(std::pow(10.0, kDefaultCeilingDb / 20.0)), 0);
}

void TruePeakLimiter::set_ceiling(float ceiling, std::int64_t ramp_frames) {
  const double lowest = std::pow(10.0, kLowestCeilingDb / 20.0);
  const double highest = std::pow(10.0, kHighestCeilingDb / 20.0);
  // NaN fails both comparisons: it keeps the ceiling where it is.
  double target = ceiling_target_;
  if (ceiling >= lowest && ceiling <= highest) target = ceiling;
  else if (ceiling > highest) target = highest;
  else if (ceiling < lowest) target = lowest;
  ceiling_target_ = target;
  if (ramp_frames <= 0) {
    ceiling_ = target;
    ceiling_left_ = 0;
  } else {
    ceiling_step_ = (target - ceiling_) / double(ramp_frames);
    ceiling_left_ = ramp_frames;
  }
  threshold_ = float(ceiling_ * std::pow(10.0, -kMarginDb / 20.0));
}

void TruePeakLimiter::advance_ceiling(std::int64_t frames) {
  if (ceiling_left_ == 0) return;
  const std::int64_t step = std::min(frames, ceiling_left_);
  ceiling_left_ -= step;
  ceiling_ = ceiling_left_ == 0 ? ceiling_target_ : ceiling_ + ceiling_step_ * double(step);
  threshold_ = float(ceiling_ * std::pow(10.0, -kMarginDb / 20.0));
}

// Takes interval `index`'s required gain and returns the gain for the frame leaving now
// (latency_ frames behind the newest input).
float TruePeakLimiter::smooth(std::int64_t index, float required) {
  // Hold: the smallest required gain over the last hold_ intervals, from a queue of candidates
  // in rising order (a newer, smaller one makes the older, larger ones irrelevant). Gains of 1
  // are never stored: an empty queue means 1.
  if (required < 1.0f) {
    while (held_count_ > 0) {
      const Held& last = held_[std::size_t(held_slot(held_count_ - 1))];
      if (last.gain < required) break;
      --held_count_;
    }
    held_[std::size_t(held_slot(held_count_))] = {index, required};
    ++held_count_;
  }
  while (held_count_ > 0 && held_[std::size_t(held_first_)].index <= index - hold_) {
    held_first_ = held_first_ + 1 == held_capacity_ ? 0 : held_first_ + 1;
    --held_count_;
  }
  const float hold = held_count_ > 0 ? held_[std::size_t(held_first_)].gain : 1.0f;

  // Down at once (the box below makes the attack smooth); up along the release.
  if (hold < envelope_) {
    envelope_ = hold;
  } else if (envelope_ < hold) {
    envelope_ += (double(hold) - envelope_) * release_step_;
    if (double(hold) - envelope_ <= kSnap) envelope_ = hold;
  }

  // Attack: the mean of the envelope over the last attack_ intervals.
  float& oldest = box_[std::size_t(box_position_)];
  const float entering = float(envelope_);
  box_sum_ += double(entering) - double(oldest);
  box_below_one_ += int(entering < 1.0f) - int(oldest < 1.0f);
  oldest = entering;
  if (++box_position_ == attack_) box_position_ = 0;
  if (box_below_one_ == 0) {
    box_sum_ = double(attack_);  // no rounding left over from the last reduction
    return 1.0f;
  }
  return std::min(1.0f, float(box_sum_ / double(attack_)));
}

void TruePeakLimiter::process(float* stereo, std::int64_t frames) {
  assert(frames <= max_block_);
  frames = std::min(frames, max_block_);
  float* history = history_.get();
  std::memcpy(history + latency_ * 2, stereo, std::size_t(frames * 2) * sizeof(float));
  lowest_gain_ = 1.0f;

  for (std::int64_t start = 0; start < frames; start += kSubBlock) {
    const std::int64_t count = std::min(kSubBlock, frames - start);
    advance_ceiling(count);
    // Every sample the FIR reads for this sub-block's intervals.
    const float* scan = history + (latency_ + start - kTapsBefore) * 2;
    const float loudest = largest_magnitude(scan, (count + kTapsBefore) * 2);
    // No interpolated value exceeds loudest x the filter's largest gain: if that is under the
    // threshold, every interval needs a gain of exactly 1 and the FIR can be skipped.
    const bool quiet = loudest * filter_.largest_gain() <= threshold_;
    float peaks[kSubBlock];
    bool under = quiet;
    if (!quiet) {
      filter_.interval_peaks(scan, peaks);
      under = *std::max_element(peaks, peaks + count) <= threshold_;
    }
    // Every interval under the threshold and no reduction left to release: the gain is exactly
    // 1 for the whole sub-block, and the smoothing state would not change.
    if (under && at_rest()) {
      std::memcpy(stereo + start * 2, history + start * 2, std::size_t(count * 2) * sizeof(float));
      detected_ += count;
      continue;
    }
    for (std::int64_t i = 0; i < count; ++i) {
      float required = 1.0f;
      if (!quiet && peaks[i] > threshold_) required = threshold_ / peaks[i];
      const float gain = smooth(detected_++, required);
      const std::int64_t f = start + i;
      stereo[2 * f] = history[2 * f] * gain;
      stereo[2 * f + 1] = history[2 * f + 1] * gain;
      lowest_gain_ = std::min(lowest_gain_, gain);
    }
  }
  std::memmove(history, history + frames * 2, std::size_t(latency_ * 2) * sizeof(float));
}

void TruePeakLimiter::empty_delay() { std::fill_n(history_.get(), std::size_t(latency_ * 2), 0.0f); }

}  // namespace holdspace::audio
