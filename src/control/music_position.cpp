#include "control/music_position.h"

#include <algorithm>

#include "audio/audio_file.h"
#include "audio/track_crossfade.h"
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

  const int last = int(entries.size()) - 1;
  // The entry that plays after `entry`, skipping the ones that cannot be read; -1 at the end.
  const auto following = [&](int entry) {
    for (int hops = 0; hops <= last; ++hops) {
      if (++entry > last) {
        if (!loops) return -1;
        entry = 0;
      }
      if (durations[std::size_t(entry)] > 0) return entry;
    }
    return -1;
  };
  int entry = std::clamp(position.entry, 0, last);
  for (int guard = 0; guard < 1'000'000; ++guard) {
    const double length = durations[std::size_t(entry)];
    const int next = following(entry);
    if (length > 0) {
      // The next track starts one crossfade before this one ends, as the player queues it.
      double step = length;
      if (next >= 0) {
        const double crossfade =
            audio::track_crossfade(phase.track_crossfade_seconds, length, durations[std::size_t(next)]);
        step = std::max(length - crossfade, 0.001);
      }
      if (seconds < step) return {false, entry, std::max(0.0, seconds)};
      seconds -= step;
    }
    if (next < 0) return {true, 0, 0.0};
    entry = next;
  }
  return {true, 0, 0.0};
}

}  // namespace holdspace::control
