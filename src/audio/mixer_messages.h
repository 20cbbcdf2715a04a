// The plain-data messages that cross into and out of the audio callback.
// Trivially copyable on purpose: they travel through fixed SPSC queues, never through the heap.
#pragma once

#include <cstdint>

namespace holdspace::audio {

// Music: current, two queued behind it (so even a very short track is followed gaplessly), and
// room for tracks still fading out: phase changes come at most every 2 s and crossfade over
// ~8 s, so a few may overlap. One more for an overlay (the bell) that sounds over the music.
inline constexpr int kMusicSlots = 6;
inline constexpr int kOverlaySlot = kMusicSlots;
inline constexpr int kSlotCount = kMusicSlots + 1;
inline constexpr int kMaxPending = 2;

struct MixerCommand {
  enum class Type : std::uint8_t {
    Start,        // play `slot` now, fading in over `frames` (0 = from its first sample as is);
                  // whatever played fades out over the same frames (a crossfade, as at a phase
                  // change); pending tracks are dropped
    Queue,        // play `slot` after the tracks already queued: crossfade over `frames`,
                  // 0 = gapless. At most kMaxPending wait; more are Rejected.
    FadeOut,      // fade everything out over `frames`, then go idle and report FadedOut.
                  // frames = 0 is "stop now": still a ramp, of Mixer::kStopFadeSeconds (~50 ms),
                  // never a cut. Other lengths are honoured down to ~10 ms.
    SetGain,      // ramp the master gain to `gain` (linear) over `frames` (at least ~10 ms)
    Overlay,      // play `slot` over the music, once, at its own level; then TrackEnded
    ClearQueue,   // drop the queued tracks (each handed back as TrackEnded); playing goes on
    SetCeiling,   // the limiter's true-peak ceiling to `gain` (linear: 0.891 = -1 dBTP), moving
                  // over `frames` (at least ~10 ms) so the gain follows it without a click.
                  // `slot` 1 is the second listener's pair (channels 3-4); any other, the first.
    SetTrackGain, // the own gain of track `track_id` in `slot` to `gain`: at once while it waits
                  // in the queue, over `frames` (at least ~10 ms) once it sounds. For a
                  // loudness measurement that arrives after the track was queued.
    Silence,      // everything stops at once, with no ramp, and the limiter's delay is emptied
                  // (TrackEnded for each deck, then FadedOut). Only for a device that was lost:
                  // its output already broke off, so no one hears a cut, and should it play
                  // again it starts from silence rather than from the music it last had.
    SetPairGain,  // the own gain of one listener's pair (`slot` 1: channels 3-4; any other: 1-2)
                  // to `gain` (linear, at most 1), after the master gain, so the talk duck and
                  // fades reach both pairs. At once while nothing sounds, else over `frames`
                  // (at least ~10 ms).
  };
  Type type = Type::Start;
  int slot = -1;
  std::uint64_t track_id = 0;
  std::int64_t frames = 0;
  // SetGain: the master gain. SetCeiling: the ceiling. SetPairGain: the pair's gain. Start, Queue, Overlay: the track's own
  // gain (linear, e.g. from loudness normalisation), applied to that deck alone, so a
  // crossfade between tracks of different gains is right; 1 leaves the track as it is.
  float gain = 1.0f;

  // Stop now: everything fades out over the mixer's stop ramp (~50 ms), then FadedOut.
  static MixerCommand stop_now() {
    MixerCommand command;
    command.type = Type::FadeOut;
    command.frames = 0;
    return command;
  }
};

struct MixerEvent {
  enum class Type : std::uint8_t {
    TrackStarted,  // `slot`/`track_id` became the current track at output frame `at_frame`
    TrackEnded,    // the deck is idle and its slot may be reused; `frames` = frames it played
    FadedOut,      // a FadeOut finished: everything is silent
    Rejected,      // a Start or Queue for `slot` could not be carried out; the slot is free
    SlotBusy,      // a Start or Queue named a slot still playing another track: a control-side
                   // bug. Nothing changed, and the slot is NOT free.
  };
  Type type = Type::TrackStarted;
  int slot = -1;
  std::uint64_t track_id = 0;
  // The mixer's clock (frames mixed so far) when it happened. The limiter delays the output by
  // Mixer::latency_frames(), so the frame is heard that much later: at output frame
  // at_frame + latency_frames().
  std::int64_t at_frame = 0;
  std::int64_t frames = 0;
};

}  // namespace holdspace::audio
