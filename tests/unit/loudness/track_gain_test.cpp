// The gain rule: normalize to the target, hold a boost under the true-peak ceiling, +/-12 dB.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "loudness/track_gain.h"

using namespace holdspace;
using loudness::Loudness;

namespace {

loudness::TrackGain gain_for(double integrated, double peak, const loudness::GainPolicy& policy = {}) {
  return loudness::normalization_gain(Loudness{integrated, 5.0, peak, 60.0}, policy);
}

}  // namespace

TEST_CASE("a quiet track with headroom is boosted to the target", "[loudness][gain]") {
  const auto gain = gain_for(-24.0, -10.0);
  CHECK(gain.gain_db == Approx(6.0));
  CHECK_FALSE(gain.limited_by_peak);
  CHECK_FALSE(gain.limited_by_range);
  CHECK_FALSE(gain.unanalysed);
}

TEST_CASE("a loud track is cut to the target, whatever its peak", "[loudness][gain]") {
  const auto gain = gain_for(-10.0, 0.5);
  CHECK(gain.gain_db == Approx(-8.0));
  CHECK_FALSE(gain.limited_by_peak);
  CHECK_FALSE(gain.limited_by_range);
}

TEST_CASE("a boost stops where the true peak meets the ceiling", "[loudness][gain]") {
  const auto gain = gain_for(-24.0, -4.0);  // wants +6, has 3 dB up to -1 dBTP
  CHECK(gain.gain_db == Approx(3.0));
  CHECK(gain.limited_by_peak);
  CHECK_FALSE(gain.limited_by_range);

  const auto custom = gain_for(-30.0, -10.0, {-23.0, -2.0, 12.0});  // wants +7, has 8
  CHECK(custom.gain_db == Approx(7.0));
  CHECK_FALSE(custom.limited_by_peak);
}

TEST_CASE("a quiet track that already peaks over the ceiling gets no boost and no cut", "[loudness][gain]") {
  const auto gain = gain_for(-20.0, 0.5);
  CHECK(gain.gain_db == 0.0);
  CHECK(gain.limited_by_peak);
}

TEST_CASE("no gain goes beyond 12 dB either way", "[loudness][gain]") {
  const auto boost = gain_for(-40.0, -30.0);  // wants +22, headroom 29
  CHECK(boost.gain_db == Approx(12.0));
  CHECK(boost.limited_by_range);
  CHECK_FALSE(boost.limited_by_peak);

  const auto cut = gain_for(2.0, 3.0);  // wants -20
  CHECK(cut.gain_db == Approx(-12.0));
  CHECK(cut.limited_by_range);

  const auto exactly = gain_for(-30.0, -20.0);  // wants +12: allowed as it is
  CHECK(exactly.gain_db == Approx(12.0));
  CHECK_FALSE(exactly.limited_by_range);
}

TEST_CASE("when both caps bind, the tighter one wins and is the one named", "[loudness][gain]") {
  const auto peak = gain_for(-40.0, -12.0);  // wants +22, range allows 12, peak allows 11
  CHECK(peak.gain_db == Approx(11.0));
  CHECK(peak.limited_by_peak);
  CHECK_FALSE(peak.limited_by_range);

  const auto range = gain_for(-40.0, -20.0);  // wants +22, peak allows 19, range 12
  CHECK(range.gain_db == Approx(12.0));
  CHECK(range.limited_by_range);
  CHECK_FALSE(range.limited_by_peak);
}

TEST_CASE("a track that could not be analysed plays at a safe -6 dB", "[loudness][gain]") {
  const Result<Loudness> failed = Error{"x.ogg: silent"};
  const auto gain = loudness::track_gain(failed, {});
  CHECK(gain.gain_db == loudness::kUnanalysedGainDb);
  CHECK(gain.gain_db == -6.0);
  CHECK(gain.unanalysed);

  const auto nan = gain_for(std::numeric_limits<double>::quiet_NaN(), -3.0);
  CHECK(nan.gain_db == -6.0);
  CHECK(nan.unanalysed);

  const Result<Loudness> measured = Loudness{-24.0, 3.0, -10.0, 30.0};
  CHECK(loudness::track_gain(measured, {}).gain_db == Approx(6.0));
}
