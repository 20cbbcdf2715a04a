#include "app/ui_session.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "app/app_window.h"

namespace holdspace::ui {

Result<std::unique_ptr<UiSession>> UiSession::open(const SessionOptions& options) {
  std::unique_ptr<UiSession> session(new UiSession());
  session->options_ = options;
  auto plan = session::load_plan(options.plan);
  if (!plan) return plan.error();
  session->plan_ = std::move(plan.value());
  auto journal = journal::Journal::open(options.data_dir.empty() ? journal::default_data_dir()
                                                                 : std::filesystem::path(options.data_dir));
  if (!journal) return journal.error();
  session->journal_ = std::move(journal.value());
  if (auto cache = loudness::LoudnessCache::open(
          loudness::LoudnessCache::default_file(session->journal_->path().parent_path()))) {
    session->loudness_cache_ = std::move(cache.value());
  }
  // One thread: during a session the other core belongs to the audio.
  session->loudness_ = std::make_unique<loudness::BackgroundAnalysis>(session->loudness_cache_.get(), 1);
  session->loudness_->set_on_finished(AppWindow::wake);  // each result shows as it comes
  session->unfinished_ = session->journal_->unfinished_session();
  (void)session->ensure_audio();  // a missing device is shown, not fatal: it may be plugged in
  return session;
}

UiSession::~UiSession() {
  preview_.reset();
  if (audio_) audio_->stop();
}

Status UiSession::ensure_audio() {
  if (audio_) return ok_status();
  // A couples plan (or an unfinished couples session) needs the device's channels 3-4 too.
  int pairs = plan_.plan.listener_pairs();
  if (unfinished_) pairs = std::max(pairs, control::SessionController::listener_pairs_of(*unfinished_, *journal_));
  auto audio = control::LiveAudio::open({options_.device, options_.buffer_frames, pairs});
  if (!audio) {
    audio_problem_ = audio.error().message;
    return audio.error();
  }
  audio_.emplace(std::move(audio.value()));
  // A track that starts or ends, or a file that fails to decode, is shown at once rather than
  // at the next half-second frame.
  audio_->engine->set_wake(AppWindow::wake);
  audio_problem_.clear();
  return ok_status();
}

Status UiSession::ensure_audio_started() {
  if (auto audio = ensure_audio(); !audio) return audio;
  if (audio_started_) return ok_status();
  if (auto started = audio_->start(); !started) return started;
  audio_started_ = true;
  return ok_status();
}

Status UiSession::start(const std::string& client) {
  if (controller_) return Error{"a session is already running"};
  if (auto audio = ensure_audio(); !audio) return audio;
  finish_preview();
  auto controller = control::SessionController::begin(plan_, client, *journal_, clock_, *audio_->engine);
  if (!controller) return controller.error();
  controller_ = std::move(controller.value());
  return ensure_audio_started();
}

Status UiSession::resume_unfinished() {
  if (controller_ || !unfinished_) return Error{"there is no unfinished session"};
  if (auto audio = ensure_audio(); !audio) return audio;
  finish_preview();
  auto controller = control::SessionController::resume(*unfinished_, *journal_, clock_, *audio_->engine);
  if (!controller) return controller.error();
  controller_ = std::move(controller.value());
  unfinished_.reset();
  return ensure_audio_started();
}

Status UiSession::use_plan(session::LoadedPlan plan) {
  if (controller_) return Error{"the running session keeps the plan it started with"};
  plan_ = std::move(plan);
  return ok_status();
}

Status UiSession::preview(const std::filesystem::path& track) {
  if (controller_) return Error{"no preview during a session: it would play in the client's headphones"};
  if (auto audio = ensure_audio_started(); !audio) return audio;
  if (!preview_) preview_ = std::make_unique<control::TrackPreview>(*audio_->engine);
  return preview_->play(track);
}

void UiSession::stop_preview() {
  if (preview_) preview_->stop();
}

const std::filesystem::path* UiSession::previewed_track() const {
  return previewing() ? &preview_->path() : nullptr;
}

// A session must have the engine to itself: the preview fades out (quickly) and lets go of its
// mixer slots before the session's music starts.
void UiSession::finish_preview() {
  if (!preview_) return;
  preview_->stop();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!preview_->idle() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    preview_->poll();
  }
  preview_.reset();
}

void UiSession::poll() {
  if (controller_) controller_->poll();
  if (preview_) preview_->poll();
}

}  // namespace holdspace::ui
