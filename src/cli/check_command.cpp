// holdspace-cli check: before a session, a playlist or a whole plan. For a playlist: every
// entry's duration, format and rate, the total, and every problem with its line. For a plan:
// the plan itself, then each phase's playlist against the phase's planned minutes. Exits 1 when
// there is any problem, so scripts can gate on it.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "core/text_format.h"
#include "playlist/playlist.h"
#include "playlist/playlist_check.h"
#include "session/plan.h"

namespace holdspace::cli {
namespace {

// "list.m3u8:7: file not found: …", or without the line when the problem is the whole file.
std::string located(const std::string& path, const playlist::PlaylistProblem& problem) {
  if (problem.line <= 0) return path + ": " + problem.message;
  return path + ":" + std::to_string(problem.line) + ": " + problem.message;
}

// Prints the report for one playlist; returns its check.
Result<playlist::PlaylistCheck> check_one_playlist(const std::string& playlist_path) {
  auto playlist = playlist::read_playlist(playlist_path);
  if (!playlist) return playlist.error();
  auto report = playlist::check_playlist(playlist.value());
  int number = 0;
  int good = 0;
  for (const auto& checked : report.entries) {
    ++number;
    const std::string name = checked.entry.path.filename().string();
    if (checked.info) {
      ++good;
      std::printf("%3d  %8s  %-14s %6d Hz  %d ch  %s\n", number, format_duration(checked.info->seconds()).c_str(),
                  checked.info->format.c_str(), checked.info->sample_rate, checked.info->channels, name.c_str());
    } else {
      std::printf("%3d  %8s  %-14s %9s  %4s  %s  (problem, line %d)\n", number, "--:--", "-", "-", "-",
                  name.c_str(), checked.entry.line);
    }
  }
  std::printf("%d of %d tracks playable, %s in all\n", good, number, format_duration(report.total_seconds).c_str());
  for (const auto& problem : report.problems) std::printf("%s\n", located(playlist_path, problem).c_str());
  return report;
}

int check_plan(const std::string& plan_path) {
  auto loaded = session::load_plan(plan_path);
  if (!loaded) {
    print_error(loaded.error().message);
    return 1;
  }
  const session::Plan& plan = loaded->plan;
  std::size_t problems = loaded->warnings.size();
  for (const auto& warning : loaded->warnings) std::printf("%s\n", session::format_warning(plan_path, warning).c_str());
  std::printf("%s: %zu phases, %s planned\n", plan.name.c_str(), plan.phases.size(),
              format_duration(plan.planned_minutes() * 60).c_str());
  for (const auto& phase : plan.phases) {
    std::printf("\n%s (%s planned)\n", phase.name.c_str(), format_duration(phase.minutes * 60).c_str());
    if (phase.playlist.empty()) {
      std::printf("  silent phase: no playlist\n");
      continue;
    }
    auto report = check_one_playlist(phase.playlist.string());
    if (!report) {
      std::printf("%s\n", report.error().message.c_str());
      ++problems;
      continue;
    }
    problems += report->problems.size();
    const double music = report->total_seconds;
    const double planned = phase.minutes * 60;
    if (music < planned) {
      const bool loops = phase.at_playlist_end == session::PlaylistEnd::Loop;
      std::printf("  the playlist (%s) is shorter than the phase: %s\n", format_duration(music).c_str(),
                  loops ? "it will loop" : "the client will hear SILENCE after it");
      if (!loops) ++problems;
    }
  }
  if (problems > 0) {
    std::printf("\n%zu problem%s\n", problems, problems == 1 ? "" : "s");
    return 1;
  }
  return 0;
}

bool is_plan(const std::string& path) {
  return path.size() > 5 && (path.ends_with(".toml") || path.ends_with(".TOML"));
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("check", "Check a playlist or a session plan before a session");
  static std::string path;
  command->add_option("PLAYLIST_OR_PLAN", path, "An .m3u, .m3u8, .pls or .xspf playlist, or a .toml plan")
      ->required();
  command->callback([&exit_code] {
    if (is_plan(path)) {
      exit_code = check_plan(path);
      return;
    }
    auto report = check_one_playlist(path);
    if (!report) {
      print_error(report.error().message);
      exit_code = 1;
      return;
    }
    if (report->has_problems()) {
      std::printf("%zu problem%s\n", report->problems.size(), report->problems.size() == 1 ? "" : "s");
      exit_code = 1;
    }
  });
}

}  // namespace holdspace::cli
