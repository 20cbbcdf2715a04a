// A whole session rendered offline, ahead of time, through the same controller, timeline and
// engine a live session uses: each phase at its planned length (a phase that would wait for
// the therapist moves on when its minutes are up), the playlists looping as they would, every
// fade, crossfade, phase level and the bell, and then the end-of-session fade. Nothing here
// touches a device or the therapist's journal: the session is recorded in a throwaway journal.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "audio/offline_feed.h"
#include "core/result.h"
#include "session/plan.h"

namespace holdspace::preflight {

struct RenderedPhase {
  std::string name;
  double planned_seconds = 0.0;
  double start_seconds = 0.0;  // on the render's clock
};

struct RenderedTrack {
  int phase = -1;
  std::filesystem::path path;
  std::string title;
  double start_seconds = 0.0;
  double gain_db = 0.0;  // its loudness-matching gain
};

struct SessionRender {
  int sample_rate = 0;
  std::int64_t frames = 0;
  std::vector<RenderedPhase> phases;
  std::vector<RenderedTrack> tracks;  // in the order they started
  std::vector<std::string> problems;  // skipped tracks, decode failures, tracks not measured
  double seconds() const { return sample_rate > 0 ? double(frames) / sample_rate : 0.0; }
};

struct SessionRenderOptions {
  int sample_rate = 48000;
  std::filesystem::path loudness_dir;  // where the loudness cache is (the data folder)
  // Every rendered block, in order, interleaved: stereo, or for a couples plan 4 channels (the
  // first listener's pair, then the second's).
  std::function<void(const float* interleaved, std::int64_t frames, int channels)> on_audio;
  // Now and then: (seconds rendered, seconds in all).
  std::function<void(double, double)> on_progress;
  // Threads decoding ahead of the mixer (audio::OfflineFeed); 0 decodes in step, on this one.
  int decode_threads = audio::OfflineFeed::default_threads();
};

Result<SessionRender> render_session(const session::LoadedPlan& plan, const SessionRenderOptions& options);

}  // namespace holdspace::preflight
