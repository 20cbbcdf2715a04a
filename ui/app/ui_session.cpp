#include "app/ui_session.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "app/app_window.h"
#include "control/preview_output.h"

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
  if (!options.preview_device.empty()) {
    session->options_.preview_device.clear();
    if (auto chosen = session->set_preview_device(options.preview_device); !chosen) return chosen.error();
  }
  return session;
}

UiSession::~UiSession() {
  preview_.reset();
  if (preview_audio_) preview_audio_->stop();
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
  device_watch_.emplace(*audio_);
  return ok_status();
}

Status UiSession::start(const std::string& client) {
  if (controller_) return Error{"a session is already running"};
  if (auto audio = ensure_audio(); !audio) return audio;
  if (options_.preview_device.empty()) finish_preview();  // on the therapist's output it goes on
  auto controller = control::SessionController::begin(plan_, client, *journal_, clock_, *audio_->engine);
  if (!controller) return controller.error();
  controller_ = std::move(controller.value());
  return ensure_audio_started();
}

Status UiSession::resume_unfinished() {
  if (controller_ || !unfinished_) return Error{"there is no unfinished session"};
  if (auto audio = ensure_audio(); !audio) return audio;
  if (options_.preview_device.empty()) finish_preview();
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
  auto engine = preview_engine();
  if (!engine) return engine.error();
  if (!preview_) preview_ = std::make_unique<control::TrackPreview>(*engine.value());
  return preview_->play(track);
}

Result<audio::AudioEngine*> UiSession::preview_engine() {
  if (preview_audio_) {
    if (!preview_audio_started_) {
      if (auto started = preview_audio_->start(); !started) return started.error();
      preview_audio_started_ = true;
    }
    return preview_audio_->engine.get();
  }
  if (controller_) {
    return Error{"the client's output is in use by the session; choose your own output under \"Preview on\""};
  }
  if (auto audio = ensure_audio_started(); !audio) return audio.error();
  return audio_->engine.get();
}

Status UiSession::set_preview_device(const std::string& name) {
  if (name == options_.preview_device) return ok_status();
  std::optional<control::LiveAudio> opened;
  if (!name.empty()) {
    auto audio = control::open_preview_output(name, options_.device, options_.buffer_frames);
    if (!audio) return audio.error();
    opened.emplace(std::move(audio.value()));
  }
  // The preview playing now fades out where it plays, before its output goes away.
  finish_preview();
  if (preview_audio_) preview_audio_->stop();
  preview_audio_ = std::move(opened);
  preview_audio_started_ = false;
  // The full name, so the picker shows the device itself even when a part of its name was given.
  options_.preview_device = preview_audio_ ? preview_audio_->device.qualified_name() : "";
  return ok_status();
}

std::vector<audio::OutputDeviceInfo> UiSession::output_devices() const {
  if (audio_) return audio_->system->output_devices();
  if (preview_audio_) return preview_audio_->system->output_devices();
  auto system = audio::PortAudioSystem::start();
  return system ? system.value()->output_devices() : std::vector<audio::OutputDeviceInfo>{};
}

void UiSession::stop_preview() {
  if (preview_) preview_->stop();
}

const std::filesystem::path* UiSession::previewed_track() const {
  return previewing() ? &preview_->path() : nullptr;
}

// A session must have the client's engine to itself: the preview fades out (quickly) and lets
// go of its mixer slots before the session's music starts. Also used before a preview output
// is closed.
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
  watch_device();
  if (controller_) {
    controller_->poll();
    constexpr std::size_t kKeep = 3;
    for (auto& message : controller_->take_messages()) {
      recent_messages_.push_back(std::move(message));
      if (recent_messages_.size() > kKeep) recent_messages_.pop_front();
    }
  }
  if (preview_) preview_->poll();
}

// The client's output lost and back: recorded by the session, and shown either way.
void UiSession::watch_device() {
  if (!device_watch_) return;
  const auto change = controller_ ? control::follow_device(*device_watch_, *controller_) : device_watch_->poll();
  if (device_watch_->lost()) {
    audio_problem_ = device_watch_->problem();
  } else if (change == control::DeviceWatch::Change::Restored) {
    audio_problem_.clear();
  }
}

}  // namespace holdspace::ui
