#include "audio/playlist_player.h"

#include <algorithm>
#include <utility>

#include "audio/gain_ramps.h"
#include "audio/track_crossfade.h"

namespace holdspace::audio {
namespace {
// Before a track may start at once, this much is decoded on the control thread.
constexpr double kPrefillSeconds = 0.5;
}  // namespace

PlaylistPlayer::PlaylistPlayer(AudioEngine& engine, std::vector<playlist::PlaylistEntry> entries,
                               PlayerOptions options)
    : engine_(engine),
      entries_(std::move(entries)),
      broken_(entries_.size(), false),
      options_(options) {}

bool PlaylistPlayer::start(int first_entry, double offset_seconds) {
  next_entry_ = std::clamp(first_entry, 0, std::max(0, int(entries_.size()) - 1));
  next_offset_seconds_ = offset_seconds;
  const int slot = load_next();
  if (slot < 0) return false;
  started_ = true;
  play_now(slot, engine_.seconds_to_frames(options_.fade_in_seconds));
  return true;
}

// `slot` becomes the current track now, fading in over `fade_frames` while whatever played
// fades out over the same frames; the tracks after it are queued behind.
void PlaylistPlayer::play_now(int slot, std::int64_t fade_frames) {
  current_slot_ = slot;
  MixerCommand command;
  command.type = MixerCommand::Type::Start;
  command.slot = slot;
  command.track_id = slots_[slot].track_id;
  command.frames = fade_frames;
  command.gain = track_gain(slots_[slot]);
  send(command);
  queue_following();
}

void PlaylistPlayer::switch_to(std::vector<playlist::PlaylistEntry> entries, PlayerOptions options,
                               double crossfade_seconds, int first_entry, double offset_seconds,
                               int list_tag) {
  entries_ = std::move(entries);
  broken_.assign(entries_.size(), false);
  options_ = options;
  list_tag_ = list_tag;
  next_entry_ = std::clamp(first_entry, 0, std::max(0, int(entries_.size()) - 1));
  next_offset_seconds_ = offset_seconds;
  exhausted_ = false;
  faded_out_ = false;
  started_ = true;
  // The old list's queued tracks are dropped by the mixer (their slots come back as TrackEnded);
  // from here on only the new list's tracks count as queued.
  pending_slots_.clear();
  MixerCommand clear;
  clear.type = MixerCommand::Type::ClearQueue;
  send(clear);
  switch_crossfade_seconds_ = crossfade_seconds;
  switch_waiting_ = true;
  begin_switched_list();
}

// Starts the list switch_to installed, if a slot is free; else keep_queued() tries again once
// the mixer has handed back the old list's queued slots.
void PlaylistPlayer::begin_switched_list() {
  if (entries_.empty()) {
    switch_waiting_ = false;
    fade_out(switch_crossfade_seconds_);  // a silent phase: fade the old music away
    return;
  }
  if (free_slot() < 0) return;
  const int slot = load_next();
  if (slot < 0) {
    if (exhausted_) {  // not one track of the new list opens
      switch_waiting_ = false;
      fade_out(switch_crossfade_seconds_);
    }
    return;
  }
  switch_waiting_ = false;
  // Never a cut between lists: at least the mixer's shortest fade.
  play_now(slot, std::max<std::int64_t>(1, engine_.seconds_to_frames(switch_crossfade_seconds_)));
}

void PlaylistPlayer::send(const MixerCommand& command) {
  // Keep the order: once one command waits, the ones after it wait behind it.
  if (!unsent_.empty() || !engine_.mixer().send(command)) unsent_.push_back(command);
}

int PlaylistPlayer::free_slot() const {
  for (int slot = 0; slot < kMusicSlots; ++slot) {
    if (!slots_[slot].busy) return slot;
  }
  return -1;
}

void PlaylistPlayer::skip(int entry, const std::string& reason) {
  broken_[entry] = true;
  messages_.push_back("line " + std::to_string(entries_[entry].line) + ": " + reason + " (skipped)");
  TrackEvent skipped;
  skipped.kind = TrackEvent::Kind::Skipped;
  skipped.list_tag = list_tag_;
  skipped.entry = entry;
  skipped.line = entries_[entry].line;
  skipped.path = entries_[entry].path;
  skipped.title = title_of(entry);
  skipped.reason = reason;
  track_events_.push_back(std::move(skipped));
}

int PlaylistPlayer::load_next() {
  if (exhausted_ || entries_.empty()) {
    exhausted_ = true;
    return -1;
  }
  const int slot = free_slot();
  if (slot < 0) return -1;  // try again when a slot comes free
  bool wrapped = false;
  while (true) {
    if (next_entry_ >= int(entries_.size())) {
      const bool any_left = std::find(broken_.begin(), broken_.end(), false) != broken_.end();
      if (!options_.loop || !any_left || wrapped) {
        exhausted_ = true;
        return -1;
      }
      next_entry_ = 0;
      wrapped = true;
    }
    const int entry = next_entry_++;
    if (broken_[entry]) continue;
    const double offset = std::exchange(next_offset_seconds_, 0.0);
    auto source = TrackSource::open(entries_[entry].path, engine_.sample_rate(), offset);
    if (!source) {
      skip(entry, source.error().message);
      continue;
    }
    SlotUse& use = slots_[slot];
    use = SlotUse{};
    use.busy = true;
    use.track_id = next_track_id_++;
    use.entry = entry;
    use.line = entries_[entry].line;
    use.list_tag = list_tag_;
    use.path = entries_[entry].path;
    use.title = title_of(entry);
    use.offset_seconds = offset;
    use.frames = source.value()->expected_frames();
    if (gain_source_) {
      const std::optional<double> gain = gain_source_(use.path);
      use.gain_db = gain.value_or(provisional_gain_db_);
      use.gain_settled = gain.has_value();
    }
    engine_.decoder().attach(slot, std::move(source.value()),
                             engine_.seconds_to_frames(kPrefillSeconds));
    return slot;
  }
}

void PlaylistPlayer::queue_following() {
  while (started_ && !exhausted_ && !switch_waiting_ && int(pending_slots_.size()) < kMaxPending) {
    const int slot = load_next();
    if (slot < 0) return;
    const int before = pending_slots_.empty() ? current_slot_ : pending_slots_.back();
    pending_slots_.push_back(slot);
    // Of whole tracks, also one started part-way (the mixer starts the next track at once if
    // less than the crossfade is left of it). With nothing before, only this track bounds it.
    const std::int64_t next = whole_track_frames(slots_[slot]);
    const std::int64_t previous = before >= 0 ? whole_track_frames(slots_[before]) : next;
    const std::int64_t crossfade =
        track_crossfade(engine_.seconds_to_frames(options_.crossfade_seconds), previous, next);
    MixerCommand command;
    command.type = MixerCommand::Type::Queue;
    command.slot = slot;
    command.track_id = slots_[slot].track_id;
    command.frames = crossfade;
    command.gain = track_gain(slots_[slot]);
    send(command);
  }
}

TrackEvent PlaylistPlayer::track_event(TrackEvent::Kind kind, const SlotUse& use) const {
  TrackEvent event;
  event.kind = kind;
  event.list_tag = use.list_tag;
  event.entry = use.entry;
  event.line = use.line;
  event.path = use.path;
  event.title = use.title;
  event.offset_seconds = use.offset_seconds;
  event.duration_seconds = double(whole_track_frames(use)) / engine_.sample_rate();
  event.gain_db = use.gain_db;
  return event;
}

std::int64_t PlaylistPlayer::whole_track_frames(const SlotUse& use) const {
  return engine_.seconds_to_frames(use.offset_seconds) + use.frames;
}

float PlaylistPlayer::track_gain(const SlotUse& use) { return decibels_to_gain(use.gain_db); }

void PlaylistPlayer::free_slot_of(const MixerEvent& event) {
  SlotUse& use = slots_[event.slot];
  if (event.type == MixerEvent::Type::TrackEnded && use.started) {
    const double played_seconds = double(event.frames) / engine_.sample_rate();
    // A track that broke off mid-stream played what it had and was faded into the next one:
    // it is skipped from there, and the record says why.
    const std::string failure = engine_.decoder().decode_error(event.slot);
    if (!failure.empty()) {
      TrackEvent skipped = track_event(TrackEvent::Kind::Skipped, use);
      skipped.played_seconds = played_seconds;
      skipped.reason = failure;
      track_events_.push_back(std::move(skipped));
    }
    // It broke off, or gave not one frame: do not try it again (if it still belongs to the
    // current list), so a looping playlist neither breaks off on it nor reports it again.
    if ((!failure.empty() || event.frames == 0) && use.list_tag == list_tag_ && use.entry < int(broken_.size())) {
      broken_[use.entry] = true;
    }
    TrackEvent ended = track_event(TrackEvent::Kind::Ended, use);
    ended.played_seconds = played_seconds;
    track_events_.push_back(std::move(ended));
  }
  engine_.decoder().detach(event.slot);
  use.busy = false;
  if (event.slot == current_slot_) current_slot_ = -1;
  std::erase(pending_slots_, event.slot);
}

void PlaylistPlayer::poll() {
  MixerEvent event;
  while (engine_.mixer().next_event(event)) handle(event);
  keep_queued();
}

void PlaylistPlayer::handle(const MixerEvent& event) {
  if (event.type == MixerEvent::Type::FadedOut) {
    faded_out_ = true;
    end_frame_ = std::max(end_frame_, event.at_frame);
    return;
  }
  if (event.slot < 0 || event.slot >= kMusicSlots) return;
  SlotUse& use = slots_[event.slot];
  const bool ours = use.busy && use.track_id == event.track_id;
  switch (event.type) {
    case MixerEvent::Type::TrackStarted: {
      if (!ours) break;
      ++tracks_started_;
      use.started = true;
      std::erase(pending_slots_, event.slot);
      current_slot_ = event.slot;
      track_events_.push_back(track_event(TrackEvent::Kind::Started, use));
      break;
    }
    case MixerEvent::Type::TrackEnded:
      if (!ours) break;
      if (use.started) end_frame_ = std::max(end_frame_, event.at_frame);
      free_slot_of(event);
      break;
    case MixerEvent::Type::Rejected:
      if (!ours) break;
      messages_.push_back("line " + std::to_string(use.line) + ": the player could not queue this track (skipped)");
      free_slot_of(event);
      break;
    case MixerEvent::Type::SlotBusy:
      // Our bookkeeping and the mixer disagree. Leave the slot alone (the mixer is reading
      // it) and say so; it comes free when the track the mixer has there ends.
      messages_.push_back("internal: slot " + std::to_string(event.slot) + " was still playing");
      break;
    case MixerEvent::Type::FadedOut:
      break;
  }
}

void PlaylistPlayer::settle_gains() {
  // A measurement that lands while the track sounds moves it over this long: a level change,
  // not a jump.
  constexpr double kLateGainSeconds = 2.0;
  for (int slot = 0; slot < kMusicSlots; ++slot) {
    SlotUse& use = slots_[slot];
    if (!use.busy || use.gain_settled || !gain_source_) continue;
    const std::optional<double> gain = gain_source_(use.path);
    if (!gain) continue;
    use.gain_db = *gain;
    use.gain_settled = true;
    MixerCommand command;
    command.type = MixerCommand::Type::SetTrackGain;
    command.slot = slot;
    command.track_id = use.track_id;
    command.gain = track_gain(use);
    command.frames = use.started ? engine_.seconds_to_frames(kLateGainSeconds) : 0;
    send(command);
  }
}

void PlaylistPlayer::keep_queued() {
  while (!unsent_.empty() && engine_.mixer().send(unsent_.front())) unsent_.pop_front();
  settle_gains();
  for (auto& error : engine_.decoder().take_errors()) messages_.push_back(std::move(error));
  if (switch_waiting_) begin_switched_list();
  // Keep two tracks waiting; this also retries after a slot was short or a command refused.
  queue_following();
}

void PlaylistPlayer::fade_out(double seconds) {
  faded_out_ = false;
  exhausted_ = true;  // nothing more is queued after a fade-out
  MixerCommand command;
  command.type = MixerCommand::Type::FadeOut;
  command.frames = engine_.seconds_to_frames(seconds);
  send(command);
}

void PlaylistPlayer::hold() {
  started_ = false;
  switch_waiting_ = false;
  unsent_.clear();  // the silence drops whatever these would have queued or changed
}

bool PlaylistPlayer::finished() const {
  if (!started_ || !unsent_.empty()) return false;
  for (const auto& use : slots_) {
    if (use.busy) return false;
  }
  return exhausted_ || faded_out_;
}

NowPlaying PlaylistPlayer::now_playing() const {
  NowPlaying now;
  now.count = int(entries_.size());
  if (current_slot_ < 0 || !slots_[current_slot_].started) return now;
  const SlotUse& use = slots_[current_slot_];
  now.index = use.entry;
  now.title = use.title;
  now.position_seconds =
      use.offset_seconds + double(engine_.mixer().frames_played(current_slot_)) / engine_.sample_rate();
  now.duration_seconds = double(whole_track_frames(use)) / engine_.sample_rate();
  return now;
}

std::string PlaylistPlayer::title_of(int entry) const {
  const auto& e = entries_[entry];
  return e.title.empty() ? e.path.stem().string() : e.title;
}

std::vector<std::string> PlaylistPlayer::take_messages() { return std::exchange(messages_, {}); }
std::vector<TrackEvent> PlaylistPlayer::take_track_events() { return std::exchange(track_events_, {}); }

}  // namespace holdspace::audio
