// The session kill test's room: a plan of four short phases over short generated tracks, so a
// kill at a random moment lands in every kind of state (between phases, mid-track, in a
// crossfade, in a playlist run out), and the test's own model of where the music should be:
// tracks follow each other one track-crossfade (at most half of either track) before the end,
// looping or falling silent.
#pragma once

#include <filesystem>
#include <vector>

namespace holdspace::test::kill_room {

struct RoomPhase {
  std::vector<double> durations;  // each entry's length in seconds, in playlist order
  double track_crossfade = 0.0;
  bool loops = true;
  // How long entry `e` plays before the next one starts.
  double step(int entry) const;
};

struct Spot {
  bool silent = false;  // the playlist ran out
  int entry = 0;
  double offset = 0.0;
};

// Writes the tracks, the playlists and the plan into `folder`; returns the plan file.
std::filesystem::path write_room(const std::filesystem::path& folder);
// The room's phases as the test knows them (not read back from the plan).
const std::vector<RoomPhase>& room_phases();

// Where the music is `seconds` after entry `entry` was at offset `offset`.
Spot walk(const RoomPhase& phase, int entry, double offset, double seconds);
// How far apart two spots in the same playlist are, in seconds of music: the offsets' difference
// in one entry, else the way from one to the other across entry boundaries (either direction,
// at most one lap); a large number if they are far apart.
double spot_distance(const RoomPhase& phase, const Spot& a, const Spot& b);

}  // namespace holdspace::test::kill_room
