// The client's headphones during a session: one playlist per phase, crossfaded at each phase
// change, the phase's level reached by a ramp, the talk duck, fade-outs, and the plan's bell
// sounding over the music at chosen phase starts.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "audio/audio_engine.h"
#include "audio/playlist_player.h"
#include "session/plan.h"

namespace holdspace::control {

class SessionMusic {
 public:
  explicit SessionMusic(audio::AudioEngine& engine);

  // Crossfades to `phase`'s playlist, starting at `entry`, `offset_seconds` into it.
  void play_phase(const session::PhasePlan& phase, int phase_index, double crossfade_seconds,
                  int entry = 0, double offset_seconds = 0.0);
  void ring_bell(const std::filesystem::path& bell);
  void fade_out(double seconds);
  // The output is lost (the mixer silenced): no music is queued until play_phase brings it back.
  void hold() { player_.hold(); }
  // The limiter's true-peak ceiling for the client's ears (the plan's ceiling_dbtp); `pair` 1 is
  // the second listener's headphones (channels 3-4) in a couples session.
  void set_ceiling_dbtp(double dbtp, int pair = 0);
  // One listener's own level relative to the session level (<= 0 dB), after the talk duck and
  // fades, which reach both listeners alike.
  void set_listener_db(int pair, double db, double ramp_seconds);
  // The total level: phase volume, the plan's ceiling and the talk duck, reached over a ramp.
  void set_level_db(double db, double ramp_seconds);

  // Where each track's own gain (loudness matching) comes from; see PlaylistPlayer.
  void set_gain_source(audio::PlaylistPlayer::GainSource source, double provisional_db) {
    player_.set_gain_source(std::move(source), provisional_db);
  }

  void poll();
  audio::NowPlaying now_playing() const { return player_.now_playing(); }
  std::vector<audio::TrackEvent> take_track_events() { return player_.take_track_events(); }
  std::vector<std::string> take_messages();

 private:
  audio::AudioEngine& engine_;
  audio::PlaylistPlayer player_;
  std::uint64_t bell_track_id_ = 0;
  bool bell_busy_ = false;
  std::vector<std::string> messages_;
};

}  // namespace holdspace::control
