// Plays a list of tracks through the engine, from the control thread: opens each track ahead of
// time, hands it to the decode worker, and queues it in the mixer so the join is gapless (or a
// crossfade) with the next track already buffered. Two tracks wait behind the current one, so
// even a track shorter than a poll interval is followed on time. A track that will not open or
// will not decode is skipped, reported once, and not tried again; the good ones still play. One
// that breaks off mid-stream plays what it has, fades into the next track, and is reported as
// skipped when it ends.
//
// A session switches lists at each phase change (switch_to): the new list crossfades in over
// the old one, and can start part-way in (resuming after a crash).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
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

// What happened to a track, for the session record.
struct TrackEvent {
  enum class Kind { Started, Ended, Skipped };
  Kind kind = Kind::Started;
  int list_tag = 0;  // which list it came from (a session uses the phase index)
  int entry = -1;
  int line = 0;
  std::filesystem::path path;
  std::string title;
  double offset_seconds = 0.0;    // where in the file it started
  double duration_seconds = 0.0;  // of the whole track, wherever it was started
  double played_seconds = 0.0;    // Ended, and Skipped after breaking off: how much really played
  double gain_db = 0.0;           // the track's own gain (loudness matching), from the gain source
  std::string reason;             // Skipped: why
};

class PlaylistPlayer {
 public:
  PlaylistPlayer(AudioEngine& engine, std::vector<playlist::PlaylistEntry> entries,
                 PlayerOptions options);

  // Starts at `first_entry`, `offset_seconds` into it. False when not one track can be opened.
  bool start(int first_entry = 0, double offset_seconds = 0.0);
  // Crossfades from whatever plays to a new list (an empty list fades to silence).
  void switch_to(std::vector<playlist::PlaylistEntry> entries, PlayerOptions options,
                 double crossfade_seconds, int first_entry, double offset_seconds, int list_tag);
  // Call often (every few tens of ms): reacts to the mixer's events and keeps the next tracks
  // queued.
  void poll();
  // For a caller that drains the mixer's events itself (to share them with an overlay): hand
  // over each event for a music slot, then call keep_queued().
  void handle(const MixerEvent& event);
  void keep_queued();
  void fade_out(double seconds);
  // The output is gone and the mixer has been told to drop everything (MixerCommand::Silence):
  // queue nothing more until switch_to or start. A track queued now would reach the mixer behind
  // the silence, find nothing playing, and start at once at full level when the device plays
  // again, under the fade-in the session brings the music back with.
  void hold();
  // Where each track's own gain comes from (loudness matching), on the control thread: asked as
  // the track is opened ahead of its turn, in dB, or nothing when it is not known yet. Then the
  // track is queued at `provisional_db` and asked again at every poll; the answer, when it
  // comes, is sent to the mixer (at once while the track waits, as a ramp once it sounds).
  // Without a source, tracks play as they are.
  using GainSource = std::function<std::optional<double>(const std::filesystem::path&)>;
  void set_gain_source(GainSource source, double provisional_db = 0.0) {
    gain_source_ = std::move(source);
    provisional_gain_db_ = provisional_db;
  }

  bool finished() const;  // the list has run out (or faded out) and the mixer is idle
  bool faded_out() const { return faded_out_; }
  // The output frame at which the last track ended: the true end of the audio.
  std::int64_t end_frame() const { return end_frame_; }
  NowPlaying now_playing() const;
  int tracks_started() const { return tracks_started_; }
  // Skipped tracks and decode failures since the last call, one line each.
  std::vector<std::string> take_messages();
  std::vector<TrackEvent> take_track_events();

 private:
  struct SlotUse {
    bool busy = false;
    bool started = false;
    std::uint64_t track_id = 0;
    int entry = -1;
    int line = 0;
    int list_tag = 0;
    std::filesystem::path path;
    std::string title;
    double offset_seconds = 0.0;  // where in the track it starts (a resume, a fade back in)
    std::int64_t frames = 0;       // from there to its end
    double gain_db = 0.0;
    bool gain_settled = true;  // false while the gain source has no answer yet
  };

  int load_next();  // opens the next playable entry into a free slot; -1 when none is now
  void begin_switched_list();
  void play_now(int slot, std::int64_t fade_frames);
  void queue_following();
  void free_slot_of(const MixerEvent& event);
  TrackEvent track_event(TrackEvent::Kind kind, const SlotUse& use) const;
  std::int64_t whole_track_frames(const SlotUse& use) const;
  static float track_gain(const SlotUse& use);  // linear, for the mixer
  void settle_gains();  // asks again for the gains not known yet
  void send(const MixerCommand& command);
  int free_slot() const;
  std::string title_of(int entry) const;
  void skip(int entry, const std::string& reason);

  AudioEngine& engine_;
  std::vector<playlist::PlaylistEntry> entries_;
  std::vector<bool> broken_;  // entries that failed to open or decode: never tried again
  PlayerOptions options_;
  GainSource gain_source_;
  double provisional_gain_db_ = 0.0;
  std::array<SlotUse, kMusicSlots> slots_{};
  std::deque<int> pending_slots_;          // queued in the mixer, in order
  std::deque<MixerCommand> unsent_;        // commands the full queue refused; sent next poll
  int next_entry_ = 0;
  double next_offset_seconds_ = 0.0;       // for the next track opened only
  int list_tag_ = 0;
  // A switch_to that found every slot busy: it starts as soon as one comes free.
  bool switch_waiting_ = false;
  double switch_crossfade_seconds_ = 0.0;
  int current_slot_ = -1;
  std::uint64_t next_track_id_ = 1;
  bool started_ = false;
  bool exhausted_ = false;  // nothing more will be queued
  bool faded_out_ = false;
  std::int64_t end_frame_ = 0;
  int tracks_started_ = 0;
  std::vector<std::string> messages_;
  std::vector<TrackEvent> track_events_;
};

}  // namespace holdspace::audio
