// holdspace-cli check: every entry's duration, format and rate, the total, and every problem
// with its line. Exits 1 when there is any problem, so scripts can gate on it.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "core/text_format.h"
#include "playlist/playlist.h"
#include "playlist/playlist_check.h"

namespace holdspace::cli {
namespace {

// "list.m3u8:7: file not found: …", or without the line when the problem is the whole file.
std::string located(const std::string& path, const playlist::PlaylistProblem& problem) {
  if (problem.line <= 0) return path + ": " + problem.message;
  return path + ":" + std::to_string(problem.line) + ": " + problem.message;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("check", "Check a playlist: durations, formats and problems");
  static std::string playlist_path;
  command->add_option("PLAYLIST", playlist_path, "An .m3u, .m3u8, .pls or .xspf file")->required();
  command->callback([&exit_code] {
    auto playlist = playlist::read_playlist(playlist_path);
    if (!playlist) {
      print_error(playlist.error().message);
      exit_code = 1;
      return;
    }
    const auto report = playlist::check_playlist(playlist.value());
    int number = 0;
    int good = 0;
    for (const auto& checked : report.entries) {
      ++number;
      const std::string name = checked.entry.path.filename().string();
      if (checked.info) {
        ++good;
        std::printf("%3d  %8s  %-14s %6d Hz  %d ch  %s\n", number,
                    format_duration(checked.info->seconds()).c_str(), checked.info->format.c_str(),
                    checked.info->sample_rate, checked.info->channels, name.c_str());
      } else {
        std::printf("%3d  %8s  %-14s %9s  %4s  %s  (problem, line %d)\n", number, "--:--", "-",
                    "-", "-", name.c_str(), checked.entry.line);
      }
    }
    std::printf("%d of %d tracks playable, %s in all\n", good, number,
                format_duration(report.total_seconds).c_str());
    for (const auto& problem : report.problems) {
      std::printf("%s\n", located(playlist_path, problem).c_str());
    }
    if (report.has_problems()) {
      std::printf("%zu problem%s\n", report.problems.size(), report.problems.size() == 1 ? "" : "s");
      exit_code = 1;
    }
  });
}

}  // namespace holdspace::cli
