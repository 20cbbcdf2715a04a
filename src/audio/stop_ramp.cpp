#include "audio/stop_ramp.h"

#include <thread>

namespace holdspace::audio {

void ramp_to_silence(Mixer& mixer, std::chrono::milliseconds patience) {
  if (!mixer.send(MixerCommand::stop_now())) return;  // a full queue: the stream stops as it is
  const auto deadline = std::chrono::steady_clock::now() + patience;
  const auto wait_until = [&](auto done) {
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  };
  // A callback already under way when the command was sent has read its commands: the ramp can
  // only start in the block after it. So count from the end of the next block, one block late
  // at worst, never early.
  const std::int64_t sent_at = mixer.output_frames();
  wait_until([&] { return mixer.output_frames() != sent_at; });
  const std::int64_t silent_at = mixer.output_frames() + mixer.stop_fade_frames() + mixer.latency_frames();
  wait_until([&] { return mixer.output_frames() >= silent_at; });
}

}  // namespace holdspace::audio
