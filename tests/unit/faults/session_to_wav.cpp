#include "session_to_wav.h"

#include <sndfile.h>

#include <memory>
#include <vector>

#include "audio/audio_engine.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "journal/journal.h"
#include "session/plan.h"

namespace holdspace::test {
namespace {

constexpr int kBlockFrames = 1024;
constexpr int kBlocksPerPoll = 4;  // ~85 ms: a front end polls every few tens of milliseconds
constexpr double kQuietToStopSeconds = 1.0;

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};

}  // namespace

Result<std::string> render_session_to_wav(const std::filesystem::path& plan_path,
                                          const std::filesystem::path& data_dir,
                                          const std::filesystem::path& wav, double max_seconds) {
  auto plan = session::load_plan(plan_path);
  if (!plan) return plan.error();
  auto journal = journal::Journal::open(data_dir);
  if (!journal) return journal.error();
  audio::AudioEngine engine(audio::EngineConfig{});
  ManualClock clock;
  auto begun = control::SessionController::begin(plan.value(), "FAULTS", *journal.value(), clock, engine);
  if (!begun) return begun.error();
  control::SessionController& controller = *begun.value();

  SF_INFO info{};
  info.samplerate = engine.sample_rate();
  info.channels = 2;
  info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  std::unique_ptr<SNDFILE, SndfileCloser> out(sf_open(wav.c_str(), SFM_WRITE, &info));
  if (!out) return Error{wav.string() + ": cannot write: " + sf_strerror(nullptr)};

  std::vector<float> block(2 * kBlockFrames);
  auto pump = [&](int blocks) {
    for (int i = 0; i < blocks; ++i) {
      engine.decoder().fill_all();
      engine.mixer().process(block.data(), kBlockFrames, 2);
      sf_writef_float(out.get(), block.data(), kBlockFrames);
      clock.advance_seconds(double(kBlockFrames) / engine.sample_rate());
    }
    controller.poll();
  };

  const double poll_seconds = double(kBlocksPerPoll * kBlockFrames) / engine.sample_rate();
  bool music_began = false;
  double quiet_seconds = 0.0;
  for (double played = 0.0; played < max_seconds; played += poll_seconds) {
    pump(kBlocksPerPoll);
    const bool playing = controller.snapshot().track.index >= 0;
    music_began = music_began || playing;
    quiet_seconds = playing ? 0.0 : quiet_seconds + poll_seconds;
    if (music_began && quiet_seconds >= kQuietToStopSeconds) break;
  }
  session::Command end;
  end.type = session::Command::Type::End;
  if (auto ended = controller.command(end); !ended) return ended.error();
  pump(kBlocksPerPoll);
  return controller.session_id();
}

}  // namespace holdspace::test
