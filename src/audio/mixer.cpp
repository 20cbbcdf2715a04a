// Real-time contract (see mixer.h): nothing in this file allocates, locks, does I/O, logs or
// throws. Buffers are made in the constructor; everything else is arithmetic on them.
#include "audio/mixer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "audio/realtime_context.h"
#include "audio/vector_runs.h"

namespace holdspace::audio {
namespace {

// Anything louder than this (+120 dBFS) before the limiter is a broken file or a bug; holding
// it here keeps the limiter's arithmetic finite, and the limiter then turns it down.
constexpr float kLargestSample = 1.0e6f;

// A track gain as the decks may use it: NaN (a bug upstream) leaves the track as it is.
float track_gain(float gain) {
  if (!(gain >= 0.0f)) return gain < 0.0f ? 0.0f : 1.0f;
  return std::min(gain, Mixer::kMaxTrackGain);
}

}  // namespace

Mixer::Mixer(std::array<StreamSlot*, kSlotCount> slots, int sample_rate, int listener_pairs)
    : slots_(slots),
      listener_pairs_(std::clamp(listener_pairs, 1, kMaxListenerPairs)),
      pairs_{Pair(sample_rate, kMaxBlockFrames), Pair(sample_rate, kMaxBlockFrames)},
      stop_fade_frames_(std::max(kMinimumFadeFrames, std::int64_t(std::llround(kStopFadeSeconds * sample_rate)))),
      deck_buffer_(std::make_unique<float[]>(std::size_t(kMaxBlockFrames * 2))),
      mix_buffer_(std::make_unique<float[]>(std::size_t(kMaxBlockFrames * 2))) {
  for (auto& gain : pair_gains_) gain.store(1.0f, std::memory_order_relaxed);
}

void Mixer::process(float* out, std::int64_t frames, int out_channels) {
  RealtimeScope realtime;
  MixerCommand command;
  while (commands_.pop(command)) apply(command);

  starved_this_block_ = false;
  float limiter_gain = 1.0f;
  std::int64_t done = 0;
  while (done < frames) {
    const std::int64_t chunk = std::min(kMaxBlockFrames, frames - done);
    render_chunk(chunk);
    finish_chunk(out + done * out_channels, chunk, out_channels);
    limiter_gain = std::min(limiter_gain, pairs_[0].limiter.lowest_gain());
    done += chunk;
    clock_ += chunk;
  }

  if (starved_this_block_) underruns_.fetch_add(1, std::memory_order_relaxed);
  for (int s = 0; s < kSlotCount; ++s) played_[s].store(decks_[s].played, std::memory_order_relaxed);
  output_frames_.store(clock_, std::memory_order_relaxed);
  master_gain_.store(master_.current(), std::memory_order_relaxed);
  for (int p = 0; p < kMaxListenerPairs; ++p) {
    pair_gains_[std::size_t(p)].store(pairs_[std::size_t(p)].gain.current(), std::memory_order_relaxed);
  }
  limiter_gain_.store(limiter_gain, std::memory_order_relaxed);
}

// The end of the signal path for one chunk of the mix: master gain, then each pair's own gain and
// limiter, the device's channel layout.
void Mixer::finish_chunk(float* target, std::int64_t frames, int out_channels) {
  float* __restrict mix = mix_buffer_.get();
  // NaN and infinities become silence before they can reach the limiters' state.
  if (master_.moving()) {
    for (std::int64_t f = 0; f < frames; ++f) {
      const float gain = master_.next();
      for (int c = 0; c < 2; ++c) mix[2 * f + c] = clamped_or_silent(mix[2 * f + c] * gain, kLargestSample);
    }
  } else {
    const float gain = master_.next();
    in_runs(frames * 2, [=](std::int64_t i) { mix[i] = clamped_or_silent(mix[i] * gain, kLargestSample); });
  }
  // The second pair first, from the shared mix before the first pair works on it in place.
  const bool second_pair = listener_pairs_ == 2 && out_channels >= 4;
  float* second = pairs_[1].buffer.get();
  if (second_pair) {
    std::memcpy(second, mix, std::size_t(frames * 2) * sizeof(float));
    render_pair(pairs_[1], second, frames);
  }
  render_pair(pairs_[0], mix, frames);
  // The limiters are the real ceiling; this is the last guard, should one ever be wrong.
  if (out_channels == 2) {
    copy_clamped(target, mix, frames * 2, 1.0f);
    return;
  }
  for (std::int64_t f = 0; f < frames; ++f) {
    float* frame = target + f * out_channels;
    for (int c = 0; c < 2; ++c) frame[c] = std::clamp(mix[2 * f + c], -1.0f, 1.0f);
    int c = 2;
    if (second_pair) {
      for (; c < 4; ++c) frame[c] = std::clamp(second[2 * f + c - 2], -1.0f, 1.0f);
    }
    for (; c < out_channels; ++c) frame[c] = 0.0f;
  }
}

// One listener's pair, in place: its own gain, then its own limiter. Both gains are finite and
// at most 1, so the mix stays inside the limiter's range.
void Mixer::render_pair(Pair& pair, float* stereo, std::int64_t frames) {
  if (pair.gain.moving()) {
    for (std::int64_t f = 0; f < frames; ++f) {
      const float gain = pair.gain.next();
      stereo[2 * f] *= gain;
      stereo[2 * f + 1] *= gain;
    }
  } else {
    const float gain = pair.gain.next();
    float* __restrict samples = stereo;
    in_runs(frames * 2, [=](std::int64_t i) { samples[i] *= gain; });
  }
  pair.limiter.process(stereo, frames);
}

void Mixer::apply(const MixerCommand& command) {
  const bool valid_slot = command.slot >= 0 && command.slot < kSlotCount;
  switch (command.type) {
    case MixerCommand::Type::Start: {
      if (!valid_slot) return reject(command);
      if (decks_[command.slot].active) return emit(MixerEvent::Type::SlotBusy, command.slot, command.track_id, 0, 0);
      take_pending(command);  // starting a queued track early: it is no longer queued
      drop_all_pending();
      fading_out_all_ = false;
      // A fade asked for is never shorter than a click.
      const std::int64_t fade = command.frames > 0 ? std::max(command.frames, kMinimumFadeFrames) : 0;
      start_deck(command.slot, command.track_id, track_gain(command.gain), fade, 0);
      return;
    }
    case MixerCommand::Type::Queue:
      if (!valid_slot) return reject(command);
      if (decks_[command.slot].active) return emit(MixerEvent::Type::SlotBusy, command.slot, command.track_id, 0, 0);
      take_pending(command);
      if (current_ < 0) {
        // Nothing to follow: play at once. Over a fade-out still in progress, fade in briefly.
        const bool over_fade = fading_out_all_;
        fading_out_all_ = false;
        start_deck(command.slot, command.track_id, track_gain(command.gain), over_fade ? kMinimumFadeFrames : 0, 0);
        return;
      }
      if (pending_count_ == kMaxPending) return reject(command);
      pending_[pending_count_++] = {command.slot, command.track_id, command.frames, track_gain(command.gain)};
      return;
    case MixerCommand::Type::FadeOut: {
      drop_all_pending();
      // 0 frames is "stop now": the stop ramp, never a cut.
      const std::int64_t fade = command.frames > 0 ? std::max(command.frames, kMinimumFadeFrames) : stop_fade_frames_;
      bool any = false;
      for (auto& deck : decks_) {
        if (!deck.active) continue;
        deck.ending = true;
        deck.envelope.fade_to(0.0f, fade);
        any = true;
      }
      current_ = -1;
      fading_out_all_ = any;
      if (!any) emit(MixerEvent::Type::FadedOut, -1, 0, 0, 0);
      return;
    }
    case MixerCommand::Type::Overlay: {
      if (!valid_slot) return reject(command);
      if (decks_[command.slot].active) return emit(MixerEvent::Type::SlotBusy, command.slot, command.track_id, 0, 0);
      Deck& deck = decks_[command.slot];
      deck = Deck{};
      deck.active = true;
      deck.track_id = command.track_id;
      deck.gain.set(track_gain(command.gain));
      deck.envelope.set_level(1.0f);  // the overlay's own attack is its onset; it is not current
      return;
    }
    case MixerCommand::Type::ClearQueue:
      drop_all_pending();
      return;
    case MixerCommand::Type::Silence:
      drop_all_pending();
      fading_out_all_ = false;
      for (int slot = 0; slot < kSlotCount; ++slot) {
        if (decks_[slot].active) release_deck(slot, output_frames_.load(std::memory_order_relaxed));
      }
      for (auto& pair : pairs_) pair.limiter.empty_delay();
      emit(MixerEvent::Type::FadedOut, -1, 0, output_frames_.load(std::memory_order_relaxed), 0);
      return;
    case MixerCommand::Type::SetTrackGain:
      for (int i = 0; i < pending_count_; ++i) {
        if (pending_[i].slot == command.slot && pending_[i].track_id == command.track_id) {
          pending_[i].gain = track_gain(command.gain);
        }
      }
      if (valid_slot && decks_[command.slot].active && decks_[command.slot].track_id == command.track_id) {
        decks_[command.slot].gain.ramp_to(track_gain(command.gain), std::max(command.frames, kMinimumFadeFrames));
      }
      return;
    case MixerCommand::Type::SetGain:
      // While nothing sounds the volume is set at once (so playback starts at it); while
      // anything sounds it always moves as a ramp.
      if (!any_deck_active()) {
        master_.set(command.gain);
      } else {
        master_.ramp_to(command.gain, std::max(command.frames, kMinimumFadeFrames));
      }
      return;
    case MixerCommand::Type::SetCeiling:
      // Like the volume: at once while nothing sounds, else a ramp the limiter's gain follows.
      pairs_[pair_of(command)].limiter.set_ceiling(
          command.gain, any_deck_active() ? std::max(command.frames, kMinimumFadeFrames) : 0);
      return;
    case MixerCommand::Type::SetPairGain: {
      // A pair is only ever turned down from the session level; NaN (a bug) leaves it as it is.
      Pair& pair = pairs_[pair_of(command)];
      float gain = command.gain;
      if (!(gain >= 0.0f)) gain = gain < 0.0f ? 0.0f : pair.gain.target();
      gain = std::min(gain, 1.0f);
      if (!any_deck_active()) {
        pair.gain.set(gain);
      } else {
        pair.gain.ramp_to(gain, std::max(command.frames, kMinimumFadeFrames));
      }
      return;
    }
  }
}

std::size_t Mixer::pair_of(const MixerCommand& command) {
  return command.slot == 1 ? 1 : 0;
}

bool Mixer::any_deck_active() const {
  for (const auto& deck : decks_) {
    if (deck.active) return true;
  }
  return false;
}

// Makes `slot` the current track. Whatever was current fades out over the same frames, so a
// Start during playback is an equal-power crossfade.
void Mixer::start_deck(int slot, std::uint64_t track_id, float gain, std::int64_t fade_frames, std::int64_t at) {
  if (current_ >= 0) {
    // The outgoing deck mirrors the incoming one frame for frame (equal power); with no fade
    // asked for, it still ramps out rather than stopping with a click.
    Deck& old = decks_[current_];
    old.ending = true;
    old.envelope.fade_to(0.0f, fade_frames > 0 ? fade_frames : kMinimumFadeFrames);
  }
  Deck& deck = decks_[slot];
  deck.active = true;
  deck.ending = false;
  deck.starved = false;
  deck.track_id = track_id;
  deck.played = 0;
  deck.gain.set(gain);
  deck.recovery.set(1.0f);
  if (fade_frames > 0) {
    deck.envelope.set_level(0.0f);
    deck.envelope.fade_to(1.0f, fade_frames);
  } else {
    deck.envelope.set_level(1.0f);
  }
  current_ = slot;
  emit(MixerEvent::Type::TrackStarted, slot, track_id, at, 0);
}

void Mixer::start_next_pending(std::int64_t fade_frames, std::int64_t at) {
  const Pending next = pending_[0];
  for (int i = 1; i < pending_count_; ++i) pending_[i - 1] = pending_[i];
  --pending_count_;
  start_deck(next.slot, next.track_id, next.gain, fade_frames, at);
}

void Mixer::release_deck(int slot, std::int64_t at) {
  Deck& deck = decks_[slot];
  deck.active = false;
  deck.ending = false;
  if (current_ == slot) current_ = -1;
  emit(MixerEvent::Type::TrackEnded, slot, deck.track_id, at, deck.played);
  if (fading_out_all_) {
    for (const auto& other : decks_) {
      if (other.active) return;
    }
    fading_out_all_ = false;
    emit(MixerEvent::Type::FadedOut, -1, 0, at, 0);
  }
}

// Takes the command's slot out of the queue. If the queue held a different track in that slot,
// that track is handed back (TrackEnded, never played) so its slot is not lost.
void Mixer::take_pending(const MixerCommand& command) {
  for (int i = 0; i < pending_count_; ++i) {
    if (pending_[i].slot != command.slot) continue;
    const Pending removed = pending_[i];
    for (int j = i + 1; j < pending_count_; ++j) pending_[j - 1] = pending_[j];
    --pending_count_;
    if (removed.track_id != command.track_id) {
      emit(MixerEvent::Type::TrackEnded, removed.slot, removed.track_id, 0, 0);
    }
    return;
  }
}

// Queued tracks that never started are handed back so the control side can reuse their slots.
void Mixer::drop_all_pending() {
  for (int i = 0; i < pending_count_; ++i) {
    emit(MixerEvent::Type::TrackEnded, pending_[i].slot, pending_[i].track_id, 0, 0);
  }
  pending_count_ = 0;
}

void Mixer::reject(const MixerCommand& command) {
  emit(MixerEvent::Type::Rejected, command.slot, command.track_id, 0, 0);
}

std::int64_t Mixer::remaining_frames(int slot) const {
  const StreamSlot& feed = *slots_[slot];
  if (feed.producer_done.load(std::memory_order_acquire)) return feed.ring.readable();
  return std::max(feed.expected_frames.load(std::memory_order_relaxed) - decks_[slot].played,
                  feed.ring.readable());
}

void Mixer::render_chunk(std::int64_t frames) {
  std::memset(mix_buffer_.get(), 0, std::size_t(frames * 2) * sizeof(float));
  std::int64_t position = 0;
  while (position < frames) {
    std::int64_t segment = frames - position;
    if (current_ >= 0 && pending_count_ > 0 && !decks_[current_].ending) {
      const std::int64_t remaining = remaining_frames(current_);
      const std::int64_t crossfade = pending_[0].crossfade;
      if (crossfade > 0 && remaining <= crossfade) {
        // The crossfade starts exactly when the current track has `crossfade` frames left. A
        // track that ends sooner than announced crossfades over what is left of it (never
        // faster than a click).
        start_next_pending(remaining == crossfade ? crossfade : std::max(remaining, kMinimumFadeFrames),
                           position);
        continue;  // look again: the new track may itself be short
      }
      if (remaining == 0 && track_complete(current_)) {
        // The current track has played its last frame: the next one follows on this frame.
        const int over = current_;
        const std::int64_t fade = follow_on_fade(over);
        release_deck(over, position);
        start_next_pending(fade, position);
        continue;
      }
      // Split the chunk where the crossfade must start, or where the track ends, so the next
      // decision is taken on the exact frame.
      if (crossfade > 0) {
        segment = std::min(segment, remaining - crossfade);
      } else if (remaining > 0) {
        segment = std::min(segment, remaining);
      }
    }

    for (int slot = 0; slot < kSlotCount; ++slot) {
      if (!decks_[slot].active || slot == current_) continue;
      std::int64_t consumed = 0;
      if (mix_deck(slot, position, segment, consumed) == DeckOutcome::Ended) {
        release_deck(slot, position + consumed);
      }
    }
    render_current(position, segment);
    position += segment;
  }
}

bool Mixer::track_complete(int slot) const {
  const StreamSlot& feed = *slots_[slot];
  return feed.producer_done.load(std::memory_order_acquire) && feed.ring.readable() == 0;
}

// How the next track comes in when the current one ends: a true gapless join when nothing else
// sounds, but a short fade-in when the ending track was itself still fading in (it broke off at
// once) or another deck is still fading out, so the next track never jumps in at full level.
std::int64_t Mixer::follow_on_fade(int ending_slot) const {
  bool others_sounding = false;
  for (int slot = 0; slot < kSlotCount; ++slot) {
    if (slot != ending_slot && decks_[slot].active) others_sounding = true;
  }
  if (!others_sounding && !decks_[ending_slot].envelope.moving()) return 0;
  return std::max(pending_count_ > 0 ? pending_[0].crossfade : 0, kMinimumFadeFrames);
}

// The current deck, followed by the next queued one if it ends inside this segment sooner than
// announced (the usual end is split off in render_chunk).
void Mixer::render_current(std::int64_t offset, std::int64_t count) {
  std::int64_t filled = 0;
  while (current_ >= 0 && filled < count) {
    std::int64_t consumed = 0;
    const int slot = current_;
    const DeckOutcome outcome = mix_deck(slot, offset + filled, count - filled, consumed);
    filled += consumed;
    if (outcome != DeckOutcome::Ended) break;
    const bool faded_away = decks_[slot].ending;
    const std::int64_t fade = follow_on_fade(slot);
    release_deck(slot, offset + filled);
    if (!faded_away && pending_count_ > 0) start_next_pending(fade, offset + filled);
  }
}

Mixer::DeckOutcome Mixer::mix_deck(int slot, std::int64_t offset, std::int64_t count,
                                   std::int64_t& consumed) {
  Deck& deck = decks_[slot];
  StreamSlot& feed = *slots_[slot];
  // Read producer_done before the ring: if it is set, the ring already holds the last frame.
  const bool producer_done = feed.producer_done.load(std::memory_order_acquire);
  const std::int64_t got = feed.ring.read(deck_buffer_.get(), count);
  const bool running_dry = got < count && !(producer_done && feed.ring.readable() == 0);
  if (got > 0 && deck.starved) {
    deck.starved = false;
    deck.recovery.set(0.0f);
    deck.recovery.ramp_to(1.0f, kMinimumFadeFrames);
  }
  // The ring is about to run dry: the last frames that did arrive are faded down, so the drop
  // into silence is a quick fade rather than a click.
  const std::int64_t dry_fade = running_dry ? std::min<std::int64_t>(got, kStarveFadeFrames) : 0;
  float* __restrict mix = mix_buffer_.get() + offset * 2;
  const float* __restrict in = deck_buffer_.get();
  const bool steady = !deck.envelope.moving() && !deck.recovery.moving() && !deck.gain.moving() && !deck.ending;
  if (steady && dry_fade == 0) {
    // Most of a session: one level for the whole segment, the same product the loop below takes.
    const float level = deck.envelope.next() * deck.recovery.next() * deck.gain.next();
    add_scaled(mix, in, got * 2, level);
  } else {
    for (std::int64_t f = 0; f < got; ++f) {
      float level = deck.envelope.next() * deck.recovery.next() * deck.gain.next();
      if (f >= got - dry_fade) level *= float(got - 1 - f) / float(dry_fade);
      mix[2 * f] += in[2 * f] * level;
      mix[2 * f + 1] += in[2 * f + 1] * level;
      if (deck.ending && deck.envelope.silent()) {
        // Faded to nothing: the deck ends on this exact frame, whatever the ring still holds.
        deck.played += f + 1;
        consumed = f + 1;
        return DeckOutcome::Ended;
      }
    }
  }
  deck.played += got;
  consumed = got;
  if (!running_dry) return got == count ? DeckOutcome::Playing : DeckOutcome::Ended;

  // The ring ran dry mid-track: the rest stays silent, never garbage. A fade in progress keeps
  // moving with the clock, so a fade-out still ends on time while nothing arrives.
  starved_this_block_ = true;
  deck.starved = true;
  if (deck.ending) {
    for (std::int64_t f = got; f < count; ++f) {
      deck.envelope.next();
      if (deck.envelope.silent()) {
        consumed = f + 1;
        return DeckOutcome::Ended;
      }
    }
  }
  return DeckOutcome::Starved;
}

void Mixer::emit(MixerEvent::Type type, int slot, std::uint64_t track_id, std::int64_t at,
                 std::int64_t frames) {
  MixerEvent event;
  event.type = type;
  event.slot = slot;
  event.track_id = track_id;
  event.at_frame = clock_ + at;
  event.frames = frames;
  // 256 deep and drained every few tens of ms; a full queue means the control side has stalled.
  if (!events_.push(event)) dropped_events_.fetch_add(1, std::memory_order_relaxed);
  // Release, after the push: whoever sees the new count and wakes the control thread finds
  // the event in the queue.
  events_posted_.fetch_add(1, std::memory_order_release);
}

}  // namespace holdspace::audio
