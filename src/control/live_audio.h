// The live audio path both front ends open the same way: PortAudio, the chosen device, an
// engine at the device's own rate, and the output stream whose callback is the engine's mixer.
#pragma once

#include <memory>
#include <string>

#include "audio/audio_engine.h"
#include "audio/output_stream.h"
#include "audio/portaudio_system.h"
#include "core/result.h"

namespace holdspace::control {

struct LiveAudioConfig {
  std::string device;      // empty = the default output
  int buffer_frames = 0;   // 0 = the host's choice
  // One stereo pair per listener (session::Plan::listener_pairs()): 2 opens the device with 4
  // output channels, the second listener on channels 3-4.
  int listener_pairs = 1;
};

struct LiveAudio {
  audio::OutputDeviceInfo device;  // the device it opened
  std::unique_ptr<audio::PortAudioSystem> system;
  std::unique_ptr<audio::AudioEngine> engine;
  std::unique_ptr<audio::OutputStream> stream;

  // Opens everything; the stream is not started yet. One-line errors ("no audio output
  // device is available …", "no output device called …", a device with too few channels for
  // a couples plan).
  static Result<LiveAudio> open(const LiveAudioConfig& config);
  // Starts decoding and the device.
  Status start();
  void stop();
};

}  // namespace holdspace::control
