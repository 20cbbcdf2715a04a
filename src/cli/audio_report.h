// The last line of a live command: how the audio fared. The callback's worst and 99th-percentile
// time as a share of its period say how close it came to an underrun.
#pragma once

#include <cstdint>
#include <string>

#include "audio/callback_timing.h"

namespace holdspace::cli {

std::string audio_report(const audio::CallbackTiming& timing, std::int64_t underruns);

}  // namespace holdspace::cli
