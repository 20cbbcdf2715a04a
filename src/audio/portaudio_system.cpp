#include "audio/portaudio_system.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace holdspace::audio {
namespace {

// ALSA prints dozens of lines about PCMs that do not exist while PortAudio probes it. They are
// noise to a therapist, so stderr is pointed at /dev/null for the probe only.
class QuietStderr {
 public:
  QuietStderr() {
    if (std::getenv("HOLDSPACE_AUDIO_DEBUG")) return;
    saved_ = ::dup(STDERR_FILENO);
    const int null_fd = ::open("/dev/null", O_WRONLY);
    if (saved_ >= 0 && null_fd >= 0) ::dup2(null_fd, STDERR_FILENO);
    if (null_fd >= 0) ::close(null_fd);
  }
  ~QuietStderr() {
    if (saved_ < 0) return;
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
  }

 private:
  int saved_ = -1;
};

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return text;
}

}  // namespace

Result<std::unique_ptr<PortAudioSystem>> PortAudioSystem::start() {
  auto current = PortAudioLibrary::current();
  if (!current) return Error{"cannot start the audio system: " + current.error().message};
  const PortAudioLibrary& library = *current.value();
  // Never let libjack launch a JACK server of its own as a side effect of probing.
  ::setenv("JACK_NO_START_SERVER", "1", 0);
  PaError error;
  {
    QuietStderr quiet;
    error = library.initialize();
  }
  if (error != paNoError) {
    return Error{std::string("cannot start the audio system: ") + library.error_text(error)};
  }
  return std::unique_ptr<PortAudioSystem>(new PortAudioSystem(library));
}

PortAudioSystem::~PortAudioSystem() { pa_.terminate(); }

std::vector<OutputDeviceInfo> PortAudioSystem::output_devices() const {
  std::vector<OutputDeviceInfo> devices;
  const PaDeviceIndex default_index = pa_.default_output_device();
  const PaDeviceIndex count = pa_.device_count();
  for (PaDeviceIndex i = 0; i < count; ++i) {
    const PaDeviceInfo* info = pa_.device_info(i);
    if (!info || info->maxOutputChannels < 1) continue;
    OutputDeviceInfo device;
    device.index = i;
    device.name = info->name ? info->name : "";
    const PaHostApiInfo* api = pa_.host_api_info(info->hostApi);
    device.host_api = api && api->name ? api->name : "";
    device.max_output_channels = info->maxOutputChannels;
    device.default_sample_rate = info->defaultSampleRate;
    device.is_default = i == default_index;
    devices.push_back(device);
  }
  // A running JACK server owns the interface, and PortAudio's own default would be an ALSA
  // device: the "jack" bridge of libasound2-plugins, or a card JACK already holds. So JACK's
  // device is the default whenever JACK runs.
  const auto jack = std::find_if(devices.begin(), devices.end(),
                                 [](const OutputDeviceInfo& device) { return device.on_jack(); });
  if (jack != devices.end()) {
    for (auto& device : devices) device.is_default = &device == &*jack;
  }
  return devices;
}

Result<OutputDeviceInfo> PortAudioSystem::find_output(const std::string& name) const {
  const auto devices = output_devices();
  if (devices.empty()) {
    return Error{"no audio output device is available (is the headphone interface plugged in?)"};
  }
  if (name.empty()) {
    for (const auto& device : devices) {
      if (device.is_default) return device;
    }
    return devices.front();
  }
  for (const auto& device : devices) {
    if (device.name == name || device.qualified_name() == name) return device;
  }
  std::vector<OutputDeviceInfo> partial;
  for (const auto& device : devices) {
    if (lowercase(device.qualified_name()).find(lowercase(name)) != std::string::npos) {
      partial.push_back(device);
    }
  }
  if (partial.size() == 1) return partial.front();
  if (partial.empty()) {
    return Error{"no output device called \"" + name + "\" (see holdspace-cli devices)"};
  }
  return Error{"\"" + name + "\" matches " + std::to_string(partial.size()) +
               " devices; give the full name (see holdspace-cli devices)"};
}

}  // namespace holdspace::audio
