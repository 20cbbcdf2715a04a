#include "support/alsa_jack_device.h"

#include <cstdlib>
#include <fstream>

namespace holdspace::test {

void define_alsa_jack_device(const std::filesystem::path& home, const std::string& pcm,
                             const std::string& left_port, const std::string& right_port) {
  std::filesystem::create_directories(home);
  std::ofstream(home / ".asoundrc") << "pcm." << pcm << " {\n"
                                    << "  type jack\n"
                                    << "  playback_ports { 0 \"" << left_port << "\" 1 \"" << right_port << "\" }\n"
                                    << "  hint { show on description \"A second output (test)\" }\n"
                                    << "}\n";
  ::setenv("HOME", home.c_str(), 1);
}

}  // namespace holdspace::test
