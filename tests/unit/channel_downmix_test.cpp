// Mono to both ears; surround down to stereo with the standard coefficients, never clipping.
#include <catch2/catch.hpp>

#include <sndfile.h>

#include <cmath>
#include <vector>

#include "audio/channel_downmix.h"

using namespace holdspace::audio;

TEST_CASE("mono goes to both ears at full level", "[downmix]") {
  const auto weights = downmix_weights(1, {});
  const std::vector<float> mono{0.5f, -0.25f};
  std::vector<float> stereo(4);
  downmix_to_stereo(mono.data(), 1, 2, weights, stereo.data());
  REQUIRE(stereo == std::vector<float>{0.5f, 0.5f, -0.25f, -0.25f});
}

TEST_CASE("5.1 folds down with centre and surrounds at -3 dB and no LFE", "[downmix]") {
  const auto weights = downmix_weights(6, {});  // L R C LFE Ls Rs
  REQUIRE(weights.size() == 6);
  const float scale = weights[0].left;  // left front's share sets the normalisation
  REQUIRE(weights[0].right == 0.0f);
  REQUIRE(weights[2].left == Approx(scale * std::sqrt(0.5f)));
  REQUIRE(weights[2].right == Approx(scale * std::sqrt(0.5f)));
  REQUIRE(weights[3].left == 0.0f);
  REQUIRE(weights[3].right == 0.0f);
  REQUIRE(weights[4].left == Approx(scale * std::sqrt(0.5f)));
  REQUIRE(weights[4].right == 0.0f);
  REQUIRE(weights[5].right == Approx(scale * std::sqrt(0.5f)));
}

TEST_CASE("a downmix of every channel at full scale cannot clip", "[downmix]") {
  for (int channels = 3; channels <= 8; ++channels) {
    const auto weights = downmix_weights(channels, {});
    std::vector<float> frame(std::size_t(channels), 1.0f);
    float stereo[2];
    downmix_to_stereo(frame.data(), channels, 1, weights, stereo);
    REQUIRE(stereo[0] <= 1.0001f);
    REQUIRE(stereo[1] <= 1.0001f);
    REQUIRE(stereo[0] > 0.3f);  // still clearly audible, not thrown away
  }
}

TEST_CASE("a file's own channel map is honoured", "[downmix]") {
  // A 3-channel file laid out centre, left, right.
  const auto weights =
      downmix_weights(3, {SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT});
  REQUIRE(weights[1].right == 0.0f);
  REQUIRE(weights[1].left > 0.0f);
  REQUIRE(weights[2].left == 0.0f);
  REQUIRE(weights[0].left == Approx(weights[0].right));
}
