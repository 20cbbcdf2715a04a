// Where the music of a phase should be now: which track, how far in. Used when a session
// resumes after a crash and when a phase change is undone, so the client hears what the
// timeline implies rather than the playlist starting over.
#pragma once

#include <vector>

#include "journal/event.h"
#include "session/plan.h"
#include "session/timeline.h"

namespace holdspace::control {

struct MusicPosition {
  bool silent = false;  // the playlist has run out (at_playlist_end = silence) or is empty
  int entry = 0;
  double offset_seconds = 0.0;
};

// Walks forward from the last track the record shows starting in this phase (or from the
// phase's start) through the playlist's real durations, looping if the phase loops.
MusicPosition music_position(const session::PhasePlan& phase, int phase_index,
                             const std::vector<journal::Event>& record, session::Nanos phase_started,
                             session::Nanos now);

}  // namespace holdspace::control
