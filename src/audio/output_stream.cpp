// The callback in this file runs on PortAudio's real-time thread. It only hands the buffer to
// the mixer (itself real-time safe), reads the clock and bumps atomics: no allocation, no
// locks, no I/O, no logging. It always returns paContinue: the stream is started and stopped
// only from the control thread.
#include "audio/output_stream.h"

#include <portaudio.h>

#include <chrono>

namespace holdspace::audio {

struct OutputCallback {
  static int run(const void*, void* output, unsigned long frames, const PaStreamCallbackTimeInfo*,
                 PaStreamCallbackFlags status_flags, void* user) {
    static_cast<OutputStream*>(user)->render(static_cast<float*>(output), frames,
                                             (status_flags & paOutputUnderflow) != 0);
    return paContinue;
  }
};

Result<std::unique_ptr<OutputStream>> OutputStream::open(const PortAudioSystem& system,
                                                         const OutputDeviceInfo& device,
                                                         const OutputConfig& config, Mixer& mixer) {
  const int rate = config.sample_rate > 0 ? config.sample_rate : int(device.default_sample_rate);
  if (config.channels > device.max_output_channels) {
    return Error{"device \"" + device.name + "\" has " + std::to_string(device.max_output_channels) +
                 " output channels, " + std::to_string(config.channels) + " are needed"};
  }
  const PortAudioLibrary& pa = system.library();
  PaStreamParameters params{};
  params.device = device.index;
  params.channelCount = config.channels;
  params.sampleFormat = paFloat32;
  params.suggestedLatency = pa.device_info(device.index)->defaultHighOutputLatency;

  if (pa.is_format_supported(nullptr, &params, rate) != paFormatIsSupported) {
    return Error{"device \"" + device.name + "\" does not play at " + std::to_string(rate) +
                 " Hz (its own rate is " + std::to_string(int(device.default_sample_rate)) +
                 " Hz; try --rate " + std::to_string(int(device.default_sample_rate)) + ")"};
  }
  std::unique_ptr<OutputStream> stream(new OutputStream(pa, mixer, device, rate, config.channels));
  const unsigned long frames_per_buffer =
      config.frames_per_buffer > 0 ? (unsigned long)config.frames_per_buffer : paFramesPerBufferUnspecified;
  PaStream* pa_stream = nullptr;
  const PaError error = pa.open_stream(
      &pa_stream, nullptr, &params, rate, frames_per_buffer, paNoFlag,
      &OutputCallback::run, stream.get());
  if (error != paNoError) {
    return Error{"cannot open \"" + device.name + "\": " + pa.error_text(error)};
  }
  stream->stream_ = pa_stream;
  return stream;
}

OutputStream::~OutputStream() { close(); }

void OutputStream::close() {
  if (!stream_) return;
  pa_.abort_stream(stream_);
  pa_.close_stream(stream_);
  stream_ = nullptr;
}

Status OutputStream::start() {
  const PaError error = pa_.start_stream(stream_);
  if (error != paNoError) {
    return Error{"cannot start \"" + device_.name + "\": " + pa_.error_text(error)};
  }
  return ok_status();
}

void OutputStream::stop() {
  if (stream_ && pa_.is_stream_active(stream_) == 1) pa_.stop_stream(stream_);
}

bool OutputStream::active() const { return stream_ && pa_.is_stream_active(stream_) == 1; }

void OutputStream::render(float* output, unsigned long frames, bool device_underflow) {
  if (device_underflow) device_underflows_.fetch_add(1, std::memory_order_relaxed);
  // steady_clock reads the vDSO clock: no system call, no lock.
  const auto began = std::chrono::steady_clock::now();
  mixer_.process(output, std::int64_t(frames), channels_);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  const auto began_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(began.time_since_epoch()).count();
  if (frames > 0) timing_.record(took * double(sample_rate_) / double(frames), std::int64_t(began_ns));
}

}  // namespace holdspace::audio
