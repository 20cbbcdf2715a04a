// The gain shapes the mixer applies, per sample, as plain buffer functions.
// Runs in the audio callback: no allocation, no locks, no I/O, no logging.
//
// Every gain change is ramped "to prevent clicks and pops": a step of gain between two samples
// is an audible click, so a change is spread over a ramp of frames.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace holdspace::audio {

// A fade that moves a level along a quarter sine: level = sin(angle), the angle moving linearly.
// Rising from 0 this is the sin() half of an equal-power crossfade; falling from 1 it is the
// cos() half, so a deck fading in and one fading out over the same frames always have
// in^2 + out^2 = 1, and the crossfade keeps constant power. Starting from a level part-way
// through (a fade reversed mid-way) continues smoothly from that level.
class FadeEnvelope {
 public:
  static constexpr double kQuarter = std::numbers::pi / 2.0;

  void set_level(float level) {
    angle_ = std::asin(clamp01(level));
    level_ = float(std::sin(angle_));
    remaining_ = 0;
  }

  // Head for `target` (0..1) over `frames` frames; 0 frames jumps (only for silent decks).
  void fade_to(float target, std::int64_t frames) {
    const double target_angle = std::asin(clamp01(target));
    if (frames <= 0) {
      angle_ = target_angle;
      level_ = float(std::sin(angle_));
      remaining_ = 0;
      return;
    }
    step_ = (target_angle - angle_) / double(frames);
    target_angle_ = target_angle;
    remaining_ = frames;
  }

  // The level for the next sample. Steady between fades, so the sine is only taken while one
  // runs: most of a session's samples cost a multiply, not a sin().
  float next() {
    if (remaining_ > 0) {
      angle_ += step_;
      if (--remaining_ == 0) angle_ = target_angle_;
      level_ = float(std::sin(angle_));
    }
    return level_;
  }

  float level() const { return level_; }
  bool moving() const { return remaining_ > 0; }
  bool silent() const { return remaining_ == 0 && angle_ <= 0.0; }

 private:
  static float clamp01(float v) { return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v); }
  double angle_ = 0.0;
  double step_ = 0.0;
  double target_angle_ = 0.0;
  float level_ = 0.0f;
  std::int64_t remaining_ = 0;
};

// A linear gain ramp: each sample moves by the same step, so no step between two samples is
// larger than |target - start| / frames. Each value is computed from the ramp's start rather
// than accumulated, so rounding cannot build up into a larger final step.
class LinearGainRamp {
 public:
  void set(float gain) {
    current_ = gain;
    start_ = gain;
    target_ = gain;
    length_ = 0;
    position_ = 0;
  }

  void ramp_to(float target, std::int64_t frames) {
    if (frames <= 0) {
      set(target);
      return;
    }
    start_ = current_;
    target_ = target;
    length_ = frames;
    position_ = 0;
  }

  float next() {
    if (position_ < length_) {
      ++position_;
      current_ = position_ == length_
                     ? target_
                     : float(double(start_) + double(target_ - start_) * double(position_) / double(length_));
    }
    return current_;
  }

  float current() const { return current_; }
  float target() const { return target_; }
  bool moving() const { return position_ < length_; }

 private:
  float current_ = 1.0f;
  float start_ = 1.0f;
  float target_ = 1.0f;
  std::int64_t length_ = 0;
  std::int64_t position_ = 0;
};

inline float decibels_to_gain(double db) { return float(std::pow(10.0, db / 20.0)); }

}  // namespace holdspace::audio
