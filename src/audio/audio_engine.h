// The engine's parts wired together: the stream slots, the mixer that reads them and the decode
// worker that fills them. Everything the audio path needs is allocated here, once, up front.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <utility>

#include "audio/decode_worker.h"
#include "audio/mixer.h"
#include "audio/stream_slot.h"

namespace holdspace::audio {

struct EngineConfig {
  int sample_rate = 48000;
  // A few seconds per deck: enough to ride out a slow disk or a busy CPU without an underrun.
  double ring_seconds = 4.0;
  // Live: all the rings' memory is taken up front, so none is first met mid-session and the
  // program's memory is flat from the start. An offline render's long rings
  // (OfflineFeed::configure) are left to take memory as they fill.
  bool touch_rings_up_front = true;
  // Stereo pairs the mixer renders, one per listener: 2 for a couples session (channels 1-4).
  int listener_pairs = 1;
};

class AudioEngine {
 public:
  explicit AudioEngine(const EngineConfig& config);

  int sample_rate() const { return sample_rate_; }
  Mixer& mixer() { return *mixer_; }
  const Mixer& mixer() const { return *mixer_; }
  DecodeWorker& decoder() { return *decoder_; }
  std::int64_t seconds_to_frames(double seconds) const;

  // What to call when the control thread should poll: the mixer posted events (a track started
  // or ended) or decoding failed. The decode worker thread calls it (within
  // DecodeWorker::kPollInterval), never the audio callback; a window loop that sleeps between
  // frames passes glfwPostEmptyEvent. Any thread, any time.
  void set_wake(std::function<void()> wake) { decoder_->set_wake(std::move(wake)); }

 private:
  static std::array<StreamSlot*, kSlotCount> pointers(
      std::array<std::unique_ptr<StreamSlot>, kSlotCount>& slots);

  int sample_rate_;
  std::array<std::unique_ptr<StreamSlot>, kSlotCount> slots_;
  std::unique_ptr<Mixer> mixer_;
  std::unique_ptr<DecodeWorker> decoder_;
};

}  // namespace holdspace::audio
