// The gain each track of a session plays at: its loudness, measured in the background from the
// moment the session begins (or already in the cache that `analyze`, preflight or the Prepare
// view filled), matched to the plan's target loudness under its true-peak ceiling. Only the
// session's very first track is waited for (briefly, at Start); any other track not measured
// yet is queued at a safe −6 dB and given its gain as soon as the measurement lands (see
// PlaylistPlayer::GainSource). A track that cannot be measured stays at −6 dB, and the
// therapist is told why.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loudness/analyzer.h"
#include "loudness/loudness_cache.h"
#include "loudness/track_gain.h"
#include "session/plan.h"

namespace holdspace::control {

class TrackLevels {
 public:
  // How long Start may wait for the first track's measurement: a few seconds at Start is
  // acceptable, a stall mid-session is not, so no other track is ever waited for.
  static constexpr auto kWaitForFirstTrack = std::chrono::milliseconds(4000);

  // Starts measuring every track of every phase of `plan`, first phase first. The cache lives in
  // data_dir; if it cannot be opened, tracks are measured anyway, just not remembered.
  TrackLevels(const std::filesystem::path& data_dir, const session::Plan& plan);

  // Control thread. The gain for `file` in dB as the policy gives it, kUnanalysedGainDb if it
  // cannot be measured, or nothing while its measurement is still to come.
  std::optional<double> gain_for(const std::filesystem::path& file);
  // One line per track that plays at the safe gain, since the last call.
  std::vector<std::string> take_problems();
  const loudness::GainPolicy& policy() const { return policy_; }

 private:
  loudness::GainPolicy policy_;
  std::unique_ptr<loudness::LoudnessCache> cache_;
  std::unique_ptr<loudness::BackgroundAnalysis> analysis_;
  std::vector<std::string> problems_;
  std::vector<std::filesystem::path> reported_;  // files whose failure was told once already
  bool first_track_ = true;
};

// Every playlist entry of every phase, first phase first, each file once.
std::vector<std::filesystem::path> plan_tracks(const session::Plan& plan);

}  // namespace holdspace::control
