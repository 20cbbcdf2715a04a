// The app's side of a session: the plan, the journal and the live audio, and the controller
// once the therapist starts (or resumes) the session. The views only read snapshots from it
// and send it commands.
#pragma once

#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "control/device_watch.h"
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
  // Where the therapist hears previews: empty = the client's output, and then only while no
  // session runs. Any other device lets the therapist preview during a session.
  std::string preview_device;
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
  // Quiet playback of one track while preparing. On the client's output it is refused while a
  // session runs; on the therapist's own preview output it is not, and never reaches the client.
  Status preview(const std::filesystem::path& track);
  void stop_preview();
  bool previewing() const { return preview_ && preview_->playing(); }
  const std::filesystem::path* previewed_track() const;
  // The therapist's preview output ("" = the client's output). A device that will not open, or
  // that is the client's own output, is refused in one line and the choice stays as it was.
  Status set_preview_device(const std::string& name);
  const std::string& preview_device() const { return options_.preview_device; }
  // Every output device, for the picker; empty if PortAudio cannot start.
  std::vector<audio::OutputDeviceInfo> output_devices() const;
  const std::string& audio_problem() const { return audio_problem_; }
  // The record, for the Review view (read-only use: sessions, events, exports).
  journal::Journal& journal() { return *journal_; }
  // Track loudness measured in the background for the Prepare view, remembered in the same
  // cache a session and preflight read, so what is measured while preparing is not measured
  // again at Start.
  loudness::BackgroundAnalysis& loudness() { return *loudness_; }
  std::optional<std::string> unfinished() const { return unfinished_; }
  // The session's latest messages (a file skipped, a track not measured, the output lost),
  // newest last: a few, so a three-hour session does not pile them up.
  const std::deque<std::string>& recent_messages() const { return recent_messages_; }
  void poll();

 private:
  UiSession() = default;
  Status ensure_audio();
  Status ensure_audio_started();
  Result<audio::AudioEngine*> preview_engine();
  void finish_preview();
  void watch_device();

  SessionOptions options_;
  session::LoadedPlan plan_;
  std::unique_ptr<journal::Journal> journal_;
  std::unique_ptr<loudness::LoudnessCache> loudness_cache_;  // null if it cannot be opened
  std::unique_ptr<loudness::BackgroundAnalysis> loudness_;
  std::optional<control::LiveAudio> audio_;
  bool audio_started_ = false;
  std::optional<control::DeviceWatch> device_watch_;  // once audio_ plays
  std::optional<control::LiveAudio> preview_audio_;  // the therapist's own output, if chosen
  bool preview_audio_started_ = false;
  std::unique_ptr<control::TrackPreview> preview_;  // on preview_audio_, or else on audio_
  std::string audio_problem_;
  std::optional<std::string> unfinished_;
  std::deque<std::string> recent_messages_;
  SystemClock clock_;
  std::unique_ptr<control::SessionController> controller_;
};

}  // namespace holdspace::ui
