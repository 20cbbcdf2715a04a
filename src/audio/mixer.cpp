// Real-time contract (see mixer.h): nothing in this file allocates, locks, does I/O, logs or
// throws. Buffers are made in the constructor; everything else is arithmetic on them.
#include "audio/mixer.h"

#include <algorithm>
#include <cstring>

#include "audio/realtime_context.h"

namespace holdspace::audio {
namespace {
// A deck that must fall silent "at once" still ramps over ~10 ms at 48 kHz: a step is a click.
constexpr std::int64_t kMinimumFadeFrames = 480;
}  // namespace

Mixer::Mixer(std::array<StreamSlot*, kSlotCount> slots)
    : slots_(slots),
      deck_buffer_(std::make_unique<float[]>(std::size_t(kMaxBlockFrames * 2))),
      mix_buffer_(std::make_unique<float[]>(std::size_t(kMaxBlockFrames * 2))) {}

void Mixer::process(float* out, std::int64_t frames, int out_channels) {
  RealtimeScope realtime;
  MixerCommand command;
  while (commands_.pop(command)) apply(command);

  starved_this_block_ = false;
  std::int64_t done = 0;
  while (done < frames) {
    const std::int64_t chunk = std::min(kMaxBlockFrames, frames - done);
    render_chunk(chunk);
    float* target = out + done * out_channels;
    for (std::int64_t f = 0; f < chunk; ++f) {
      const float gain = master_.next();
      for (int c = 0; c < 2; ++c) {
        // Until the limiter lands this hard clamp is the last guard against a loud burst.
        target[f * out_channels + c] = std::clamp(mix_buffer_[2 * f + c] * gain, -1.0f, 1.0f);
      }
      for (int c = 2; c < out_channels; ++c) target[f * out_channels + c] = 0.0f;
    }
    done += chunk;
    clock_ += chunk;
  }

  if (starved_this_block_) underruns_.fetch_add(1, std::memory_order_relaxed);
  for (int s = 0; s < kSlotCount; ++s) played_[s].store(decks_[s].played, std::memory_order_relaxed);
  output_frames_.store(clock_, std::memory_order_relaxed);
  master_gain_.store(master_.current(), std::memory_order_relaxed);
}

void Mixer::apply(const MixerCommand& command) {
  const bool valid_slot = command.slot >= 0 && command.slot < kSlotCount;
  switch (command.type) {
    case MixerCommand::Type::Start:
    case MixerCommand::Type::CrossfadeTo:
      if (!valid_slot || decks_[command.slot].active) return;
      drop_queued();
      fading_out_all_ = false;
      start_deck(command.slot, command.track_id, command.frames, 0);
      return;
    case MixerCommand::Type::Queue:
      if (!valid_slot || decks_[command.slot].active) return;
      drop_queued();
      if (current_ < 0 && !fading_out_all_) {
        start_deck(command.slot, command.track_id, 0, 0);  // nothing to follow: play at once
        return;
      }
      queued_ = command.slot;
      queued_track_id_ = command.track_id;
      queued_crossfade_ = command.frames;
      return;
    case MixerCommand::Type::FadeOut: {
      drop_queued();
      bool any = false;
      for (auto& deck : decks_) {
        if (!deck.active) continue;
        deck.ending = true;
        deck.envelope.fade_to(0.0f, std::max(command.frames, kMinimumFadeFrames));
        any = true;
      }
      current_ = -1;
      fading_out_all_ = any;
      if (!any) emit(MixerEvent::Type::FadedOut, -1, 0);
      return;
    }
    case MixerCommand::Type::SetGain:
      master_.ramp_to(command.gain, command.frames);
      return;
  }
}

// Makes `slot` the current track. Whatever was current fades out over the same frames, so a
// Start during playback is an equal-power crossfade.
void Mixer::start_deck(int slot, std::uint64_t track_id, std::int64_t fade_frames, std::int64_t at) {
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
  deck.track_id = track_id;
  deck.played = 0;
  if (fade_frames > 0) {
    deck.envelope.set_level(0.0f);
    deck.envelope.fade_to(1.0f, fade_frames);
  } else {
    deck.envelope.set_level(1.0f);
  }
  current_ = slot;
  emit(MixerEvent::Type::TrackStarted, slot, at);
}

void Mixer::release_deck(int slot, std::int64_t at) {
  Deck& deck = decks_[slot];
  deck.active = false;
  deck.ending = false;
  if (current_ == slot) current_ = -1;
  emit(MixerEvent::Type::TrackEnded, slot, at);
}

// A queued track that never started is handed back so the control side can reuse its slot.
void Mixer::drop_queued() {
  if (queued_ < 0) return;
  Deck& deck = decks_[queued_];
  deck.track_id = queued_track_id_;
  deck.played = 0;
  const int slot = queued_;
  queued_ = -1;
  emit(MixerEvent::Type::TrackEnded, slot, 0);
}

std::int64_t Mixer::remaining_frames(int slot) const {
  const StreamSlot& feed = *slots_[slot];
  const std::int64_t buffered = feed.ring.readable();
  if (feed.producer_done.load(std::memory_order_acquire)) return feed.ring.readable();
  return std::max(feed.expected_frames.load(std::memory_order_relaxed) - decks_[slot].played, buffered);
}

void Mixer::render_chunk(std::int64_t frames) {
  std::memset(mix_buffer_.get(), 0, std::size_t(frames * 2) * sizeof(float));
  std::int64_t position = 0;
  while (position < frames) {
    std::int64_t segment = frames - position;
    // A crossfade starts exactly when the current track has `crossfade` frames left, so split
    // the chunk there.
    if (queued_ >= 0 && current_ >= 0 && queued_crossfade_ > 0 && !decks_[current_].ending) {
      const std::int64_t remaining = remaining_frames(current_);
      if (remaining <= queued_crossfade_) {
        const int next = queued_;
        queued_ = -1;
        // A track that ends sooner than announced still crossfades over what is left of it.
        start_deck(next, queued_track_id_, std::max<std::int64_t>(remaining, 1), position);
      } else {
        segment = std::min(segment, remaining - queued_crossfade_);
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

// The current deck, followed gaplessly by the queued one if it ends inside this segment.
void Mixer::render_current(std::int64_t offset, std::int64_t count) {
  std::int64_t filled = 0;
  while (current_ >= 0 && filled < count) {
    std::int64_t consumed = 0;
    const int slot = current_;
    const DeckOutcome outcome = mix_deck(slot, offset + filled, count - filled, consumed);
    filled += consumed;
    if (outcome != DeckOutcome::Ended) break;
    release_deck(slot, offset + filled);
    if (queued_ >= 0 && !fading_out_all_) {
      const int next = queued_;
      queued_ = -1;
      start_deck(next, queued_track_id_, 0, offset + filled);
    }
  }
}

Mixer::DeckOutcome Mixer::mix_deck(int slot, std::int64_t offset, std::int64_t count,
                                   std::int64_t& consumed) {
  Deck& deck = decks_[slot];
  StreamSlot& feed = *slots_[slot];
  // Read producer_done before the ring: if it is set, the ring already holds the last frame.
  const bool producer_done = feed.producer_done.load(std::memory_order_acquire);
  const std::int64_t got = feed.ring.read(deck_buffer_.get(), count);
  float* mix = mix_buffer_.get() + offset * 2;
  const float* in = deck_buffer_.get();
  for (std::int64_t f = 0; f < got; ++f) {
    const float level = deck.envelope.next();
    mix[2 * f] += in[2 * f] * level;
    mix[2 * f + 1] += in[2 * f + 1] * level;
  }
  deck.played += got;
  consumed = got;

  if (deck.ending && deck.envelope.silent()) return DeckOutcome::Ended;
  if (got < count) {
    if (producer_done && feed.ring.readable() == 0) return DeckOutcome::Ended;
    starved_this_block_ = true;  // the rest of this segment stays silent, never garbage
    return DeckOutcome::Starved;
  }
  return DeckOutcome::Playing;
}

void Mixer::emit(MixerEvent::Type type, int slot, std::int64_t at) {
  MixerEvent event;
  event.type = type;
  event.slot = slot;
  if (slot >= 0) {
    event.track_id = decks_[slot].track_id;
    event.frames = decks_[slot].played;
  }
  event.at_frame = clock_ + at;
  events_.push(event);  // 256 deep and drained every few ms; a full queue would mean a stuck UI

  if (type == MixerEvent::Type::TrackEnded && fading_out_all_) {
    for (const auto& deck : decks_) {
      if (deck.active) return;
    }
    fading_out_all_ = false;
    emit(MixerEvent::Type::FadedOut, -1, at);
  }
}

}  // namespace holdspace::audio
