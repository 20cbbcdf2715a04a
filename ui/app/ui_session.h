// The app's side of a session: the plan, the journal and the live audio, and the controller
// once the therapist starts (or resumes) the session. The views only read snapshots from it
// and send it commands.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "control/live_audio.h"
#include "control/session_controller.h"
#include "control/track_preview.h"
#include "core/clock.h"
#include "journal/journal.h"
#include "loudness/analyzer.h"
#include "loudness/loudness_cache.h"
#include "session/plan.h"

namespace holdspace::ui {

struct SessionOptions {
  std::filesystem::path plan;
  std::string client;
  std::string device;
  std::string data_dir;
  int buffer_frames = 0;
};

class UiSession {
 public:
  // The plan and the journal must open; the audio device may be missing (the view says so).
  static Result<std::unique_ptr<UiSession>> open(const SessionOptions& options);
  ~UiSession();

  Status start(const std::string& client);
  Status resume_unfinished();
  bool running() const { return controller_ != nullptr; }
  control::SessionController* controller() { return controller_.get(); }
  const session::Plan& plan() const { return plan_.plan; }
  const std::vector<session::PlanWarning>& plan_warnings() const { return plan_.warnings; }
  // The plan the next session runs (after the Prepare view opened or saved one). Refused while
  // a session runs: it keeps the plan it started with.
  Status use_plan(session::LoadedPlan plan);
  // Quiet playback of one track while preparing; refused while a session runs, because the
  // only output is the client's headphones.
  Status preview(const std::filesystem::path& track);
  void stop_preview();
  bool previewing() const { return preview_ && preview_->playing(); }
  const std::filesystem::path* previewed_track() const;
  const std::string& audio_problem() const { return audio_problem_; }
  // The record, for the Review view (read-only use: sessions, events, exports).
  journal::Journal& journal() { return *journal_; }
  // Track loudness measured in the background for the Prepare view, remembered in the same
  // cache a session and preflight read, so what is measured while preparing is not measured
  // again at Start.
  loudness::BackgroundAnalysis& loudness() { return *loudness_; }
  std::optional<std::string> unfinished() const { return unfinished_; }
  void poll();

 private:
  UiSession() = default;
  Status ensure_audio();
  Status ensure_audio_started();
  void finish_preview();

  SessionOptions options_;
  session::LoadedPlan plan_;
  std::unique_ptr<journal::Journal> journal_;
  std::unique_ptr<loudness::LoudnessCache> loudness_cache_;  // null if it cannot be opened
  std::unique_ptr<loudness::BackgroundAnalysis> loudness_;
  std::optional<control::LiveAudio> audio_;
  bool audio_started_ = false;
  std::unique_ptr<control::TrackPreview> preview_;
  std::string audio_problem_;
  std::optional<std::string> unfinished_;
  SystemClock clock_;
  std::unique_ptr<control::SessionController> controller_;
};

}  // namespace holdspace::ui
