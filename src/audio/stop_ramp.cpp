#include "audio/stop_ramp.h"

#include <thread>

namespace holdspace::audio {

void ramp_to_silence(Mixer& mixer, std::chrono::milliseconds patience) {
  if (!mixer.send(MixerCommand::stop_now())) return;  // a full queue: the stream stops as it is
  const std::int64_t until = mixer.output_frames() + mixer.stop_fade_frames() + mixer.latency_frames();
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (mixer.output_frames() < until && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace holdspace::audio
