// One PortAudio instance, initialised, and the output devices it can see.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "audio/portaudio_library.h"
#include "core/result.h"

namespace holdspace::audio {

struct OutputDeviceInfo {
  int index = -1;
  std::string name;
  std::string host_api;
  int max_output_channels = 0;
  double default_sample_rate = 0.0;
  // What an empty --device opens: JACK's device while JACK runs, else PortAudio's default.
  bool is_default = false;
  // "JACK Audio Connection Kit: system" — what --device also accepts, to tell apart devices of
  // the same name on two host APIs.
  std::string qualified_name() const { return host_api + ": " + name; }
  bool on_jack() const { return host_api == "JACK Audio Connection Kit"; }
};

class PortAudioSystem {
 public:
  // Fails with a plain message when PortAudio cannot start at all. Starts on the current
  // instance (see PortAudioLibrary).
  static Result<std::unique_ptr<PortAudioSystem>> start();
  ~PortAudioSystem();
  PortAudioSystem(const PortAudioSystem&) = delete;
  PortAudioSystem& operator=(const PortAudioSystem&) = delete;

  std::vector<OutputDeviceInfo> output_devices() const;

  // An empty name means the default output. Otherwise an exact name (or "host api: name"),
  // then a case-insensitive part of a name if only one device matches.
  Result<OutputDeviceInfo> find_output(const std::string& name) const;

  const PortAudioLibrary& library() const { return pa_; }

 private:
  explicit PortAudioSystem(const PortAudioLibrary& library) : pa_(library) {}
  const PortAudioLibrary& pa_;
};

}  // namespace holdspace::audio
