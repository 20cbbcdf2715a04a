// The gain rule, as plain arithmetic on a measurement.
#include "loudness/track_gain.h"

#include <algorithm>
#include <cmath>

namespace holdspace::loudness {

TrackGain normalization_gain(const Loudness& loudness, const GainPolicy& policy) {
  const double max_gain = std::abs(policy.max_gain_db);
  if (!std::isfinite(loudness.integrated_lufs) || !std::isfinite(loudness.true_peak_dbtp) ||
      !std::isfinite(policy.target_lufs) || !std::isfinite(policy.ceiling_dbtp) || !std::isfinite(max_gain)) {
    return TrackGain{kUnanalysedGainDb, false, false, true};
  }
  const double wanted = policy.target_lufs - loudness.integrated_lufs;
  TrackGain gain;
  gain.gain_db = wanted;
  if (wanted > 0.0) {
    const double headroom = std::max(0.0, policy.ceiling_dbtp - loudness.true_peak_dbtp);
    if (headroom < wanted && headroom <= max_gain) {
      gain.gain_db = headroom;
      gain.limited_by_peak = true;
    } else if (max_gain < wanted) {
      gain.gain_db = max_gain;
      gain.limited_by_range = true;
    }
  } else if (wanted < -max_gain) {
    gain.gain_db = -max_gain;
    gain.limited_by_range = true;
  }
  return gain;
}

TrackGain track_gain(const Result<Loudness>& loudness, const GainPolicy& policy) {
  if (!loudness) return TrackGain{kUnanalysedGainDb, false, false, true};
  return normalization_gain(loudness.value(), policy);
}

}  // namespace holdspace::loudness
