// holdspace-cli devices: the output devices PortAudio can see, the default marked.
#include <cstdio>

#include "audio/portaudio_system.h"
#include "cli/commands.h"
#include "cli/terminal.h"

namespace holdspace::cli {

void add_devices_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("devices", "List the audio output devices (* = default)");
  command->callback([&exit_code] {
    auto system = audio::PortAudioSystem::start();
    if (!system) {
      print_error(system.error().message);
      exit_code = 1;
      return;
    }
    const auto devices = system.value()->output_devices();
    if (devices.empty()) {
      print_error("no audio output device is available (is the headphone interface plugged in?)");
      exit_code = 1;
      return;
    }
    for (const auto& device : devices) {
      std::printf("%c %-32s %-28s %2d ch  %6d Hz\n", device.is_default ? '*' : ' ',
                  device.name.c_str(), device.host_api.c_str(), device.max_output_channels,
                  int(device.default_sample_rate));
    }
  });
}

}  // namespace holdspace::cli
