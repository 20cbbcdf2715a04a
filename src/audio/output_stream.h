// The live output: a PortAudio stream whose callback is the mixer.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "audio/callback_timing.h"
#include "audio/mixer.h"
#include "audio/portaudio_system.h"
#include "core/result.h"

namespace holdspace::audio {

struct OutputConfig {
  std::string device_name;      // empty = the default output
  int sample_rate = 0;          // 0 = the device's own default rate
  int frames_per_buffer = 0;    // 0 = let the host choose
  int channels = 2;
};

class OutputStream {
 public:
  // Opens (does not start) the stream. The device and rate are resolved before the engine is
  // built, so the engine can run at the rate the device really uses.
  static Result<std::unique_ptr<OutputStream>> open(const PortAudioSystem& system,
                                                    const OutputDeviceInfo& device,
                                                    const OutputConfig& config, Mixer& mixer);
  ~OutputStream();
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;

  Status start();
  void stop();  // lets the last buffer play out
  // Closes the stream at once, for a lost device outside JACK (never a JACK one: see
  // control::LiveAudio::lost). Inactive from then on; the rest stays readable.
  void close();
  bool active() const;

  const OutputDeviceInfo& device() const { return device_; }
  int sample_rate() const { return sample_rate_; }
  // Buffers the device itself reported as late (paOutputUnderflow).
  std::int64_t device_underflows() const { return device_underflows_.load(std::memory_order_relaxed); }
  // Each callback's time as a share of its buffer's period.
  const CallbackTiming& callback_timing() const { return timing_; }

 private:
  OutputStream(const PortAudioLibrary& library, Mixer& mixer, OutputDeviceInfo device, int sample_rate,
               int channels)
      : pa_(library), mixer_(mixer), device_(std::move(device)), sample_rate_(sample_rate), channels_(channels) {}
  friend struct OutputCallback;
  void render(float* output, unsigned long frames, bool device_underflow);

  const PortAudioLibrary& pa_;  // the instance the stream was opened with
  Mixer& mixer_;
  OutputDeviceInfo device_;
  int sample_rate_;
  int channels_;
  void* stream_ = nullptr;  // PaStream*
  std::atomic<std::int64_t> device_underflows_{0};
  CallbackTiming timing_;
};

}  // namespace holdspace::audio
