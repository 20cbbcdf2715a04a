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
    : engine_(engine), entries_(std::move(entries)), options_(options) {}

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
  engine_.mixer().send(command);
  queue_following();
  return true;
}

int PlaylistPlayer::free_slot() const {
  for (int slot = 0; slot < kSlotCount; ++slot) {
    if (!slots_[slot].busy) return slot;
  }
  return -1;
}

int PlaylistPlayer::load_next() {
  const int slot = free_slot();
  if (slot < 0 || exhausted_) return -1;
  while (true) {
    if (next_entry_ >= int(entries_.size())) {
      // Loop only if this pass found something playable, or bad files would spin forever.
      if (!options_.loop || playable_seen_ == 0) {
        exhausted_ = true;
        return -1;
      }
      next_entry_ = 0;
      playable_seen_ = 0;
    }
    const int entry = next_entry_++;
    auto source = TrackSource::open(entries_[entry].path, engine_.sample_rate());
    if (!source) {
      messages_.push_back("line " + std::to_string(entries_[entry].line) + ": " +
                          source.error().message + " (skipped)");
      continue;
    }
    ++playable_seen_;
    SlotUse& use = slots_[slot];
    use = {true, next_track_id_++, entry, source.value()->expected_frames()};
    engine_.decoder().attach(slot, std::move(source.value()),
                             engine_.seconds_to_frames(kPrefillSeconds));
    return slot;
  }
}

void PlaylistPlayer::queue_following() {
  if (queued_slot_ >= 0 || faded_out_) return;
  const int slot = load_next();
  if (slot < 0) return;
  queued_slot_ = slot;
  // Never crossfade over more than half of either track, or a short track would vanish.
  std::int64_t crossfade = engine_.seconds_to_frames(options_.crossfade_seconds);
  if (current_slot_ >= 0) crossfade = std::min(crossfade, slots_[current_slot_].frames / 2);
  crossfade = std::min(crossfade, slots_[slot].frames / 2);
  MixerCommand command;
  command.type = MixerCommand::Type::Queue;
  command.slot = slot;
  command.track_id = slots_[slot].track_id;
  command.frames = crossfade;
  engine_.mixer().send(command);
}

void PlaylistPlayer::poll() {
  MixerEvent event;
  while (engine_.mixer().next_event(event)) {
    switch (event.type) {
      case MixerEvent::Type::TrackStarted:
        ++tracks_started_;
        if (event.slot == queued_slot_) queued_slot_ = -1;
        current_slot_ = event.slot;
        queue_following();
        break;
      case MixerEvent::Type::TrackEnded:
        if (event.slot < 0 || slots_[event.slot].track_id != event.track_id) break;
        engine_.decoder().detach(event.slot);
        slots_[event.slot].busy = false;
        if (event.slot == current_slot_) current_slot_ = -1;
        if (event.slot == queued_slot_) queued_slot_ = -1;
        end_frame_ = std::max(end_frame_, event.at_frame);
        // A queued track dropped by the mixer (say, by a fade-out) needs no replacement;
        // otherwise keep one track waiting behind the current one.
        if (current_slot_ >= 0) queue_following();
        break;
      case MixerEvent::Type::FadedOut:
        faded_out_ = true;
        end_frame_ = std::max(end_frame_, event.at_frame);
        break;
    }
  }
  for (auto& error : engine_.decoder().take_errors()) messages_.push_back(std::move(error));
}

void PlaylistPlayer::fade_out(double seconds) {
  faded_out_ = false;
  exhausted_ = true;  // nothing more is queued after a fade-out
  MixerCommand command;
  command.type = MixerCommand::Type::FadeOut;
  command.frames = engine_.seconds_to_frames(seconds);
  engine_.mixer().send(command);
}

bool PlaylistPlayer::finished() const {
  if (!started_) return false;
  for (const auto& use : slots_) {
    if (use.busy) return false;
  }
  return exhausted_ || faded_out_;
}

NowPlaying PlaylistPlayer::now_playing() const {
  NowPlaying now;
  now.count = int(entries_.size());
  if (current_slot_ < 0) return now;
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
