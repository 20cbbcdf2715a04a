// Plays a list of tracks through the engine, from the control thread: opens each track ahead of
// time, hands it to the decode worker, and queues it in the mixer so the join is gapless (or a
// crossfade) with the next track already buffered. Two tracks wait behind the current one, so
// even a track shorter than a poll interval is followed on time. A track that will not open or
// will not decode is skipped, reported once, and not tried again; the good ones still play.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <vector>

#include "audio/audio_engine.h"
#include "playlist/playlist.h"

namespace holdspace::audio {

struct PlayerOptions {
  double crossfade_seconds = 0.0;  // between consecutive tracks; 0 = gapless
  double fade_in_seconds = 0.0;    // at the very start
  bool loop = false;               // start again from the top when the list runs out
};

struct NowPlaying {
  int index = -1;  // into the entries; -1 when nothing plays
  int count = 0;
  std::string title;
  double position_seconds = 0.0;
  double duration_seconds = 0.0;
};

class PlaylistPlayer {
 public:
  PlaylistPlayer(AudioEngine& engine, std::vector<playlist::PlaylistEntry> entries,
                 PlayerOptions options);

  // Starts the first playable track. False when not one track in the list can be opened.
  bool start();
  // Call often (every few tens of ms): reacts to the mixer's events and keeps the next tracks
  // queued.
  void poll();
  void fade_out(double seconds);

  bool finished() const;  // the list has run out (or faded out) and the mixer is idle
  bool faded_out() const { return faded_out_; }
  // The output frame at which the last track ended: the true end of the audio.
  std::int64_t end_frame() const { return end_frame_; }
  NowPlaying now_playing() const;
  int tracks_started() const { return tracks_started_; }
  // Skipped tracks and decode failures since the last call, one line each.
  std::vector<std::string> take_messages();

 private:
  struct SlotUse {
    bool busy = false;
    bool started = false;
    std::uint64_t track_id = 0;
    int entry = -1;
    std::int64_t frames = 0;
  };

  int load_next();  // opens the next playable entry into a free slot; -1 when none is now
  void queue_following();
  void free_slot_of(const MixerEvent& event);
  void send(const MixerCommand& command);
  int free_slot() const;
  std::string title_of(int entry) const;

  AudioEngine& engine_;
  std::vector<playlist::PlaylistEntry> entries_;
  std::vector<bool> broken_;  // entries that failed to open or decode: never tried again
  PlayerOptions options_;
  std::array<SlotUse, kSlotCount> slots_{};
  std::deque<int> pending_slots_;          // queued in the mixer, in order
  std::deque<MixerCommand> unsent_;        // commands the full queue refused; sent next poll
  int next_entry_ = 0;
  int current_slot_ = -1;
  std::uint64_t next_track_id_ = 1;
  bool started_ = false;
  bool exhausted_ = false;  // nothing more will be queued
  bool faded_out_ = false;
  std::int64_t end_frame_ = 0;
  int tracks_started_ = 0;
  std::vector<std::string> messages_;
};

}  // namespace holdspace::audio
