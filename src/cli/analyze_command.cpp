// holdspace-cli analyze: measures a playlist's tracks (or single files) under EBU R128, in
// parallel and through the loudness cache, and prints each track's loudness, range, true peak
// and the gain it will play at. --json gives the same for scripts. Exits 1 if any track failed.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "journal/journal.h"
#include "loudness/analyzer.h"
#include "loudness/loudness_cache.h"
#include "loudness/track_gain.h"
#include "playlist/playlist.h"

namespace holdspace::cli {
namespace {

struct AnalyzeArguments {
  std::vector<std::string> inputs;
  double target_lufs = loudness::GainPolicy{}.target_lufs;
  double ceiling_dbtp = loudness::GainPolicy{}.ceiling_dbtp;
  int threads = 0;
  std::string data_dir;
  bool json = false;
};

bool is_playlist(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return extension == ".m3u" || extension == ".m3u8" || extension == ".pls" || extension == ".xspf";
}

// The tracks to analyse, in order. Problems with a playlist or its entries are printed here and
// counted, since each is a track that will not get its gain.
std::vector<std::filesystem::path> gather_tracks(const std::vector<std::string>& inputs, int& problems) {
  std::vector<std::filesystem::path> tracks;
  for (const std::string& input : inputs) {
    if (!is_playlist(input)) {
      tracks.emplace_back(input);
      continue;
    }
    auto read = playlist::read_playlist(input);
    if (!read) {
      print_error(read.error().message);
      ++problems;
      continue;
    }
    for (const auto& problem : read->problems) {
      print_warning(problem.line > 0 ? input + ":" + std::to_string(problem.line) + ": " + problem.message
                                     : input + ": " + problem.message);
      ++problems;
    }
    if (read->entries.empty() && read->problems.empty()) {
      print_warning(input + ": the playlist names no track");
      ++problems;
    }
    for (const auto& entry : read->entries) tracks.push_back(entry.path);
  }
  return tracks;
}

std::unique_ptr<loudness::LoudnessCache> open_cache(const std::string& data_dir) {
  const std::filesystem::path folder = data_dir.empty() ? journal::default_data_dir() : std::filesystem::path(data_dir);
  auto cache = loudness::LoudnessCache::open(loudness::LoudnessCache::default_file(folder));
  if (!cache) {
    print_warning(cache.error().message + "; analysing without the cache");
    return nullptr;
  }
  return std::move(cache).value();
}

std::string decibels(double value, const char* unit) {
  if (std::abs(value) < 0.05) value = 0.0;  // "+0.0", never "-0.0"
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%s", value, unit);
  return text;
}

void print_table(const std::vector<loudness::AnalysisResult>& results, const loudness::GainPolicy& policy) {
  constexpr const char* kRow = "%3s  %7s  %5s  %10s  %8s %1s  %s\n";
  std::printf(kRow, "#", "LUFS", "LRA", "TRUE PEAK", "GAIN", "", "TRACK");
  bool any_peak = false;
  bool any_range = false;
  bool any_unanalysed = false;
  int number = 0;
  for (const auto& result : results) {
    const loudness::TrackGain gain = loudness::track_gain(result.loudness, policy);
    const char* mark = gain.unanalysed ? "!" : gain.limited_by_peak ? "p" : gain.limited_by_range ? "r" : "";
    any_peak = any_peak || gain.limited_by_peak;
    any_range = any_range || gain.limited_by_range;
    any_unanalysed = any_unanalysed || gain.unanalysed;
    std::string lufs = "-";
    std::string range = "-";
    std::string peak = "-";
    if (result.loudness) {
      lufs = decibels(result.loudness->integrated_lufs, "");
      char text[16];
      std::snprintf(text, sizeof text, "%.1f", result.loudness->range_lu);
      range = text;
      peak = decibels(result.loudness->true_peak_dbtp, " dBTP");
    }
    std::printf(kRow, std::to_string(++number).c_str(), lufs.c_str(), range.c_str(), peak.c_str(),
                decibels(gain.gain_db, " dB").c_str(), mark, result.file.filename().string().c_str());
  }
  if (any_peak || any_range || any_unanalysed) std::printf("\n");
  if (any_peak) {
    std::printf("p  boost held back so true peaks stay under the %s ceiling\n",
                decibels(policy.ceiling_dbtp, " dBTP").c_str());
  }
  if (any_range) std::printf("r  held to the +/-%.0f dB limit\n", policy.max_gain_db);
  if (any_unanalysed) {
    std::printf("!  not analysed: plays at a safe %s\n", decibels(loudness::kUnanalysedGainDb, " dB").c_str());
  }
}

void print_json(const std::vector<loudness::AnalysisResult>& results, const loudness::GainPolicy& policy) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& result : results) {
    const loudness::TrackGain gain = loudness::track_gain(result.loudness, policy);
    nlohmann::ordered_json track;
    track["file"] = result.file.string();
    if (result.loudness) {
      track["integrated_lufs"] = result.loudness->integrated_lufs;
      track["range_lu"] = result.loudness->range_lu;
      track["true_peak_dbtp"] = result.loudness->true_peak_dbtp;
      track["seconds"] = result.loudness->seconds;
    } else {
      track["integrated_lufs"] = nullptr;
      track["range_lu"] = nullptr;
      track["true_peak_dbtp"] = nullptr;
      track["seconds"] = nullptr;
    }
    track["gain_db"] = gain.gain_db;
    track["limited_by_peak"] = gain.limited_by_peak;
    track["limited_by_range"] = gain.limited_by_range;
    track["from_cache"] = result.from_cache;
    track["error"] = result.loudness ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(result.loudness.error().message);
    array.push_back(std::move(track));
  }
  // replace: a file name that is not UTF-8 must not stop the output.
  std::printf("%s\n", array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
}

int analyze(const AnalyzeArguments& args) {
  int problems = 0;
  const std::vector<std::filesystem::path> tracks = gather_tracks(args.inputs, problems);
  if (tracks.empty()) {
    if (problems == 0) print_error("nothing to analyse");
    return 1;
  }
  auto cache = open_cache(args.data_dir);

  LiveLine progress(stderr);
  const auto results = loudness::analyze_files(tracks, cache.get(), args.threads, [&progress](int done, int total) {
    progress.show(progress_bar(total > 0 ? double(done) / total : 1.0, 30) + "  " + std::to_string(done) + " / " +
                  std::to_string(total) + " tracks");
  });
  progress.finish();

  int failed = 0;
  int cached = 0;
  for (const auto& result : results) {
    if (!result.loudness) {
      print_warning(result.loudness.error().message);
      ++failed;
    } else if (result.from_cache) {
      ++cached;
    }
  }
  loudness::GainPolicy policy;
  policy.target_lufs = args.target_lufs;
  policy.ceiling_dbtp = args.ceiling_dbtp;
  if (args.json) {
    print_json(results, policy);
  } else {
    print_table(results, policy);
    std::printf("%d %s: %d measured, %d from the cache, %d failed; target %s LUFS, ceiling %s dBTP\n",
                int(results.size()), results.size() == 1 ? "track" : "tracks",
                int(results.size()) - cached - failed, cached, failed,
                decibels(policy.target_lufs, "").c_str(), decibels(policy.ceiling_dbtp, "").c_str());
  }
  return failed + problems > 0 ? 1 : 0;
}

}  // namespace

void add_analyze_command(CLI::App& app, int& exit_code) {
  static AnalyzeArguments args;
  auto* command = app.add_subcommand(
      "analyze", "Measure tracks' loudness (EBU R128) and show the gain each will play at");
  command->add_option("PLAYLIST|FILES", args.inputs, "A playlist (.m3u, .m3u8, .pls, .xspf) or audio files")
      ->required();
  command->add_option("--target", args.target_lufs, "Loudness every track is brought to, LUFS")
      ->check(CLI::Range(-40.0, -6.0))
      ->capture_default_str();
  command->add_option("--ceiling", args.ceiling_dbtp, "Highest true peak a boost may reach, dBTP")
      ->check(CLI::Range(-20.0, 0.0))
      ->capture_default_str();
  command->add_option("--threads", args.threads, "Files analysed at once (0: one per core)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  command->add_option("--data-dir", args.data_dir,
                      "Where the journal and the loudness cache live (default: ~/.local/share/holdspace)");
  command->add_flag("--json", args.json, "Print a JSON array instead of the table");
  command->callback([&exit_code] { exit_code = analyze(args); });
}

}  // namespace holdspace::cli
