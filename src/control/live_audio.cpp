#include "control/live_audio.h"

#include "audio/stop_ramp.h"

namespace holdspace::control {

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
  audio::OutputConfig output;
  output.sample_rate = engine_config.sample_rate;
  output.frames_per_buffer = config.buffer_frames;
  output.channels = 2 * pairs;
  auto stream = audio::OutputStream::open(*live.system, device.value(), output, live.engine->mixer());
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
  // Deliberately never freed: the dead stream may still point at the engine's mixer.
  (void)stream.release();
  (void)engine.release();
  (void)system.release();
  started = false;
}

}  // namespace holdspace::control
