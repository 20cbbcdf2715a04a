// The real-time mixer: decks fed by stream slots, each at its track's own gain, crossfades,
// fades, the master gain, and at the very end the true-peak limiter that holds the ceiling.
//
// process() runs inside the PortAudio callback (or the offline renderer, identically).
// Real-time contract: process() never allocates, locks, does I/O, logs or throws. It learns
// what to do only from a fixed SPSC command queue and reports back through a fixed SPSC event
// queue and atomics. Every buffer it touches (the limiter's too) is allocated in the
// constructor, sized for kMaxBlockFrames; larger device blocks are rendered in pieces. The deck
// and pending arrays are fixed-size for the same reason: nothing may grow on the audio thread.
//
// The signal path, per chunk: each deck x (track gain x fade x underrun recovery), summed;
// x master gain; non-finite samples to silence. That shared mix then feeds each listener's
// stereo pair: x the pair's own gain; the pair's own limiter (which delays everything by
// latency_frames()); a last clamp to full scale. The first pair goes to channels 1-2; in a
// couples session (listener_pairs = 2, a device with 4 or more channels) the second goes to
// channels 3-4. With one pair at gain 1 the output is bit-identical to a mixer without pairs.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "audio/gain_ramps.h"
#include "audio/mixer_messages.h"
#include "audio/spsc_queue.h"
#include "audio/stream_slot.h"
#include "audio/true_peak_limiter.h"

namespace holdspace::audio {

class Mixer {
 public:
  static constexpr std::int64_t kMaxBlockFrames = 4096;
  // The shortest ramp for any audible change (~10 ms at 48 kHz): shorter is heard as a click.
  static constexpr std::int64_t kMinimumFadeFrames = 480;
  // When a ring runs dry, the last frames that arrived are faded over this many (~1.3 ms).
  static constexpr std::int64_t kStarveFadeFrames = 64;
  // "Stop now" (FadeOut with 0 frames) still fades, over this long: never a cut.
  static constexpr double kStopFadeSeconds = 0.05;
  // A track's own gain is held to this (+24 dB): more is a bug upstream, not a quiet track.
  static constexpr float kMaxTrackGain = 15.85f;

  // Stereo pairs of the output, one per listener: channels 1-2, and 3-4 in a couples session.
  static constexpr int kMaxListenerPairs = 2;

  // `sample_rate` sets the limiter's times and the stop ramp in frames. `listener_pairs` (1 or
  // 2) is how many stereo pairs are rendered; the second pair's buffer and limiter are made
  // here either way, so nothing is allocated later.
  explicit Mixer(std::array<StreamSlot*, kSlotCount> slots, int sample_rate = 48000, int listener_pairs = 1);

  // Control thread. False if the command queue is full: keep the command and send it again.
  bool send(const MixerCommand& command) { return commands_.push(command); }
  bool next_event(MixerEvent& event) { return events_.pop(event); }

  // Audio thread: renders `frames` frames into `out`, interleaved with `out_channels` channels
  // (the first pair to the first two, the second pair, if rendered, to channels 3-4; any others
  // are silent).
  void process(float* out, std::int64_t frames, int out_channels);

  // Any thread.
  std::int64_t frames_played(int slot) const { return played_[slot].load(std::memory_order_relaxed); }
  std::int64_t underruns() const { return underruns_.load(std::memory_order_relaxed); }
  std::int64_t output_frames() const { return output_frames_.load(std::memory_order_relaxed); }
  std::int64_t dropped_events() const { return dropped_events_.load(std::memory_order_relaxed); }
  float master_gain() const { return master_gain_.load(std::memory_order_relaxed); }
  int listener_pairs() const { return listener_pairs_; }
  // A pair's own gain, after the master (1 unless its listener is set lower).
  float pair_gain(int pair) const { return pair_gains_[std::size_t(pair)].load(std::memory_order_relaxed); }
  // The lowest gain the first pair's limiter applied in the last block (1 = it did nothing).
  float limiter_gain() const { return limiter_gain_.load(std::memory_order_relaxed); }
  // How far the output lags the mix (the limiter's look-ahead): what the decks mix on frame f,
  // and every event with at_frame f, is heard on output frame f + latency_frames().
  std::int64_t latency_frames() const { return pairs_[0].limiter.latency_frames(); }
  // The ramp a "stop now" fades over.
  std::int64_t stop_fade_frames() const { return stop_fade_frames_; }
  // How many events process() has posted so far (also those dropped on a full queue). The
  // callback may not wake anyone itself (that would be a syscall), so the decode worker watches
  // this count and wakes the control thread when it moves.
  std::uint64_t events_posted() const { return events_posted_.load(std::memory_order_acquire); }

 private:
  struct Deck {
    bool active = false;
    bool ending = false;   // fading out; released when the fade reaches silence
    bool starved = false;  // its ring ran dry; it fades back in when audio returns
    std::uint64_t track_id = 0;
    std::int64_t played = 0;
    LinearGainRamp gain;       // the track's own gain (it moves when a late measurement lands)
    FadeEnvelope envelope;     // fades and crossfades
    LinearGainRamp recovery;   // the short fade-in after an underrun
  };
  struct Pending {
    int slot = -1;
    std::uint64_t track_id = 0;
    std::int64_t crossfade = 0;
    float gain = 1.0f;
  };
  // One listener's stereo pair: its own gain and its own limiter after the shared mix.
  struct Pair {
    Pair(int sample_rate, std::int64_t max_block)
        : limiter(sample_rate, max_block), buffer(std::make_unique<float[]>(std::size_t(max_block * 2))) {}
    LinearGainRamp gain;
    TruePeakLimiter limiter;
    std::unique_ptr<float[]> buffer;  // the second pair's copy of the mix for one chunk
  };
  enum class DeckOutcome { Playing, Ended, Starved };

  void apply(const MixerCommand& command);
  void start_deck(int slot, std::uint64_t track_id, float gain, std::int64_t fade_frames, std::int64_t at);
  void start_next_pending(std::int64_t fade_frames, std::int64_t at);
  void release_deck(int slot, std::int64_t at);
  void take_pending(const MixerCommand& command);
  bool any_deck_active() const;
  static std::size_t pair_of(const MixerCommand& command);
  bool track_complete(int slot) const;
  std::int64_t follow_on_fade(int ending_slot) const;
  void drop_all_pending();
  void reject(const MixerCommand& command);
  void render_chunk(std::int64_t frames);
  void finish_chunk(float* target, std::int64_t frames, int out_channels);
  void render_pair(Pair& pair, float* stereo, std::int64_t frames);
  void render_current(std::int64_t offset, std::int64_t count);
  DeckOutcome mix_deck(int slot, std::int64_t offset, std::int64_t count, std::int64_t& consumed);
  std::int64_t remaining_frames(int slot) const;
  void emit(MixerEvent::Type type, int slot, std::uint64_t track_id, std::int64_t at, std::int64_t frames);

  std::array<StreamSlot*, kSlotCount> slots_;
  std::array<Deck, kSlotCount> decks_{};
  std::array<Pending, kMaxPending> pending_{};
  int pending_count_ = 0;
  int current_ = -1;
  bool fading_out_all_ = false;
  bool starved_this_block_ = false;
  std::int64_t clock_ = 0;  // output frames rendered before the current chunk
  LinearGainRamp master_;
  int listener_pairs_;
  std::array<Pair, kMaxListenerPairs> pairs_;
  std::int64_t stop_fade_frames_;

  SpscQueue<MixerCommand, 64> commands_;
  SpscQueue<MixerEvent, 256> events_;
  std::unique_ptr<float[]> deck_buffer_;  // one deck's frames for one chunk
  std::unique_ptr<float[]> mix_buffer_;   // the stereo sum for one chunk

  std::array<std::atomic<std::int64_t>, kSlotCount> played_{};
  std::atomic<std::int64_t> underruns_{0};
  std::atomic<std::int64_t> output_frames_{0};
  std::atomic<std::int64_t> dropped_events_{0};
  std::atomic<float> master_gain_{1.0f};
  std::atomic<float> limiter_gain_{1.0f};
  std::array<std::atomic<float>, kMaxListenerPairs> pair_gains_{};
  std::atomic<std::uint64_t> events_posted_{0};
  static_assert(std::atomic<std::uint64_t>::is_always_lock_free, "the callback only touches lock-free atomics");
};

}  // namespace holdspace::audio
