#include "audio/playlist_player.h"

#include <algorithm>
#include <utility>

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

bool PlaylistPlayer::start() {
  const int slot = load_next();
  if (slot < 0) return false;
  started_ = true;
  current_slot_ = slot;
  MixerCommand command;
  command.type = MixerCommand::Type::Start;
  command.slot = slot;
  command.track_id = slots_[slot].track_id;
  command.frames = engine_.seconds_to_frames(options_.fade_in_seconds);
  send(command);
  queue_following();
  return true;
}

void PlaylistPlayer::send(const MixerCommand& command) {
  // Keep the order: once one command waits, the ones after it wait behind it.
  if (!unsent_.empty() || !engine_.mixer().send(command)) unsent_.push_back(command);
}

int PlaylistPlayer::free_slot() const {
  for (int slot = 0; slot < kSlotCount; ++slot) {
    if (!slots_[slot].busy) return slot;
  }
  return -1;
}

int PlaylistPlayer::load_next() {
  if (exhausted_) return -1;
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
    auto source = TrackSource::open(entries_[entry].path, engine_.sample_rate());
    if (!source) {
      broken_[entry] = true;
      messages_.push_back("line " + std::to_string(entries_[entry].line) + ": " +
                          source.error().message + " (skipped)");
      continue;
    }
    SlotUse& use = slots_[slot];
    use = {true, false, next_track_id_++, entry, source.value()->expected_frames()};
    engine_.decoder().attach(slot, std::move(source.value()),
                             engine_.seconds_to_frames(kPrefillSeconds));
    return slot;
  }
}

void PlaylistPlayer::queue_following() {
  while (started_ && !exhausted_ && int(pending_slots_.size()) < kMaxPending) {
    const int slot = load_next();
    if (slot < 0) return;
    const int before = pending_slots_.empty() ? current_slot_ : pending_slots_.back();
    pending_slots_.push_back(slot);
    // Never crossfade over more than half of either track, or a short track would vanish.
    std::int64_t crossfade = engine_.seconds_to_frames(options_.crossfade_seconds);
    if (before >= 0) crossfade = std::min(crossfade, slots_[before].frames / 2);
    crossfade = std::min(crossfade, slots_[slot].frames / 2);
    MixerCommand command;
    command.type = MixerCommand::Type::Queue;
    command.slot = slot;
    command.track_id = slots_[slot].track_id;
    command.frames = crossfade;
    send(command);
  }
}

void PlaylistPlayer::free_slot_of(const MixerEvent& event) {
  if (event.slot < 0 || slots_[event.slot].track_id != event.track_id || !slots_[event.slot].busy) return;
  SlotUse& use = slots_[event.slot];
  // A track that started but gave not one frame could not be decoded: do not try it again.
  if (event.type == MixerEvent::Type::TrackEnded && use.started && event.frames == 0) {
    broken_[use.entry] = true;
  }
  engine_.decoder().detach(event.slot);
  use.busy = false;
  if (event.slot == current_slot_) current_slot_ = -1;
  std::erase(pending_slots_, event.slot);
}

void PlaylistPlayer::poll() {
  while (!unsent_.empty() && engine_.mixer().send(unsent_.front())) unsent_.pop_front();

  MixerEvent event;
  while (engine_.mixer().next_event(event)) {
    switch (event.type) {
      case MixerEvent::Type::TrackStarted:
        if (event.slot < 0 || slots_[event.slot].track_id != event.track_id) break;
        ++tracks_started_;
        slots_[event.slot].started = true;
        std::erase(pending_slots_, event.slot);
        current_slot_ = event.slot;
        break;
      case MixerEvent::Type::TrackEnded:
        if (event.slot >= 0 && slots_[event.slot].track_id == event.track_id && slots_[event.slot].started) {
          end_frame_ = std::max(end_frame_, event.at_frame);
        }
        free_slot_of(event);
        break;
      case MixerEvent::Type::Rejected:
        if (event.slot >= 0 && slots_[event.slot].track_id == event.track_id && slots_[event.slot].busy) {
          messages_.push_back("line " + std::to_string(entries_[slots_[event.slot].entry].line) +
                              ": the player could not queue this track (skipped)");
        }
        free_slot_of(event);
        break;
      case MixerEvent::Type::SlotBusy:
        // Our bookkeeping and the mixer disagree. Leave the slot alone (the mixer is reading
        // it) and say so; it comes free when the track the mixer has there ends.
        messages_.push_back("internal: slot " + std::to_string(event.slot) + " was still playing");
        break;
      case MixerEvent::Type::FadedOut:
        faded_out_ = true;
        end_frame_ = std::max(end_frame_, event.at_frame);
        break;
    }
  }
  for (auto& error : engine_.decoder().take_errors()) messages_.push_back(std::move(error));
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
  now.title = title_of(use.entry);
  now.position_seconds = double(engine_.mixer().frames_played(current_slot_)) / engine_.sample_rate();
  now.duration_seconds = double(use.frames) / engine_.sample_rate();
  return now;
}

std::string PlaylistPlayer::title_of(int entry) const {
  const auto& e = entries_[entry];
  return e.title.empty() ? e.path.stem().string() : e.title;
}

std::vector<std::string> PlaylistPlayer::take_messages() { return std::exchange(messages_, {}); }

}  // namespace holdspace::audio
