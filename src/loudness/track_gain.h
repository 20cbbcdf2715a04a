// The gain each track plays at: normalized to the plan's target loudness, with a boost held back
// so true peaks stay under the ceiling, and no gain beyond +/-12 dB either way.
#pragma once

#include "core/result.h"
#include "loudness/loudness.h"

namespace holdspace::loudness {

struct GainPolicy {
  double target_lufs = -18.0;
  double ceiling_dbtp = -1.0;
  double max_gain_db = 12.0;
};

struct TrackGain {
  double gain_db = 0.0;
  bool limited_by_peak = false;   // the boost stopped where the true peak meets the ceiling
  bool limited_by_range = false;  // held to +/-max_gain_db
  bool unanalysed = false;        // no measurement: kUnanalysedGainDb
};

// Tracks that cannot be analysed play at this: quieter than most music, never a shock.
inline constexpr double kUnanalysedGainDb = -6.0;

// target - integrated, then: a boost no larger than the true-peak headroom (ceiling - peak);
// peaks already above the ceiling get no boost, but no extra cut either, as the output limiter
// owns the ceiling. Finally within +/-max_gain_db. Non-finite input gives kUnanalysedGainDb.
TrackGain normalization_gain(const Loudness& loudness, const GainPolicy& policy);

// The gain for an analysis outcome: normalization_gain, or kUnanalysedGainDb for an error.
TrackGain track_gain(const Result<Loudness>& loudness, const GainPolicy& policy);

}  // namespace holdspace::loudness
