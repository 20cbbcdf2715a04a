#include "control/live_audio.h"

#include <mutex>
#include <vector>

#include "audio/stop_ramp.h"

namespace holdspace::control {
namespace {
// The stream both open() and reopen() ask for: one stereo pair per listener.
audio::OutputConfig output_config(const LiveAudioConfig& config, int sample_rate) {
  audio::OutputConfig output;
  output.sample_rate = sample_rate;
  output.frames_per_buffer = config.buffer_frames;
  output.channels = config.listener_pairs >= 2 ? 4 : 2;
  return output;
}

// A lost output: its stream, and the engine and PortAudio instance the stream may still point
// at. Never freed (see LiveAudio::lost), but kept where a leak checker can still reach it.
struct LostOutput {
  audio::OutputStream* stream;
  audio::AudioEngine* engine;  // null when a reopened stream plays on it
  audio::PortAudioSystem* system;
};

void keep_forever(LostOutput lost) {
  static std::mutex mutex;
  static auto* kept = new std::vector<LostOutput>();  // never destroyed, so never out of reach
  std::lock_guard<std::mutex> lock(mutex);
  kept->push_back(lost);
}
}  // namespace

Result<LiveAudio> LiveAudio::open(const LiveAudioConfig& config) {
  LiveAudio live;
  live.config = config;
  auto system = audio::PortAudioSystem::start();
  if (!system) return system.error();
  live.system = std::move(system.value());
  auto device = live.system->find_output(config.device);
  if (!device) return device.error();
  live.device = device.value();
  const int pairs = config.listener_pairs >= 2 ? 2 : 1;
  if (pairs == 2 && device->max_output_channels < 4) {
    return Error{"output device \"" + device->qualified_name() + "\" has " +
                 std::to_string(device->max_output_channels) +
                 " output channels; a plan with two listeners needs 4 (channels 1-2 and 3-4)"};
  }
  audio::EngineConfig engine_config;
  engine_config.sample_rate = int(device->default_sample_rate);
  engine_config.listener_pairs = pairs;
  live.engine = std::make_unique<audio::AudioEngine>(engine_config);
  auto stream = audio::OutputStream::open(*live.system, device.value(),
                                          output_config(config, engine_config.sample_rate), live.engine->mixer());
  if (!stream) return stream.error();
  live.stream = std::move(stream.value());
  return live;
}

Status LiveAudio::start() {
  engine->decoder().start_thread();
  auto begun = stream->start();
  started = begun.ok();
  return begun;
}

Status LiveAudio::reopen() {
  if (!stream || !engine) return Error{"there is no audio output to open again"};
  if (stream->active()) return Error{"the output " + device.qualified_name() + " may still play"};
  // Outside JACK the lost stream can be closed, which frees the device for the new one.
  if (!device.on_jack()) stream->close();
  // Its instance cannot be started again: the next one is a fresh copy.
  audio::PortAudioLibrary::retire(system->library());
  auto fresh = audio::PortAudioSystem::start();
  if (!fresh) return fresh.error();
  auto found = fresh.value()->find_output(device.qualified_name());
  if (!found) return found.error();
  auto opened = audio::OutputStream::open(*fresh.value(), found.value(),
                                          output_config(config, stream->sample_rate()), engine->mixer());
  if (!opened) return opened.error();
  auto begun = opened.value()->start();
  if (!begun.ok()) return begun;
  keep_forever({stream.release(), nullptr, system.release()});
  system = std::move(fresh.value());
  stream = std::move(opened.value());
  device = found.value();
  lost = false;
  return ok_status();
}

void LiveAudio::stop() {
  if (lost) {
    abandon();
    return;
  }
  // Music or a preview may still be sounding: ramp it down, never cut it.
  if (stream && engine && stream->active()) audio::ramp_to_silence(engine->mixer());
  if (stream) stream->stop();
  if (engine) engine->decoder().stop_thread();
  started = false;
}

LiveAudio::~LiveAudio() {
  if (lost) abandon();
}

void LiveAudio::abandon() {
  if (engine) engine->decoder().stop_thread();
  // The dead stream may still point at the engine's mixer.
  keep_forever({stream.release(), engine.release(), system.release()});
  started = false;
}

}  // namespace holdspace::control
