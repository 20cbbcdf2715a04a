// Offline renders decode the tracks ahead on other threads (audio::OfflineFeed). The mixer must
// still never start a block before its frames are there: a render decoded ahead must be sample
// for sample the render decoded in step, on the calling thread. A block mixed too soon would
// hold a starved deck's fade to silence, and the two would differ.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "audio/offline_renderer.h"
#include "control/track_levels.h"
#include "loudness/analyzer.h"
#include "loudness/loudness_cache.h"
#include "preflight/session_render.h"
#include "session/plan.h"
#include "support/test_audio.h"

using namespace holdspace;
using holdspace::test::TempDir;

namespace {

// Tracks that keep the decoders busy in different ways: Ogg Vorbis (the costly decode), rates
// that need resampling and one that does not, a track shorter than the crossfade, and a file
// that is missing.
std::vector<playlist::PlaylistEntry> varied_playlist(const TempDir& dir) {
  struct Track {
    const char* name;
    int format;
    int rate;
    double seconds;
    double hz;
  };
  const Track tracks[] = {
      {"a.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 6.0, 220.0},
      {"b.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 3.0, 330.0},
      {"short.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 32000, 0.4, 440.0},
      {"c.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 5.0, 550.0},
      {"d.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 96000, 4.0, 660.0},
  };
  std::vector<playlist::PlaylistEntry> entries;
  int line = 1;
  for (const Track& track : tracks) {
    test::write_audio(dir / track.name, track.format, track.rate, 2, std::int64_t(track.seconds * track.rate),
                      test::sine(track.hz, track.rate, 0.4f));
    entries.push_back(test::entry_for(dir / track.name, line++));
    if (line == 3) entries.push_back(test::entry_for(dir / "missing.wav", line++));
  }
  return entries;
}

test::DecodedAudio render_with(const std::vector<playlist::PlaylistEntry>& entries, const TempDir& dir,
                               int threads) {
  audio::RenderOptions options;
  options.player.crossfade_seconds = 1.0;
  options.decode_threads = threads;
  const auto out = dir / ("out-" + std::to_string(threads) + ".wav");
  auto summary = audio::render_playlist(entries, out, options);
  REQUIRE(summary.ok());
  CHECK(summary->tracks_played == 5);
  CHECK(summary->problems.size() == 1);  // the missing file
  return test::read_audio(out);
}

std::vector<float> session_with(const session::LoadedPlan& plan, const TempDir& data, int threads) {
  preflight::SessionRenderOptions options;
  options.loudness_dir = data.path();
  options.decode_threads = threads;
  std::vector<float> heard;
  options.on_audio = [&heard](const float* block, std::int64_t frames, int channels) {
    heard.insert(heard.end(), block, block + frames * channels);
  };
  auto render = preflight::render_session(plan, options);
  REQUIRE(render.ok());
  CHECK(render->tracks.size() >= 5);
  return heard;
}

// The first sample where two renders part, or -1: printing millions of samples is no help.
std::int64_t first_difference(const std::vector<float>& a, const std::vector<float>& b) {
  const auto parted = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return parted.first == a.end() && parted.second == b.end() ? -1 : std::int64_t(parted.first - a.begin());
}

}  // namespace

TEST_CASE("a playlist decoded ahead on threads renders sample for sample as one decoded in step",
          "[render][thread]") {
  TempDir dir;
  const auto entries = varied_playlist(dir);
  const auto in_step = render_with(entries, dir, 0);
  REQUIRE(in_step.frames() > 48000 * 15);
  for (int threads : {1, 2, 4}) {
    INFO(threads << " decoding threads");
    const auto ahead = render_with(entries, dir, threads);
    REQUIRE(ahead.frames() == in_step.frames());
    // Exact: the same decoders and mixer, only on other threads.
    CHECK(first_difference(ahead.samples, in_step.samples) == -1);
  }
}

TEST_CASE("a session rendered for preflight decodes ahead and hears the same as in step",
          "[render][thread]") {
  TempDir dir;
  const auto entries = varied_playlist(dir);
  {
    std::ofstream list(dir / "music.m3u8");
    for (const auto& entry : entries) list << entry.path.filename().string() << "\n";
  }
  std::ofstream(dir / "plan.toml") << "name = \"Decoded ahead\"\n"
                                      "fade_out_seconds = 2\n"
                                      "[[phase]]\n"
                                      "name = \"Only\"\n"
                                      "minutes = 0.5\n"
                                      "playlist = \"music.m3u8\"\n"
                                      "fade_in_seconds = 1\n"
                                      "track_crossfade_seconds = 1\n";
  auto plan = session::load_plan(dir / "plan.toml");
  REQUIRE(plan.ok());
  // As preflight does: every track measured first, so each plays at its gain from its first
  // frame rather than whenever a background measurement lands.
  TempDir data;
  auto cache = loudness::LoudnessCache::open(loudness::LoudnessCache::default_file(data.path()));
  REQUIRE(cache.ok());
  loudness::analyze_files(control::plan_tracks(plan->plan), cache->get(), 2, {});
  const auto in_step = session_with(plan.value(), data, 0);
  const auto ahead = session_with(plan.value(), data, 2);
  REQUIRE(in_step.size() > 2 * 48000 * 25);
  REQUIRE(ahead.size() == in_step.size());
  CHECK(first_difference(ahead, in_step) == -1);
}
