// holdspace-cli render: the offline render of a playlist into a WAV file, through the same mixer
// as live playback, as fast as the CPU allows. A progress bar shows on a terminal.
#include <chrono>
#include <cstdio>
#include <string>

#include "audio/offline_renderer.h"
#include "cli/commands.h"
#include "cli/playlist_input.h"
#include "cli/terminal.h"
#include "core/text_format.h"

namespace holdspace::cli {
namespace {

struct RenderArguments {
  std::string playlist;
  std::string output;
  int sample_rate = 48000;
  double crossfade_seconds = 0.0;
  double fade_in_seconds = 0.0;
};

int render(const RenderArguments& args) {
  auto entries = read_playable_entries(args.playlist);
  if (!entries) {
    print_error(entries.error().message);
    return 1;
  }
  LiveLine progress(stderr);
  audio::RenderOptions options;
  options.sample_rate = args.sample_rate;
  options.player.crossfade_seconds = args.crossfade_seconds;
  options.player.fade_in_seconds = args.fade_in_seconds;
  options.on_progress = [&progress](double done, double total) {
    progress.show(progress_bar(total > 0 ? done / total : 0.0, 30) + "  " + format_duration(done) +
                  " / " + format_duration(total));
  };
  const auto began = std::chrono::steady_clock::now();
  auto summary = audio::render_playlist(entries.value(), args.output, options);
  progress.finish();
  if (!summary) {
    print_error(summary.error().message);
    return 1;
  }
  for (const auto& problem : summary->problems) print_warning(args.playlist + ":" + problem);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  std::printf("wrote %s: %s at %d Hz, %d tracks, %lld frames (%.1f s, %.0fx real time)\n",
              args.output.c_str(), format_duration(summary->seconds()).c_str(), summary->sample_rate,
              summary->tracks_played, static_cast<long long>(summary->frames), took,
              took > 0 ? summary->seconds() / took : 0.0);
  return 0;
}

}  // namespace

void add_render_command(CLI::App& app, int& exit_code) {
  static RenderArguments args;
  auto* command = app.add_subcommand("render", "Render a playlist offline into a WAV file");
  command->add_option("PLAYLIST", args.playlist, "An .m3u, .m3u8, .pls or .xspf file")->required();
  command->add_option("-o,--output", args.output, "The WAV file to write")->required();
  command->add_option("--rate", args.sample_rate, "Sample rate in Hz")
      ->check(CLI::Range(8000, 384000))
      ->capture_default_str();
  command->add_option("--crossfade", args.crossfade_seconds, "Crossfade between tracks, seconds")
      ->check(CLI::Range(0.0, 60.0));
  command->add_option("--fade-in", args.fade_in_seconds, "Fade-in of the first track, seconds")
      ->check(CLI::Range(0.0, 60.0));
  command->callback([&exit_code] { exit_code = render(args); });
}

}  // namespace holdspace::cli
