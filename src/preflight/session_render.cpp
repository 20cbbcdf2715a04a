#include "preflight/session_render.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <vector>

#include "audio/audio_engine.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "journal/journal.h"

namespace holdspace::preflight {
namespace {

constexpr std::int64_t kBlockFrames = 4096;
// After the end-of-session fade, a little silence so the fade's tail is in the file.
constexpr double kTailSeconds = 0.5;

// The throwaway journal's folder, removed when the render is done whatever happens.
class ScratchFolder {
 public:
  ScratchFolder() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("holdspace-preflight-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

session::Command command_of(session::Command::Type type) {
  session::Command command;
  command.type = type;
  return command;
}

}  // namespace

Result<SessionRender> render_session(const session::LoadedPlan& plan, const SessionRenderOptions& options) {
  ScratchFolder scratch;
  auto journal = journal::Journal::open(scratch.path());
  if (!journal) return Error{"preflight: " + journal.error().message};
  // Every listener's pair is rendered, as the device would get it: each has its own level and
  // ceiling.
  audio::EngineConfig engine_config;
  engine_config.sample_rate = options.sample_rate;
  engine_config.listener_pairs = plan.plan.listener_pairs();
  audio::OfflineFeed::configure(engine_config);
  audio::AudioEngine engine(engine_config);
  ManualClock clock;
  auto begun = control::SessionController::begin(plan, "PREFLIGHT", *journal.value(), clock, engine,
                                                 options.loudness_dir);
  if (!begun) return Error{"preflight: " + begun.error().message};
  control::SessionController& controller = *begun.value();
  // After the controller: its threads stop before the controller lets go of its tracks.
  audio::OfflineFeed feed(engine.decoder(), options.decode_threads);

  SessionRender render;
  render.sample_rate = options.sample_rate;
  const double total_seconds = plan.plan.planned_minutes() * 60.0 + plan.plan.fade_out_seconds + kTailSeconds;
  const int channels = 2 * plan.plan.listener_pairs();
  std::vector<float> block(std::size_t(kBlockFrames) * std::size_t(channels));
  double session_seconds = 0.0;
  auto play = [&](double until_seconds) {
    int blocks = 0;
    while (session_seconds < until_seconds) {
      feed.wait_ready(kBlockFrames);
      engine.mixer().process(block.data(), kBlockFrames, channels);
      if (options.on_audio) options.on_audio(block.data(), kBlockFrames, channels);
      render.frames += kBlockFrames;
      session_seconds = double(render.frames) / options.sample_rate;
      clock.advance_seconds(double(kBlockFrames) / options.sample_rate);
      ++blocks;
      controller.poll();  // every block, ~85 ms of session time: as often as a front end polls
      if (options.on_progress && blocks % 256 == 0) options.on_progress(session_seconds, total_seconds);
    }
    controller.poll();
  };

  // Each phase gets its planned minutes; one that would hold is moved on as the therapist would.
  double phase_end = 0.0;
  for (std::size_t p = 0; p < plan.plan.phases.size(); ++p) {
    phase_end += plan.plan.phases[p].minutes * 60.0;
    play(phase_end);
    const int current = controller.snapshot().phase;
    if (p + 1 < plan.plan.phases.size() && current == int(p)) {
      (void)controller.command(command_of(session::Command::Type::Advance));
    }
  }
  (void)controller.command(command_of(session::Command::Type::End));
  play(phase_end + plan.plan.fade_out_seconds + kTailSeconds);
  // A file skipped in one phase is skipped again in the next that plays it: say it once.
  for (auto& message : controller.take_messages()) {
    if (std::find(render.problems.begin(), render.problems.end(), message) == render.problems.end()) {
      render.problems.push_back(std::move(message));
    }
  }

  // What played, and when, as the session recorded it.
  const std::string id = controller.session_id();
  auto events = journal.value()->events(id);
  if (!events) return Error{"preflight: " + events.error().message};
  const std::int64_t origin_ns = events->empty() ? 0 : events->front().session_ns;
  for (const auto& event : events.value()) {
    const double at = double(event.session_ns - origin_ns) / 1e9;
    if (event.type == journal::EventType::PhaseStarted) {
      const int index = event.payload.value("phase", -1);
      if (index < 0 || index >= int(plan.plan.phases.size())) continue;
      render.phases.push_back({plan.plan.phases[std::size_t(index)].name,
                               plan.plan.phases[std::size_t(index)].minutes * 60.0, at});
    } else if (event.type == journal::EventType::TrackStarted) {
      render.tracks.push_back({event.payload.value("phase", -1),
                               std::filesystem::path(event.payload.value("path", std::string())),
                               event.payload.value("title", std::string()), at,
                               event.payload.value("gain_db", 0.0)});
    }
  }
  return render;
}

}  // namespace holdspace::preflight
