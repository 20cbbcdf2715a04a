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

std::optional<double> TrackLevels::gain_for(const std::filesystem::path& file) {
  using State = loudness::BackgroundAnalysis::State;
  auto found = analysis_->lookup(file);
  if (found.state == State::Unknown) analysis_->request({file});  // not in the plan's playlists at Start
  if (std::exchange(first_track_, false) && found.state != State::Ready && found.state != State::Failed) {
    analysis_->wait_for(file, kWaitForFirstTrack);
    found = analysis_->lookup(file);
  }
  if (found.state == State::Ready) return loudness::normalization_gain(found.loudness, policy_).gain_db;
  if (found.state != State::Failed) return std::nullopt;
  if (std::find(reported_.begin(), reported_.end(), file) == reported_.end()) {
    reported_.push_back(file);
    char safe[64];
    std::snprintf(safe, sizeof safe, "; it plays at a safe %.0f dB", loudness::kUnanalysedGainDb);
    problems_.push_back("loudness: " + found.error + safe);
  }
  return loudness::kUnanalysedGainDb;
}

std::vector<std::string> TrackLevels::take_problems() { return std::exchange(problems_, {}); }

}  // namespace holdspace::control
