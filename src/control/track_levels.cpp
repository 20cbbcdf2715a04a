#include "control/track_levels.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "playlist/playlist.h"

namespace holdspace::control {

std::vector<std::filesystem::path> plan_tracks(const session::Plan& plan) {
  std::vector<std::filesystem::path> tracks;
  for (const auto& phase : plan.phases) {
    if (phase.playlist.empty()) continue;
    auto list = playlist::read_playlist(phase.playlist);
    if (!list) continue;  // the session reports an unreadable playlist when the phase starts
    for (const auto& entry : list->entries) {
      if (std::find(tracks.begin(), tracks.end(), entry.path) == tracks.end()) tracks.push_back(entry.path);
    }
  }
  return tracks;
}

TrackLevels::TrackLevels(const std::filesystem::path& data_dir, const session::Plan& plan) {
  policy_.target_lufs = plan.target_lufs;
  policy_.ceiling_dbtp = plan.ceiling_dbtp;
  if (auto cache = loudness::LoudnessCache::open(loudness::LoudnessCache::default_file(data_dir))) {
    cache_ = std::move(cache.value());
  } else {
    problems_.push_back("loudness cache: " + cache.error().message + "; tracks are measured but not remembered");
  }
  // One thread: the other core belongs to the audio callback and decoding.
  analysis_ = std::make_unique<loudness::BackgroundAnalysis>(cache_.get(), 1);
  analysis_->request(plan_tracks(plan));
}

loudness::TrackGain TrackLevels::gain_for(const std::filesystem::path& file) {
  auto found = analysis_->lookup(file);
  if (found.state == loudness::BackgroundAnalysis::State::Unknown) {
    analysis_->request({file});  // a track outside the plan's playlists as they were at Start
  }
  if (found.state != loudness::BackgroundAnalysis::State::Ready &&
      found.state != loudness::BackgroundAnalysis::State::Failed) {
    analysis_->wait_for(file, kWaitForMeasurement);
    found = analysis_->lookup(file);
  }
  if (found.state == loudness::BackgroundAnalysis::State::Ready) {
    return loudness::normalization_gain(found.loudness, policy_);
  }
  const std::string why = found.state == loudness::BackgroundAnalysis::State::Failed
                              ? found.error
                              : file.filename().string() + ": not measured in time";
  char safe[64];
  std::snprintf(safe, sizeof safe, "; it plays at a safe %.0f dB", loudness::kUnanalysedGainDb);
  problems_.push_back("loudness: " + why + safe);
  loudness::TrackGain gain;
  gain.gain_db = loudness::kUnanalysedGainDb;
  gain.unanalysed = true;
  return gain;
}

std::vector<std::string> TrackLevels::take_problems() { return std::exchange(problems_, {}); }

}  // namespace holdspace::control
