// Hearing a track while preparing a playlist: it plays quietly through an engine, fading in and
// out so it never starts with a jump. On the client's engine only while no session runs (it
// would be heard in the client's headphones); on the therapist's own output (preview_output.h)
// at any time.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "audio/audio_engine.h"
#include "audio/playlist_player.h"
#include "core/result.h"

namespace holdspace::control {

class TrackPreview {
 public:
  // Well under a session's level: the therapist listens on speakers or headphones at the desk.
  static constexpr double kLevelDb = -20.0;
  static constexpr double kFadeSeconds = 0.3;

  explicit TrackPreview(audio::AudioEngine& engine);

  // Starts `path` (a track already previewing fades out first).
  Status play(const std::filesystem::path& path);
  void stop();  // fades out over kFadeSeconds
  void poll();  // call often: handles the mixer's events for the preview's track
  bool playing() const;  // audible, or about to be
  // Nothing of the preview is left in the mixer: a session may take the engine over.
  bool idle() const;
  const std::filesystem::path& path() const { return path_; }
  audio::NowPlaying now_playing() const;

 private:
  audio::AudioEngine& engine_;
  std::unique_ptr<audio::PlaylistPlayer> player_;
  std::filesystem::path path_;
  bool stopping_ = false;
};

}  // namespace holdspace::control
