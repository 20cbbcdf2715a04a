#include "app/ui_session.h"

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
  session->unfinished_ = session->journal_->unfinished_session();
  (void)session->ensure_audio();  // a missing device is shown, not fatal: it may be plugged in
  return session;
}

UiSession::~UiSession() {
  if (audio_) audio_->stop();
}

Status UiSession::ensure_audio() {
  if (audio_) return ok_status();
  auto audio = control::LiveAudio::open({options_.device, options_.buffer_frames});
  if (!audio) {
    audio_problem_ = audio.error().message;
    return audio.error();
  }
  audio_.emplace(std::move(audio.value()));
  audio_problem_.clear();
  return ok_status();
}

Status UiSession::start(const std::string& client) {
  if (controller_) return Error{"a session is already running"};
  if (auto audio = ensure_audio(); !audio) return audio;
  auto controller = control::SessionController::begin(plan_, client, *journal_, clock_, *audio_->engine);
  if (!controller) return controller.error();
  controller_ = std::move(controller.value());
  return audio_->start();
}

Status UiSession::resume_unfinished() {
  if (controller_ || !unfinished_) return Error{"there is no unfinished session"};
  if (auto audio = ensure_audio(); !audio) return audio;
  auto controller = control::SessionController::resume(*unfinished_, *journal_, clock_, *audio_->engine);
  if (!controller) return controller.error();
  controller_ = std::move(controller.value());
  unfinished_.reset();
  return audio_->start();
}

void UiSession::poll() {
  if (controller_) controller_->poll();
}

}  // namespace holdspace::ui
