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
  LiveAudioConfig config;
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

  // Opens the lost device again by the same name, through a fresh PortAudio instance, and
  // starts it on the same engine: the session's mixer, its tracks and its commands carry on.
  // Refused while the lost stream may still play (a stalled device that PortAudio still calls
  // active): two streams must never drive one mixer. A one-line error while the device is not
  // back. The lost stream is let go of (see `lost`).
  Status reopen();

  // A lost device (see DeviceWatch) whose stream has not come back. PortAudio 19.6's JACK host
  // waits up to 10 minutes in Pa_AbortStream, Pa_CloseStream and Pa_Terminate for a callback
  // that a dead server never makes, so a lost stream and its PortAudio instance are never
  // closed: stop() and the destructor leave them as they are, and reopen() uses a new instance.
  bool lost = false;
  bool started = false;  // between start() and stop()

  LiveAudio() = default;
  LiveAudio(LiveAudio&&) = default;
  LiveAudio& operator=(LiveAudio&&) = default;
  ~LiveAudio();

 private:
  void abandon();
};

}  // namespace holdspace::control
