// The gain shapes, tested as plain buffer functions.
#include <catch2/catch.hpp>

#include <cmath>

#include "audio/gain_ramps.h"

using holdspace::audio::FadeEnvelope;
using holdspace::audio::LinearGainRamp;

TEST_CASE("a fade-in rises from silence to full level, steadily, over exactly its frames", "[ramps]") {
  FadeEnvelope fade;
  fade.set_level(0.0f);
  fade.fade_to(1.0f, 1000);
  float previous = fade.level();
  REQUIRE(previous == 0.0f);
  for (int i = 0; i < 1000; ++i) {
    const float level = fade.next();
    REQUIRE(level >= previous);
    previous = level;
  }
  REQUIRE(previous == Approx(1.0f));
  REQUIRE_FALSE(fade.moving());
  REQUIRE(fade.next() == Approx(1.0f));
}

TEST_CASE("a fade-out reaches true silence and reports it", "[ramps]") {
  FadeEnvelope fade;
  fade.set_level(1.0f);
  fade.fade_to(0.0f, 480);
  float level = 1.0f;
  for (int i = 0; i < 480; ++i) {
    REQUIRE_FALSE(fade.silent());
    level = fade.next();
  }
  REQUIRE(level == 0.0f);
  REQUIRE(fade.silent());
}

TEST_CASE("an equal-power crossfade keeps in^2 + out^2 = 1 at every sample", "[ramps]") {
  FadeEnvelope in;
  FadeEnvelope out;
  in.set_level(0.0f);
  out.set_level(1.0f);
  in.fade_to(1.0f, 4800);
  out.fade_to(0.0f, 4800);
  double worst = 0.0;
  for (int i = 0; i < 4800; ++i) {
    const double a = in.next();
    const double b = out.next();
    worst = std::max(worst, std::abs(a * a + b * b - 1.0));
  }
  REQUIRE(worst < 1e-5);
  // At the midpoint both decks sit at -3 dB (the mark of an equal-power, not a linear, fade).
  FadeEnvelope half;
  half.set_level(0.0f);
  half.fade_to(1.0f, 2);
  REQUIRE(half.next() == Approx(std::sqrt(0.5)).epsilon(1e-5));
}

TEST_CASE("a fade reversed part-way continues from where it was, without a jump", "[ramps]") {
  FadeEnvelope fade;
  fade.set_level(0.0f);
  fade.fade_to(1.0f, 100);
  for (int i = 0; i < 40; ++i) fade.next();
  const float reached = fade.level();
  fade.fade_to(0.0f, 100);
  const float first = fade.next();
  REQUIRE(std::abs(first - reached) < 0.02f);
}

TEST_CASE("the master gain ramp never steps further than the ramp allows", "[ramps]") {
  LinearGainRamp ramp;
  ramp.set(1.0f);
  const float target = holdspace::audio::decibels_to_gain(-20.0);
  const int frames = 2400;
  ramp.ramp_to(target, frames);
  const float allowed = std::abs(1.0f - target) / frames;
  float previous = ramp.current();
  float largest = 0.0f;
  for (int i = 0; i < frames + 10; ++i) {
    const float gain = ramp.next();
    largest = std::max(largest, std::abs(gain - previous));
    previous = gain;
  }
  REQUIRE(largest <= allowed * 1.001f);
  REQUIRE(previous == target);
}

TEST_CASE("decibels convert to linear gain", "[ramps]") {
  REQUIRE(holdspace::audio::decibels_to_gain(0.0) == Approx(1.0));
  REQUIRE(holdspace::audio::decibels_to_gain(-6.0206) == Approx(0.5).epsilon(1e-4));
  REQUIRE(holdspace::audio::decibels_to_gain(-60.0) == Approx(0.001).epsilon(1e-4));
}
