#include "audio/audio_engine.h"

#include <cmath>

namespace holdspace::audio {

AudioEngine::AudioEngine(const EngineConfig& config) : sample_rate_(config.sample_rate) {
  const auto ring_frames = std::int64_t(config.ring_seconds * config.sample_rate);
  for (auto& slot : slots_) {
    slot = std::make_unique<StreamSlot>(ring_frames);
    if (config.touch_rings_up_front) slot->ring.touch_every_page();
  }
  mixer_ = std::make_unique<Mixer>(pointers(slots_), config.sample_rate, config.listener_pairs);
  decoder_ = std::make_unique<DecodeWorker>(pointers(slots_), mixer_.get());
}

std::array<StreamSlot*, kSlotCount> AudioEngine::pointers(
    std::array<std::unique_ptr<StreamSlot>, kSlotCount>& slots) {
  std::array<StreamSlot*, kSlotCount> raw{};
  for (int i = 0; i < kSlotCount; ++i) raw[i] = slots[i].get();
  return raw;
}

std::int64_t AudioEngine::seconds_to_frames(double seconds) const {
  if (!(seconds > 0)) return 0;
  return std::llround(seconds * sample_rate_);
}

}  // namespace holdspace::audio
