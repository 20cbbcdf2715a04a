// holdspace-cli preflight: a session checked before the client arrives. Every file is opened and
// measured, each phase's music is set against its planned minutes, and the whole session is
// rendered offline through the real engine (see session_render.h) and measured as the client
// would hear it: loudness over time, the highest true peak against the ceiling, the loudest and
// quietest minute, and any jump of more than 6 LU from one track to the next.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "loudness/loudness.h"
#include "prepare/phase_fit.h"
#include "preflight/output_meter.h"
#include "preflight/session_render.h"
#include "session/plan.h"

namespace holdspace::preflight {

// Neighbouring tracks this far apart in loudness, after their gains, are a jolt to the client.
inline constexpr double kJumpLimitLu = 6.0;

struct FileFinding {
  std::string phase;
  std::filesystem::path playlist;
  int line = 0;  // in the playlist; 0 for the playlist as a whole
  std::filesystem::path file;
  std::string problem;  // one line
  bool blocking = false;  // the file cannot play (missing, unreadable, not audio)
};

struct TrackMeasure {
  std::filesystem::path file;
  Result<loudness::Loudness> loudness = Error{"not measured"};
  double gain_db = 0.0;
};

struct LoudnessJump {
  RenderedTrack from;
  RenderedTrack to;
  double from_lufs = 0.0;  // as played, after its gain
  double to_lufs = 0.0;
};

// A couples session's second listener, on channels 3-4. Its music is the first listener's mix
// at its own level, so only its true peak is reported, against its own ceiling.
struct SecondListener {
  std::string name;
  double ceiling_dbtp = 0.0;
  double max_true_peak_dbtp = -200.0;
  bool ceiling_held() const { return max_true_peak_dbtp <= ceiling_dbtp; }
};

struct PreflightReport {
  std::filesystem::path plan_file;
  std::string plan_name;
  double target_lufs = 0.0;
  double ceiling_dbtp = 0.0;  // the first listener's: the plan's unless its [[listener]] sets one
  std::vector<FileFinding> files;
  std::vector<TrackMeasure> tracks;  // every distinct file, in plan order
  std::vector<std::string> phase_names;  // the plan's, in order
  std::vector<prepare::PhaseFit> fits;  // one per phase
  SessionRender render;
  OutputLoudness output;  // the first listener's, channels 1-2
  std::optional<SecondListener> second_listener;
  std::vector<LoudnessJump> jumps;
  bool ceiling_held() const;  // every listener's
  int problem_count() const;  // files, jumps, a passed ceiling
};

struct PreflightOptions {
  std::filesystem::path data_dir;  // the loudness cache
  std::filesystem::path wav;       // empty: no WAV written; 4 channels for a couples plan
  int threads = 0;                 // for measuring; 0 = one per core
  // (what is being done, done, total): "measuring" in files, "rendering" in seconds.
  std::function<void(const std::string&, double, double)> on_progress;
};

Result<PreflightReport> run_preflight(const session::LoadedPlan& plan, const PreflightOptions& options);

}  // namespace holdspace::preflight
