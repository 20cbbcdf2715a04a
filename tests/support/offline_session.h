// Drives a session through the real controller and engine without a device: the mixer is
// pumped block by block while a manual clock moves with it, and the controller is polled as a
// front end would. For tests that need a recorded session quickly and deterministically.
#pragma once

#include "audio/audio_engine.h"
#include "control/session_controller.h"
#include "core/clock.h"

namespace holdspace::test {

void play_offline(control::SessionController& controller, audio::AudioEngine& engine, ManualClock& clock,
                  double seconds);

}  // namespace holdspace::test
