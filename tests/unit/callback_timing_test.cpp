// The callback's self-timing: the worst block, and the percentile read from the histogram.
#include <catch2/catch.hpp>

#include "audio/callback_timing.h"

using holdspace::audio::CallbackTiming;

TEST_CASE("callback timing keeps the worst block and reads percentiles from its histogram", "[realtime]") {
  CallbackTiming timing;
  CHECK(timing.count() == 0);
  CHECK(timing.percentile(0.99) == 0.0);
  // 990 blocks at 2 % of their period, 9 at 10 %, one at 40 %.
  for (int i = 0; i < 990; ++i) timing.record(0.02);
  for (int i = 0; i < 9; ++i) timing.record(0.10);
  timing.record(0.40);
  CHECK(timing.count() == 1000);
  CHECK(timing.worst() == Approx(0.40));
  CHECK(timing.percentile(0.99) == Approx(0.021).margin(0.0011));  // within one 0.1 % bin
  CHECK(timing.percentile(0.999) == Approx(0.101).margin(0.0011));
  CHECK(timing.percentile(1.0) == Approx(0.40).margin(0.0011));
}

TEST_CASE("a percentile never reads past the worst block, and an overrun lands in the last bin", "[realtime]") {
  CallbackTiming timing;
  timing.record(0.0020);
  CHECK(timing.percentile(0.99) <= timing.worst());
  timing.record(3.0);  // a block that took three periods
  CHECK(timing.worst() == Approx(3.0));
  CHECK(timing.percentile(1.0) == Approx(3.0));
}

TEST_CASE("callback timing says when the worst block began, counted from the first", "[realtime]") {
  CallbackTiming timing;
  CHECK(timing.worst_seconds_in() == 0.0);
  const std::int64_t first = 5'000'000'000;  // any steady clock's reading
  const std::int64_t period = 5'333'333;     // 256 frames at 48 kHz
  for (int i = 0; i < 1000; ++i) timing.record(i == 700 ? 0.5 : 0.01, first + i * period);
  CHECK(timing.worst() == Approx(0.5));
  CHECK(timing.worst_seconds_in() == Approx(700 * period / 1e9));
}
