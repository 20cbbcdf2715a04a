// A second output device for tests on a machine with one (JACK dummy) device: an ALSA PCM of
// libasound2-plugins' jack type, named `pcm`, that plays into two given JACK ports. It is
// written to `home`/.asoundrc and HOME points there, for this process and the children it
// starts; ALSA reads it when PortAudio starts.
#pragma once

#include <filesystem>
#include <string>

namespace holdspace::test {

void define_alsa_jack_device(const std::filesystem::path& home, const std::string& pcm,
                             const std::string& left_port, const std::string& right_port);

}  // namespace holdspace::test
