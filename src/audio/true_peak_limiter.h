// The last stage of the mix: a stereo look-ahead limiter that holds the output's true peak (the
// peak of the continuous wave a DAC rebuilds between the samples, ITU-R BS.1770) at or under a
// ceiling, and below it passes every sample through untouched.
//
// Runs in the audio callback (Mixer::process). Real-time contract: process() never allocates,
// locks, does I/O, logs or throws. Every buffer is made in the constructor, sized for the
// largest block the mixer hands over (Mixer::kMaxBlockFrames) plus the look-ahead, so nothing
// grows on the audio thread; the hold window and the attack smoother are fixed rings for the
// same reason.
//
// How it works, per input frame:
//  1. Detect (TruePeakFilter). The frame's neighbourhood is oversampled 4x with a short
//     polyphase FIR (8 taps per phase), and the largest |value| of either channel, at the sample
//     or between it and the next, is the true-peak estimate of that interval. Quiet stretches
//     skip the FIR: a bound (largest |sample| nearby x the filter's largest sum of
//     |coefficients|) proves that no interpolated value can reach the threshold.
//  2. Required gain r = threshold / estimate (1 when under it). The threshold sits kMarginDb
//     under the ceiling, for the estimate's error: an 8-tap interpolator is not the 49-tap one
//     libebur128 measures with (12 taps per phase, as BS.1770 suggests), and the gain still
//     moving near a peak adds a little. The window (Kaiser, beta 3, over +-4.5 samples) was
//     chosen so the short filter reads high rather than low; on the test signals and 800 random
//     hard ones (squares, clipped and filtered noise, random sines at 44.1 and 48 kHz) the
//     output measured at most 0.01 dB over the aim, so 0.2 dB leaves a wide margin. A longer
//     filter would cost more in every callback for three hours to save that 0.2 dB.
//  3. Hold the smallest r over the attack window plus a guard of 4 frames either side, release
//     from it smoothly, then average over the attack window (a box filter). Because the output
//     is delayed by the same window, the gain has ramped down fully before the peak leaves, and
//     it stays at or under r for every sample the FIR used around that peak: the limiter never
//     has to catch up, and a peak never slips through.
//  4. Below the threshold r is exactly 1, the smoothed gain is exactly 1.0f, and each sample
//     leaves bit-identical, only delayed by latency_frames() (103 frames, 2.1 ms at 48 kHz).
//
// Cost: about 0.07 % of one core at 48 kHz while the music is loud enough for the detector, and
// next to nothing on quiet stretches and silence.
#pragma once

#include <cstdint>
#include <memory>

#include "audio/true_peak_filter.h"

namespace holdspace::audio {

class TruePeakLimiter {
 public:
  using Filter = TruePeakFilter<8>;
  static constexpr int kOversampling = Filter::kOversampling;
  static constexpr int kTapsPerPhase = Filter::kTapsPerPhase;
  // How far under the ceiling the limiter aims (see the file comment).
  static constexpr double kMarginDb = 0.2;
  static constexpr double kDefaultCeilingDb = -1.0;
  // Ceilings outside this range are held to it: above 0 dBTP is no ceiling, and under -20 dBTP
  // the limiter would only be squashing the music.
  static constexpr double kLowestCeilingDb = -20.0;
  static constexpr double kHighestCeilingDb = 0.0;
  // Attack = look-ahead: 2 ms. Long enough that the gain moves as a smooth fade (its spectrum is
  // mostly below ~500 Hz, under the transient that causes it) rather than a click that distorts
  // a bass note; short enough to stay inside backward masking (~5-20 ms), so the dip ahead of a
  // drum hit is not heard. The delay it costs does not matter for playback.
  static constexpr double kAttackSeconds = 0.002;
  // Release time constant: 200 ms (linear gain, one pole). Much longer than a bass cycle
  // (25 ms at 40 Hz), so the gain does not follow the waveform and distort it; short enough that
  // a single peak leaves no audible hole (6 dB of reduction is back within 1 dB after ~0.3 s).
  // Music that is normalised before it gets here reaches the ceiling only on occasional peaks,
  // where this does not pump; dense, loud material settles a little lower and stays smooth.
  static constexpr double kReleaseSeconds = 0.200;

  TruePeakLimiter(int sample_rate, std::int64_t max_block_frames);

  // Audio thread (the mixer applies its SetCeiling command here). The ceiling is linear full
  // scale, e.g. 0.891 for -1 dBTP; it moves there over `ramp_frames` (0 = at once), and the
  // gain follows it through the attack and release.
  void set_ceiling(float ceiling, std::int64_t ramp_frames);
  float ceiling() const { return float(ceiling_target_); }

  // Limits `frames` interleaved stereo frames in place (frames <= max_block_frames): on return
  // they hold the output, which is the input delayed by latency_frames().
  void process(float* stereo, std::int64_t frames);

  // Forgets the audio waiting in the look-ahead delay (it comes out as silence). Audio thread.
  void empty_delay();

  std::int64_t latency_frames() const { return latency_; }
  // The lowest gain applied during the last process() call (1 = untouched).
  float lowest_gain() const { return lowest_gain_; }

 private:
  struct Held {
    std::int64_t index = 0;
    float gain = 1.0f;
  };

  void advance_ceiling(std::int64_t frames);
  float smooth(std::int64_t index, float required);
  // The ring position of the hold queue's entry `n` (0 = oldest, n <= held_count_): a compare
  // rather than %, since this runs for every frame while the gain is reduced.
  std::int64_t held_slot(std::int64_t n) const {
    const std::int64_t slot = held_first_ + n;
    return slot >= held_capacity_ ? slot - held_capacity_ : slot;
  }
  bool at_rest() const { return held_count_ == 0 && envelope_ == 1.0 && box_below_one_ == 0; }

  // Step 1. Kaiser beta 3 over +-4.5 samples: chosen so this short filter reads high.
  Filter filter_{3.0};

  std::int64_t max_block_;
  std::int64_t attack_;   // frames: look-ahead, hold core and box length
  std::int64_t hold_;     // attack + 2 guards
  std::int64_t latency_;  // detection lag + attack - 1 + guard
  double release_step_;   // the one-pole coefficient per frame

  double ceiling_ = 1.0;          // linear, now
  double ceiling_target_ = 1.0;
  double ceiling_step_ = 0.0;     // per frame while it moves
  std::int64_t ceiling_left_ = 0;
  float threshold_ = 1.0f;        // ceiling minus the margin

  std::unique_ptr<float[]> history_;  // interleaved: latency_ frames of the past, then the block
  std::unique_ptr<Held[]> held_;      // the hold window's minima, a ring
  std::int64_t held_first_ = 0;
  std::int64_t held_count_ = 0;
  std::int64_t held_capacity_ = 0;
  std::unique_ptr<float[]> box_;      // the last `attack_` envelope values, a ring
  std::int64_t box_position_ = 0;
  std::int64_t box_below_one_ = 0;    // how many of them are under 1 (0: the gain is exactly 1)
  double box_sum_ = 0.0;
  double envelope_ = 1.0;  // double: near 1 a float release step would round away
  std::int64_t detected_ = 0;         // index of the next interval to detect
  float lowest_gain_ = 1.0f;
};

}  // namespace holdspace::audio
