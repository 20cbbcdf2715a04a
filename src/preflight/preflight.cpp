#include "preflight/preflight.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "control/track_levels.h"
#include "loudness/analyzer.h"
#include "loudness/loudness_cache.h"
#include "loudness/track_gain.h"
#include "playlist/playlist.h"
#include "playlist/playlist_check.h"

namespace holdspace::preflight {
namespace {

// The rate the session is rendered, written and measured at.
constexpr int kRenderRate = 48000;
// Tracks this short are more often a stray sound effect or a broken rip than music.
constexpr double kShortTrackSeconds = 10.0;
// Wider than this, a track's quiet passages sink under the room's noise while its loud ones
// are what the gain is set by.
constexpr double kWideRangeLu = 20.0;

void check_files(const session::Plan& plan, PreflightReport& report) {
  for (const auto& phase : plan.phases) {
    if (phase.playlist.empty()) continue;
    auto list = playlist::read_playlist(phase.playlist);
    if (!list) {
      report.files.push_back({phase.name, phase.playlist, 0, phase.playlist, list.error().message, true});
      continue;
    }
    const auto checked = playlist::check_playlist(list.value());
    for (const auto& problem : checked.problems) {
      std::filesystem::path file;
      for (const auto& entry : checked.entries) {
        if (entry.entry.line == problem.line) file = entry.entry.path;
      }
      report.files.push_back({phase.name, phase.playlist, problem.line, file, problem.message, true});
    }
  }
}

// A phase's playlist entries; none for a silent phase or a playlist that will not read (that is
// reported as a file finding).
std::vector<playlist::PlaylistEntry> phase_entries(const session::PhasePlan& phase) {
  if (phase.playlist.empty()) return {};
  auto list = playlist::read_playlist(phase.playlist);
  return list ? std::move(list->entries) : std::vector<playlist::PlaylistEntry>{};
}

// Suspicious rather than broken: the file plays, but the therapist should listen to it first.
void check_measures(PreflightReport& report) {
  for (const auto& track : report.tracks) {
    std::string problem;
    if (!track.loudness) {
      problem = track.loudness.error().message + " (it would play at a safe -6 dB)";
    } else if (track.loudness->seconds < kShortTrackSeconds) {
      problem = "only " + std::to_string(int(std::lround(track.loudness->seconds))) + " s long";
    } else if (track.loudness->true_peak_dbtp > 0.0) {
      char text[96];
      std::snprintf(text, sizeof text, "peaks at %+.1f dBTP, above full scale: likely clipped when it was made",
                    track.loudness->true_peak_dbtp);
      problem = text;
    } else if (track.loudness->range_lu > kWideRangeLu) {
      char text[96];
      std::snprintf(text, sizeof text, "a loudness range of %.0f LU: its quiet parts may be hard to hear",
                    track.loudness->range_lu);
      problem = text;
    }
    if (!problem.empty()) report.files.push_back({"", {}, 0, track.file, problem, false});
  }
}

// Each track as it was played: its measured loudness plus the gain the render gave it.
void find_jumps(PreflightReport& report) {
  std::map<std::filesystem::path, double> measured_lufs;
  for (const auto& track : report.tracks) {
    if (track.loudness) measured_lufs[track.file] = track.loudness->integrated_lufs;
  }
  const auto& tracks = report.render.tracks;
  for (std::size_t i = 1; i < tracks.size(); ++i) {
    const auto from = measured_lufs.find(tracks[i - 1].path);
    const auto to = measured_lufs.find(tracks[i].path);
    if (from == measured_lufs.end() || to == measured_lufs.end()) continue;
    const double from_lufs = from->second + tracks[i - 1].gain_db;
    const double to_lufs = to->second + tracks[i].gain_db;
    if (std::abs(to_lufs - from_lufs) > kJumpLimitLu) report.jumps.push_back({tracks[i - 1], tracks[i], from_lufs, to_lufs});
  }
}

// The rendered session as a 24-bit WAV: RF64, which libsndfile turns back into a plain WAV
// when it ends under 4 GiB (a three-hour render does; a plan of phases up to 12 h may not).
class WavSink {
 public:
  Status open(const std::filesystem::path& path, int sample_rate, int channels) {
    path_ = path;
    SF_INFO info{};
    info.samplerate = sample_rate;
    info.channels = channels;
    info.format = SF_FORMAT_RF64 | SF_FORMAT_PCM_24;
    file_ = sf_open(path.c_str(), SFM_WRITE, &info);
    if (!file_) return Error{path.string() + ": cannot write (" + sf_strerror(nullptr) + ")"};
    sf_command(file_, SFC_RF64_AUTO_DOWNGRADE, nullptr, SF_TRUE);
    return ok_status();
  }
  void write(const float* interleaved, std::int64_t frames) {
    if (file_ && error_.empty() && sf_writef_float(file_, interleaved, frames) != frames) {
      error_ = path_.string() + ": the disk refused the render part-way (" + sf_strerror(file_) + ")";
    }
  }
  // Closes the file; an error if any of it could not be written.
  Status close() {
    if (file_ && sf_close(file_) != 0 && error_.empty()) error_ = path_.string() + ": cannot finish writing";
    file_ = nullptr;
    if (!error_.empty()) return Error{error_};
    return ok_status();
  }
  ~WavSink() {
    if (file_) sf_close(file_);
  }

 private:
  std::filesystem::path path_;
  SNDFILE* file_ = nullptr;
  std::string error_;
};

}  // namespace

bool PreflightReport::ceiling_held() const {
  return output.max_true_peak_dbtp <= ceiling_dbtp && (!second_listener || second_listener->ceiling_held());
}

int PreflightReport::problem_count() const {
  int fits = 0;
  for (const auto& fit : this->fits) fits += fit.is_warning() ? 1 : 0;
  return int(files.size()) + int(jumps.size()) + fits + int(render.problems.size()) + (ceiling_held() ? 0 : 1);
}

Result<PreflightReport> run_preflight(const session::LoadedPlan& loaded, const PreflightOptions& options) {
  const session::Plan& plan = loaded.plan;
  PreflightReport report;
  report.plan_file = plan.source;
  report.plan_name = plan.name;
  report.target_lufs = plan.target_lufs;
  report.ceiling_dbtp = plan.listeners.empty() ? plan.ceiling_dbtp : plan.listeners.front().ceiling_dbtp;
  check_files(plan, report);

  // Measure every track first, in parallel; the render then finds each one in the cache.
  std::unique_ptr<loudness::LoudnessCache> cache;
  if (auto opened = loudness::LoudnessCache::open(loudness::LoudnessCache::default_file(options.data_dir))) {
    cache = std::move(opened.value());
  }
  const auto files = control::plan_tracks(plan);
  auto measured = loudness::analyze_files(files, cache.get(), options.threads, [&](int done, int total) {
    if (options.on_progress) options.on_progress("measuring", done, total);
  });
  const loudness::GainPolicy policy{plan.target_lufs, plan.ceiling_dbtp};
  for (auto& result : measured) {
    const double gain = loudness::track_gain(result.loudness, policy).gain_db;
    report.tracks.push_back({result.file, std::move(result.loudness), gain});
  }
  check_measures(report);

  const bool couples = plan.listener_pairs() == 2;
  WavSink wav;
  if (!options.wav.empty()) {
    if (auto opened = wav.open(options.wav, kRenderRate, couples ? 4 : 2); !opened) return opened.error();
  }
  OutputMeter meter(kRenderRate);
  std::optional<OutputMeter> second_meter;  // a couples plan's channels 3-4
  if (couples) second_meter.emplace(kRenderRate);
  std::vector<float> pair;  // one listener's stereo, split out of a 4-channel block
  SessionRenderOptions render_options;
  render_options.sample_rate = kRenderRate;
  render_options.loudness_dir = options.data_dir;
  render_options.on_audio = [&](const float* interleaved, std::int64_t frames, int channels) {
    wav.write(interleaved, frames);
    if (channels == 2) {
      meter.add(interleaved, frames);
      return;
    }
    pair.resize(std::size_t(frames) * 2);
    for (int listener = 0; listener < 2; ++listener) {
      for (std::int64_t f = 0; f < frames; ++f) {
        pair[std::size_t(2 * f)] = interleaved[f * channels + 2 * listener];
        pair[std::size_t(2 * f + 1)] = interleaved[f * channels + 2 * listener + 1];
      }
      (listener == 0 ? meter : *second_meter).add(pair.data(), frames);
    }
  };
  render_options.on_progress = [&](double done, double total) {
    if (options.on_progress) options.on_progress("rendering", done, total);
  };
  auto render = render_session(loaded, render_options);
  if (!render) return render.error();
  report.render = std::move(render.value());
  if (!options.wav.empty()) {
    if (auto written = wav.close(); !written) return written.error();
  }
  auto output = meter.finish();
  if (!output) return output.error();
  report.output = std::move(output.value());
  if (second_meter) {
    auto second = second_meter->finish();
    if (!second) return second.error();
    const auto& listener = plan.listeners[1];
    report.second_listener = SecondListener{listener.name, listener.ceiling_dbtp, second->max_true_peak_dbtp};
  }

  // Each phase's music against its minutes, from the files' measured lengths.
  std::map<std::filesystem::path, double> seconds_of;
  for (const auto& track : report.tracks) {
    if (track.loudness) seconds_of[track.file] = track.loudness->seconds;
  }
  for (const auto& phase : plan.phases) {
    double seconds = 0.0;
    for (const auto& entry : phase_entries(phase)) {
      if (const auto found = seconds_of.find(entry.path); found != seconds_of.end()) seconds += found->second;
    }
    report.phase_names.push_back(phase.name);
    report.fits.push_back(prepare::fit_phase(phase, seconds));
  }
  find_jumps(report);
  return report;
}

}  // namespace holdspace::preflight
