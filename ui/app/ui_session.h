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
#include "core/clock.h"
#include "journal/journal.h"
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
  const std::string& audio_problem() const { return audio_problem_; }
  // The record, for the Review view (read-only use: sessions, events, exports).
  journal::Journal& journal() { return *journal_; }
  std::optional<std::string> unfinished() const { return unfinished_; }
  void poll();

 private:
  UiSession() = default;
  Status ensure_audio();

  SessionOptions options_;
  session::LoadedPlan plan_;
  std::unique_ptr<journal::Journal> journal_;
  std::optional<control::LiveAudio> audio_;
  std::string audio_problem_;
  std::optional<std::string> unfinished_;
  SystemClock clock_;
  std::unique_ptr<control::SessionController> controller_;
};

}  // namespace holdspace::ui
