#include "audio/channel_downmix.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>

namespace holdspace::audio {
namespace {

constexpr float kMinus3dB = 0.70710678f;

ChannelWeights weights_for_role(int role) {
  switch (role) {
    case SF_CHANNEL_MAP_MONO: return {1.0f, 1.0f};
    case SF_CHANNEL_MAP_LEFT:
    case SF_CHANNEL_MAP_FRONT_LEFT: return {1.0f, 0.0f};
    case SF_CHANNEL_MAP_RIGHT:
    case SF_CHANNEL_MAP_FRONT_RIGHT: return {0.0f, 1.0f};
    case SF_CHANNEL_MAP_CENTER:
    case SF_CHANNEL_MAP_FRONT_CENTER:
    case SF_CHANNEL_MAP_REAR_CENTER:
    case SF_CHANNEL_MAP_TOP_CENTER:
    case SF_CHANNEL_MAP_TOP_FRONT_CENTER:
    case SF_CHANNEL_MAP_TOP_REAR_CENTER: return {kMinus3dB, kMinus3dB};
    case SF_CHANNEL_MAP_REAR_LEFT:
    case SF_CHANNEL_MAP_SIDE_LEFT:
    case SF_CHANNEL_MAP_FRONT_LEFT_OF_CENTER:
    case SF_CHANNEL_MAP_TOP_FRONT_LEFT:
    case SF_CHANNEL_MAP_TOP_REAR_LEFT: return {kMinus3dB, 0.0f};
    case SF_CHANNEL_MAP_REAR_RIGHT:
    case SF_CHANNEL_MAP_SIDE_RIGHT:
    case SF_CHANNEL_MAP_FRONT_RIGHT_OF_CENTER:
    case SF_CHANNEL_MAP_TOP_FRONT_RIGHT:
    case SF_CHANNEL_MAP_TOP_REAR_RIGHT: return {0.0f, kMinus3dB};
    case SF_CHANNEL_MAP_LFE: return {0.0f, 0.0f};  // BS.775 leaves the LFE out of the downmix
    default: return {kMinus3dB, kMinus3dB};        // unknown roles go to the middle, quietly
  }
}

// The WAVE default order (WAVEFORMATEXTENSIBLE), used when a file has no channel map.
std::vector<int> default_roles(int channels) {
  static const int kOrder[] = {
      SF_CHANNEL_MAP_LEFT,      SF_CHANNEL_MAP_RIGHT,      SF_CHANNEL_MAP_CENTER,
      SF_CHANNEL_MAP_LFE,       SF_CHANNEL_MAP_REAR_LEFT,  SF_CHANNEL_MAP_REAR_RIGHT,
      SF_CHANNEL_MAP_SIDE_LEFT, SF_CHANNEL_MAP_SIDE_RIGHT};
  std::vector<int> roles;
  if (channels == 3) return {SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER};
  if (channels == 4) {
    return {SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_REAR_LEFT,
            SF_CHANNEL_MAP_REAR_RIGHT};
  }
  if (channels == 5) {
    return {SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER,
            SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT};
  }
  for (int c = 0; c < channels; ++c) roles.push_back(c < 8 ? kOrder[c] : SF_CHANNEL_MAP_INVALID);
  return roles;
}

}  // namespace

std::vector<ChannelWeights> downmix_weights(int channels, const std::vector<int>& source_channel_roles) {
  if (channels == 1) return {{1.0f, 1.0f}};
  if (channels == 2 && source_channel_roles.empty()) return {{1.0f, 0.0f}, {0.0f, 1.0f}};

  const std::vector<int> roles =
      int(source_channel_roles.size()) == channels ? source_channel_roles : default_roles(channels);
  std::vector<ChannelWeights> weights;
  float left_sum = 0.0f;
  float right_sum = 0.0f;
  for (int role : roles) {
    weights.push_back(weights_for_role(role));
    left_sum += weights.back().left;
    right_sum += weights.back().right;
  }
  // Scale so that every channel at full scale, in phase, still lands at or under 1.0.
  const float scale = 1.0f / std::max({left_sum, right_sum, 1.0f});
  for (auto& w : weights) {
    w.left *= scale;
    w.right *= scale;
  }
  return weights;
}

void downmix_to_stereo(const float* interleaved, int channels, long frames,
                       const std::vector<ChannelWeights>& weights, float* stereo_out) {
  for (long f = 0; f < frames; ++f) {
    const float* in = interleaved + f * channels;
    float left = 0.0f;
    float right = 0.0f;
    for (int c = 0; c < channels; ++c) {
      left += in[c] * weights[c].left;
      right += in[c] * weights[c].right;
    }
    stereo_out[2 * f] = left;
    stereo_out[2 * f + 1] = right;
  }
}

}  // namespace holdspace::audio
