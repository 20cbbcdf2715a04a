// How long one track of a playlist crossfades into the next: the plan's track crossfade, but
// never more than half of either track, or a short track would vanish under its neighbours.
// The player queues tracks by it (in frames), and a resume counts the timeline by it (in
// seconds): the two must agree, or a resumed session lands somewhere the music never was.
#pragma once

#include <algorithm>

namespace holdspace::audio {

// `this_track` and `next_track` are whole tracks, also when one was started part-way.
template <typename Length>
Length track_crossfade(Length wanted, Length this_track, Length next_track) {
  return std::min({wanted, this_track / 2, next_track / 2});
}

}  // namespace holdspace::audio
