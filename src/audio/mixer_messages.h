// The plain-data messages that cross into and out of the audio callback.
// Trivially copyable on purpose: they travel through fixed SPSC queues, never through the heap.
#pragma once

#include <cstdint>

namespace holdspace::audio {

inline constexpr int kSlotCount = 4;  // current, queued next, one fading out, one spare

struct MixerCommand {
  enum class Type : std::uint8_t {
    Start,        // play `slot` now, fading in over `frames` (0 = at full level at once)
    Queue,        // play `slot` after the current track: crossfade over `frames`, 0 = gapless
    CrossfadeTo,  // crossfade from whatever plays now to `slot`, starting now, over `frames`
    FadeOut,      // fade everything out over `frames`, then go idle and report FadedOut
    SetGain,      // ramp the master gain to `gain` (linear) over `frames`
  };
  Type type = Type::Start;
  int slot = -1;
  std::uint64_t track_id = 0;
  std::int64_t frames = 0;
  float gain = 1.0f;
};

struct MixerEvent {
  enum class Type : std::uint8_t {
    TrackStarted,  // `slot`/`track_id` became the current track at output frame `at_frame`
    TrackEnded,    // the deck is idle and its slot may be reused; `frames` = frames it played
    FadedOut,      // a FadeOut finished: everything is silent
  };
  Type type = Type::TrackStarted;
  int slot = -1;
  std::uint64_t track_id = 0;
  std::int64_t at_frame = 0;  // the mixer's output clock when it happened
  std::int64_t frames = 0;
};

}  // namespace holdspace::audio
