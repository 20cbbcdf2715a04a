// Renders a playlist through the same mixer, with no device, as fast as the CPU allows, into a
// WAV file. The tracks ahead are decoded on other threads (OfflineFeed), but the mixer never
// starts a block before its frames are there, so the same playlist always renders to the same
// samples (for a file that breaks off early, see OfflineFeed). Used for tests and previewing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "audio/offline_feed.h"
#include "audio/playlist_player.h"
#include "audio/true_peak_limiter.h"
#include "core/result.h"

namespace holdspace::audio {

struct RenderOptions {
  int sample_rate = 48000;
  PlayerOptions player;
  // Each track's own gain in dB (loudness matching), asked once per track; none = as they are.
  PlaylistPlayer::GainSource track_gain_db;
  // The limiter's true-peak ceiling, in dBTP.
  double ceiling_db = TruePeakLimiter::kDefaultCeilingDb;
  // Called now and then with (seconds rendered, seconds expected in all).
  std::function<void(double, double)> on_progress;
  // Threads decoding ahead of the mixer; 0 decodes on the calling thread, in step.
  int decode_threads = OfflineFeed::default_threads();
};

struct RenderSummary {
  std::int64_t frames = 0;
  int sample_rate = 0;
  int tracks_played = 0;
  std::vector<std::string> problems;  // skipped tracks and decode failures
  double seconds() const { return sample_rate > 0 ? double(frames) / sample_rate : 0.0; }
};

// Writes 24-bit PCM WAV (RF64 if it would pass WAV's 4 GiB limit). The file is the mixer's
// output through its limiter, aligned to the mix: frame 0 is the first frame of the first track
// (the limiter's look-ahead is dropped at the start and flushed at the end), and it is exactly
// as long as the tracks and crossfades.
Result<RenderSummary> render_playlist(const std::vector<playlist::PlaylistEntry>& entries,
                                      const std::filesystem::path& out_path,
                                      const RenderOptions& options);

}  // namespace holdspace::audio
