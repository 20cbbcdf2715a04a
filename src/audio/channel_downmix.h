// Folds any channel layout down to the stereo pair the client hears.
// Mono goes to both ears at full level; more than two channels use the ITU-R BS.775 downmix
// (centre and surrounds at -3 dB, LFE dropped), scaled so a full-scale input cannot clip.
#pragma once

#include <array>
#include <vector>

namespace holdspace::audio {

// Where each source channel goes: gain into the left and into the right output.
struct ChannelWeights {
  float left = 0.0f;
  float right = 0.0f;
};

// source_channel_roles holds libsndfile SF_CHANNEL_MAP_* values, or is empty when the file
// carries no map (then the WAVE/SMPTE default order L R C LFE Ls Rs ... is assumed).
std::vector<ChannelWeights> downmix_weights(int channels, const std::vector<int>& source_channel_roles);

// interleaved (frames * channels) -> stereo (frames * 2).
void downmix_to_stereo(const float* interleaved, int channels, long frames,
                       const std::vector<ChannelWeights>& weights, float* stereo_out);

}  // namespace holdspace::audio
