// Stopping the client's headphones without a click: whatever still sounds ramps to silence over
// Mixer::kStopFadeSeconds (~50 ms) through the limiter's delay, and only then may the stream
// stop. Control thread; it waits on the mixer's own output clock, never longer than `patience`
// (a stalled device must not hang the program).
#pragma once

#include <chrono>

#include "audio/mixer.h"

namespace holdspace::audio {

void ramp_to_silence(Mixer& mixer, std::chrono::milliseconds patience = std::chrono::milliseconds(300));

}  // namespace holdspace::audio
