#include "control/music_position.h"

#include <algorithm>

#include "audio/audio_file.h"
#include "playlist/playlist.h"

namespace holdspace::control {

MusicPosition music_position(const session::PhasePlan& phase, int phase_index,
                             const std::vector<journal::Event>& record, session::Nanos phase_started,
                             session::Nanos now) {
  MusicPosition position;
  if (phase.playlist.empty()) return {true, 0, 0.0};
  auto playlist = playlist::read_playlist(phase.playlist);
  if (!playlist || playlist->entries.empty()) return {true, 0, 0.0};

  // The last track the record shows starting in this phase, since the phase began.
  double seconds = double(now - phase_started) / 1e9;
  for (auto it = record.rbegin(); it != record.rend(); ++it) {
    if (it->session_ns < phase_started) break;
    if (it->type != journal::EventType::TrackStarted || it->payload.value("phase", -1) != phase_index) continue;
    position.entry = it->payload.value("entry", 0);
    seconds = it->payload.value("offset_seconds", 0.0) + double(now - it->session_ns) / 1e9;
    break;
  }

  const auto& entries = playlist->entries;
  std::vector<double> durations;
  for (const auto& entry : entries) {
    auto info = audio::probe_audio_file(entry.path);
    durations.push_back(info ? info->seconds() : 0.0);
  }
  const bool loops = phase.at_playlist_end == session::PlaylistEnd::Loop;
  double total = 0.0;
  for (double d : durations) total += d;
  if (total <= 0.0) return {true, 0, 0.0};

  int entry = std::clamp(position.entry, 0, int(entries.size()) - 1);
  const int last = int(entries.size()) - 1;
  for (int guard = 0; guard < 1'000'000; ++guard) {
    const double length = durations[std::size_t(entry)];
    if (length > 0) {
      // A following track starts one crossfade before this one ends.
      const bool followed = entry < last || loops;
      const double step = followed ? std::max(length - phase.track_crossfade_seconds, 0.001) : length;
      if (seconds < step) return {false, entry, std::max(0.0, seconds)};
      seconds -= step;
    }
    if (++entry > last) {
      if (!loops) return {true, 0, 0.0};
      entry = 0;
    }
  }
  return {true, 0, 0.0};
}

}  // namespace holdspace::control
