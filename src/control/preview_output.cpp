#include "control/preview_output.h"

namespace holdspace::control {

Result<LiveAudio> open_preview_output(const std::string& device, const std::string& client_device,
                                      int buffer_frames) {
  if (device.empty()) return Error{"preview output: no device given"};
  auto audio = LiveAudio::open({device, buffer_frames, 1});
  if (!audio) return Error{"preview output: " + audio.error().message};
  auto client = audio->system->find_output(client_device);
  if (client && client->index == audio->device.index) {
    return Error{"preview output: \"" + audio->device.qualified_name() +
                 "\" is the client's output; previews need another device"};
  }
  return audio;
}

}  // namespace holdspace::control
