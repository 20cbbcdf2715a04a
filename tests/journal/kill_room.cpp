#include "kill_room.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "support/test_audio.h"

namespace holdspace::test::kill_room {
namespace {

struct Track {
  const char* name;
  double seconds;
  double hz;
};
constexpr Track kTracks[] = {
    {"t0.wav", 1.30, 220.0}, {"t1.wav", 2.10, 330.0}, {"t2.wav", 1.70, 440.0},
    {"t3.wav", 2.60, 550.0}, {"t4.wav", 1.10, 660.0},
};

struct PhaseSpec {
  const char* name;
  const char* minutes;
  const char* time_up;
  const char* playlist_end;
  double track_crossfade;
  std::vector<int> tracks;
};

// Arrival loops three tracks with short crossfades; Settling plays two gapless and runs out, so
// part of it is silent; Journey loops five with longer crossfades; Return holds until the
// script ends the session.
const std::vector<PhaseSpec>& specs() {
  static const std::vector<PhaseSpec> phases{
      {"Arrival", "0.1", "advance", "loop", 0.4, {0, 1, 2}},
      {"Settling", "0.1", "advance", "silence", 0.0, {3, 4}},
      {"Journey", "0.15", "advance", "loop", 0.5, {1, 3, 0, 4, 2}},
      {"Return", "0.05", "hold", "loop", 0.3, {2, 0}},
  };
  return phases;
}

double track_seconds(int track) { return std::round(kTracks[track].seconds * kRate) / kRate; }

}  // namespace

double RoomPhase::step(int entry) const {
  const double length = durations[std::size_t(entry)];
  const int next = entry + 1 < int(durations.size()) ? entry + 1 : 0;
  if (next == 0 && !loops) return length;
  // The crossfade is kept to half of either track.
  const double crossfade = std::min({track_crossfade, length / 2, durations[std::size_t(next)] / 2});
  return std::max(length - crossfade, 0.001);
}

std::filesystem::path write_room(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  for (int t = 0; t < int(std::size(kTracks)); ++t) {
    const auto frames = std::int64_t(std::llround(track_seconds(t) * kRate));
    write_audio(folder / kTracks[t].name, SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 2, frames,
                sine(kTracks[t].hz, kRate, 0.25f));
  }
  const auto plan_file = folder / "kill-test.toml";
  std::ofstream plan(plan_file);
  plan << "name = \"Kill test: four short phases\"\nfade_out_seconds = 1\n";
  for (const PhaseSpec& phase : specs()) {
    const std::string list = std::string(phase.name) + ".m3u8";
    std::ofstream playlist(folder / list);
    playlist << "#EXTM3U\n";
    for (const int t : phase.tracks) playlist << kTracks[t].name << "\n";
    plan << "\n[[phase]]\nname = \"" << phase.name << "\"\nminutes = " << phase.minutes << "\nplaylist = \"" << list
         << "\"\nat_time_up = \"" << phase.time_up << "\"\nat_playlist_end = \"" << phase.playlist_end
         << "\"\nfade_in_seconds = 0.5\ncrossfade_seconds = 1\ntrack_crossfade_seconds = " << phase.track_crossfade
         << "\n";
  }
  plan << "\n[[reminder]]\ntext = \"a moment after the dose\"\nmarker = \"dose\"\nafter_minutes = 0.02\n"
          "\n[[reminder]]\ntext = \"halfway through Journey\"\nphase = \"Journey\"\nafter_minutes = 0.05\n";
  return plan_file;
}

const std::vector<RoomPhase>& room_phases() {
  static const std::vector<RoomPhase> phases = [] {
    std::vector<RoomPhase> made;
    for (const PhaseSpec& spec : specs()) {
      RoomPhase phase;
      for (const int t : spec.tracks) phase.durations.push_back(track_seconds(t));
      phase.track_crossfade = spec.track_crossfade;
      phase.loops = std::string(spec.playlist_end) == "loop";
      made.push_back(phase);
    }
    return made;
  }();
  return phases;
}

Spot walk(const RoomPhase& phase, int entry, double offset, double seconds) {
  const int last = int(phase.durations.size()) - 1;
  double left = offset + seconds;
  for (int laps = 0; laps < 100000; ++laps) {
    if (left < phase.step(entry)) return {false, entry, std::max(0.0, left)};
    left -= phase.step(entry);
    if (++entry > last) {
      if (!phase.loops) return {true, 0, 0.0};
      entry = 0;
    }
  }
  return {true, 0, 0.0};
}

namespace {

// From (from_entry, from_offset) forward to (to_entry, to_offset) in another entry.
double forward_distance(const RoomPhase& phase, int from_entry, double from_offset, int to_entry, double to_offset) {
  constexpr double kUnreachable = 1e9;
  const int count = int(phase.durations.size());
  double distance = phase.step(from_entry) - from_offset;
  for (int entry = from_entry + 1, hops = 0; hops < count; ++entry, ++hops) {
    if (entry == count) {
      if (!phase.loops) return kUnreachable;
      entry = 0;
    }
    if (entry == to_entry) return distance + to_offset;
    distance += phase.step(entry);
  }
  return kUnreachable;
}

}  // namespace

double spot_distance(const RoomPhase& phase, const Spot& a, const Spot& b) {
  if (a.entry == b.entry) return std::abs(a.offset - b.offset);
  return std::min(forward_distance(phase, a.entry, a.offset, b.entry, b.offset),
                  forward_distance(phase, b.entry, b.offset, a.entry, a.offset));
}

}  // namespace holdspace::test::kill_room
