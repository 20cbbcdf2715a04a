// holdspace-cli play: plays a playlist through PortAudio until it ends or Ctrl-C, which fades
// out over 2 s first. A one-line live status shows the track, position and underruns.
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "audio/audio_engine.h"
#include "audio/gain_ramps.h"
#include "audio/output_stream.h"
#include "audio/playlist_player.h"
#include "audio/stop_ramp.h"
#include "audio/portaudio_system.h"
#include "cli/audio_report.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/playlist_input.h"
#include "cli/terminal.h"
#include "core/text_format.h"

namespace holdspace::cli {
namespace {

struct PlayArguments {
  std::string playlist;
  std::string device;
  double crossfade_seconds = 0.0;
  double volume_db = 0.0;
  double fade_in_seconds = 2.0;
  int sample_rate = 0;
  int buffer_frames = 0;
  bool loop = false;
};

constexpr double kInterruptFadeSeconds = 2.0;
constexpr auto kInterruptFadeGrace = std::chrono::seconds(4);
constexpr auto kPollInterval = std::chrono::milliseconds(50);

std::string status_text(const audio::NowPlaying& now, std::int64_t underruns) {
  if (now.index < 0) return "waiting for audio...";
  return "> " + std::to_string(now.index + 1) + "/" + std::to_string(now.count) + "  " + now.title +
         "  " + format_duration(now.position_seconds) + " / " + format_duration(now.duration_seconds) +
         "  underruns " + std::to_string(underruns);
}

int play(const PlayArguments& args) {
  auto entries = read_playable_entries(args.playlist);
  if (!entries) {
    print_error(entries.error().message);
    return 1;
  }
  auto system = audio::PortAudioSystem::start();
  if (!system) {
    print_error(system.error().message);
    return 1;
  }
  auto device = system.value()->find_output(args.device);
  if (!device) {
    print_error(device.error().message);
    return 1;
  }
  audio::EngineConfig engine_config;
  engine_config.sample_rate = args.sample_rate > 0 ? args.sample_rate : int(device->default_sample_rate);
  audio::AudioEngine engine(engine_config);

  audio::OutputConfig output_config;
  output_config.sample_rate = engine_config.sample_rate;
  output_config.frames_per_buffer = args.buffer_frames;
  auto stream = audio::OutputStream::open(*system.value(), device.value(), output_config, engine.mixer());
  if (!stream) {
    print_error(stream.error().message);
    return 1;
  }

  audio::MixerCommand volume;
  volume.type = audio::MixerCommand::Type::SetGain;
  volume.gain = audio::decibels_to_gain(args.volume_db);
  engine.mixer().send(volume);

  audio::PlayerOptions options;
  options.crossfade_seconds = args.crossfade_seconds;
  options.fade_in_seconds = args.fade_in_seconds;
  options.loop = args.loop;
  audio::PlaylistPlayer player(engine, std::move(entries.value()), options);
  if (!player.start()) {
    for (const auto& message : player.take_messages()) print_warning(args.playlist + ":" + message);
    print_error(args.playlist + ": no track in the playlist could be opened");
    return 1;
  }
  engine.decoder().start_thread();
  watch_for_interrupt();
  if (auto started = stream.value()->start(); !started) {
    print_error(started.error().message);
    return 1;
  }
  std::fprintf(stderr, "playing on %s at %d Hz (Ctrl-C fades out and stops)\n",
               device->qualified_name().c_str(), engine_config.sample_rate);

  LiveLine status(stdout);
  bool fading = false;
  auto fade_deadline = std::chrono::steady_clock::time_point::max();
  int last_index = -1;
  while (!player.finished()) {
    std::this_thread::sleep_for(kPollInterval);
    player.poll();
    for (const auto& message : player.take_messages()) {
      status.finish();
      print_warning(message);
    }
    if (interrupt_count() > 0 && !fading) {
      fading = true;
      player.fade_out(kInterruptFadeSeconds);
      // The fade runs on the device's clock; if the device has stalled, stop anyway.
      fade_deadline = std::chrono::steady_clock::now() + kInterruptFadeGrace;
    }
    // A second Ctrl-C, or a fade that cannot finish, stops at once.
    if (interrupt_count() > 1 || std::chrono::steady_clock::now() > fade_deadline) break;
    const auto now = player.now_playing();
    status.show(status_text(now, engine.mixer().underruns()));
    if (!status.enabled() && now.index >= 0 && now.index != last_index) {
      std::printf("> %d/%d  %s  (%s)\n", now.index + 1, now.count, now.title.c_str(),
                  format_duration(now.duration_seconds).c_str());
      std::fflush(stdout);
    }
    last_index = now.index;
  }
  // A second Ctrl-C or a stalled fade leaves music sounding: ramp it down first. Then let the
  // device play out what is already in its buffers before stopping the stream.
  audio::ramp_to_silence(engine.mixer());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stream.value()->stop();
  status.finish();
  std::printf("%s: %d tracks, %s played, %lld underruns\n", fading ? "stopped" : "finished",
              player.tracks_started(),
              format_duration(double(engine.mixer().output_frames()) / engine_config.sample_rate).c_str(),
              static_cast<long long>(engine.mixer().underruns()));
  std::printf("%s\n", audio_report(stream.value()->callback_timing(), engine.mixer().underruns()).c_str());
  return 0;
}

}  // namespace

void add_play_command(CLI::App& app, int& exit_code) {
  static PlayArguments args;
  auto* command = app.add_subcommand("play", "Play a playlist on an output device");
  command->add_option("PLAYLIST", args.playlist, "An .m3u, .m3u8, .pls or .xspf file")->required();
  command->add_option("--device", args.device, "Output device name or part of it (see devices)");
  command->add_option("--crossfade", args.crossfade_seconds, "Crossfade between tracks, seconds")
      ->check(CLI::Range(0.0, 60.0));
  command->add_option("--volume", args.volume_db, "Master volume in dB (at most 0)")
      ->check(CLI::Range(-60.0, 0.0));
  command->add_option("--fade-in", args.fade_in_seconds, "Fade-in of the first track, seconds")
      ->check(CLI::Range(0.0, 60.0))
      ->capture_default_str();
  command->add_option("--rate", args.sample_rate, "Sample rate in Hz (default: the device's)")
      ->check(CLI::Range(8000, 384000));
  command->add_option("--buffer", args.buffer_frames, "Frames per device buffer (default: host's)")
      ->check(CLI::Range(16, 16384));
  command->add_flag("--loop", args.loop, "Start again from the top when the playlist ends");
  command->callback([&exit_code] { exit_code = play(args); });
}

}  // namespace holdspace::cli
