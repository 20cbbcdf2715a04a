#include "control/track_preview.h"

#include "audio/audio_file.h"
#include "audio/gain_ramps.h"
#include "playlist/playlist_check.h"

namespace holdspace::control {

TrackPreview::TrackPreview(audio::AudioEngine& engine) : engine_(engine) {}

Status TrackPreview::play(const std::filesystem::path& path) {
  // Checked first, so the therapist reads why in plain words, and what played goes on playing.
  if (auto problem = playlist::file_access_problem(path); !problem.empty()) return Error{problem};
  if (auto info = audio::probe_audio_file(path); !info) return info.error();
  audio::MixerCommand level;
  level.type = audio::MixerCommand::Type::SetGain;
  level.gain = audio::decibels_to_gain(kLevelDb);
  level.frames = engine_.seconds_to_frames(0.05);
  engine_.mixer().send(level);

  playlist::PlaylistEntry entry;
  entry.location = path.string();
  entry.path = path;
  entry.title = path.stem().string();
  audio::PlayerOptions options;
  options.fade_in_seconds = kFadeSeconds;
  if (!player_) player_ = std::make_unique<audio::PlaylistPlayer>(engine_, std::vector<playlist::PlaylistEntry>{}, options);
  // A switch crossfades from the track previewing now, so going down the list never clicks.
  player_->switch_to({entry}, options, kFadeSeconds, 0, 0.0, 0);
  player_->poll();
  if (auto problems = player_->take_messages(); !problems.empty()) return Error{problems.front()};
  path_ = path;
  stopping_ = false;
  return ok_status();
}

void TrackPreview::stop() {
  if (!player_ || stopping_) return;
  player_->fade_out(kFadeSeconds);
  stopping_ = true;
}

void TrackPreview::poll() {
  if (!player_) return;
  player_->poll();
  (void)player_->take_track_events();  // a preview is not part of any session's record
  (void)player_->take_messages();
}

bool TrackPreview::playing() const { return player_ && !stopping_ && !player_->finished(); }

bool TrackPreview::idle() const { return !player_ || player_->finished(); }

audio::NowPlaying TrackPreview::now_playing() const { return player_ ? player_->now_playing() : audio::NowPlaying{}; }

}  // namespace holdspace::control
