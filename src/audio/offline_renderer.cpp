#include "audio/offline_renderer.h"

#include <sndfile.h>

#include <algorithm>
#include <memory>

#include "audio/audio_engine.h"
#include "audio/gain_ramps.h"
#include "audio/offline_feed.h"

namespace holdspace::audio {
namespace {

// The player is polled once per block, so a block is kept short (~21 ms): two queued tracks
// then always cover the gap until the next poll, however short they are.
constexpr std::int64_t kBlockFrames = 1024;

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

// A rough upper bound of the output length, for the progress bar and the choice of container.
double estimated_seconds(const std::vector<playlist::PlaylistEntry>& entries) {
  double total = 0.0;
  for (const auto& entry : entries) {
    if (auto info = probe_audio_file(entry.path)) total += info->seconds();
  }
  return total;
}

Result<SndfileHandle> open_output(const std::filesystem::path& path, int rate, double seconds) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 2;
  // 3 bytes x 2 channels: past ~4 GiB a plain WAV header overflows, so switch to RF64.
  const double bytes = seconds * rate * 6.0;
  info.format = (bytes > 4.0e9 ? SF_FORMAT_RF64 : SF_FORMAT_WAV) | SF_FORMAT_PCM_24;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!file) return Error{path.string() + ": cannot write: " + sf_strerror(nullptr)};
  return SndfileHandle(file);
}

}  // namespace

Result<RenderSummary> render_playlist(const std::vector<playlist::PlaylistEntry>& entries,
                                      const std::filesystem::path& out_path,
                                      const RenderOptions& options) {
  EngineConfig config;
  config.sample_rate = options.sample_rate;
  OfflineFeed::configure(config);
  AudioEngine engine(config);
  PlayerOptions player_options = options.player;
  player_options.loop = false;  // a looping render would never end
  PlaylistPlayer player(engine, entries, player_options);
  if (options.track_gain_db) player.set_gain_source(options.track_gain_db);
  MixerCommand ceiling;
  ceiling.type = MixerCommand::Type::SetCeiling;
  ceiling.gain = decibels_to_gain(options.ceiling_db);
  engine.mixer().send(ceiling);  // an empty queue: it fits, and comes before the first track
  RenderSummary summary;
  summary.sample_rate = options.sample_rate;
  if (!player.start()) {
    std::string reasons;
    for (const auto& message : player.take_messages()) reasons += "; " + message;
    return Error{"nothing to render: no track in the playlist could be opened" + reasons};
  }
  const double expected_seconds = estimated_seconds(entries);
  auto output = open_output(out_path, options.sample_rate, expected_seconds);
  if (!output) return output.error();

  // The output lags the mix by the limiter's look-ahead: output frame o carries mix frame
  // o - latency. The file holds mix frames 0 .. end_frame exactly, so the first `latency`
  // output frames (the limiter filling up) are dropped, and after the last track ends the mixer
  // runs on, mixing silence, until the limiter has let its last frame out.
  const std::int64_t latency = engine.mixer().latency_frames();
  std::vector<float> block(std::size_t(kBlockFrames * 2));
  std::int64_t since_progress = 0;
  bool finished = false;
  // Declared after the player: its threads stop before the player detaches its tracks.
  OfflineFeed feed(engine.decoder(), options.decode_threads);
  while (true) {
    feed.wait_ready(kBlockFrames);
    engine.mixer().process(block.data(), kBlockFrames, 2);
    if (!finished) {
      player.poll();
      finished = player.finished();
    }
    const std::int64_t mix_start = engine.mixer().output_frames() - kBlockFrames - latency;
    const std::int64_t from = std::clamp<std::int64_t>(-mix_start, 0, kBlockFrames);
    std::int64_t to = kBlockFrames;
    // The last track ends inside this block: keep exactly up to its last frame.
    if (finished) to = std::clamp<std::int64_t>(player.end_frame() - mix_start, 0, kBlockFrames);
    const std::int64_t keep = std::max<std::int64_t>(0, to - from);
    if (keep > 0 && sf_writef_float(output->get(), block.data() + from * 2, keep) != keep) {
      return Error{out_path.string() + ": write failed: " + sf_strerror(output->get())};
    }
    summary.frames += keep;
    since_progress += keep;
    const bool done = finished && mix_start + kBlockFrames >= player.end_frame();
    if (options.on_progress && (since_progress >= options.sample_rate * 10 || done)) {
      options.on_progress(summary.seconds(), expected_seconds);
      since_progress = 0;
    }
    if (done) break;
  }
  summary.tracks_played = player.tracks_started();
  summary.problems = player.take_messages();
  return summary;
}

}  // namespace holdspace::audio
