#include "control/device_watch.h"

#include "audio/mixer_messages.h"

namespace holdspace::control {

DeviceWatch::Change DeviceWatch::poll(Clock::time_point now) {
  if (!audio_.started) return Change::None;  // not playing yet, or stopped on purpose
  const std::int64_t frames = audio_.engine->mixer().output_frames();
  if (lost_) {
    const bool playing_again = frames != last_frames_ && audio_.stream->active();
    if (!playing_again && !reopen(now)) return Change::None;
    lost_ = false;
    audio_.lost = false;
    last_frames_ = audio_.engine->mixer().output_frames();
    last_progress_ = now;
    problem_.clear();
    reopen_problem_.clear();
    return Change::Restored;
  }
  if (frames != last_frames_) {
    armed_ = armed_ || last_frames_ >= 0;
    last_frames_ = frames;
    last_progress_ = now;
    return Change::None;
  }
  if (!armed_) return Change::None;
  const bool stalled = now - last_progress_ > kLostAfter;
  const bool inactive = !audio_.stream->active();
  if (!stalled && !inactive) return Change::None;
  problem_ = "the output " + device_name() + (inactive ? " has gone" : " stopped playing");
  // Should the stream come back, it starts from silence: the music as it was when the device
  // went must not burst in. The session brings its music back at the right place.
  audio::MixerCommand silence;
  silence.type = audio::MixerCommand::Type::Silence;
  audio_.engine->mixer().send(silence);
  audio_.lost = true;
  lost_ = true;
  return Change::Lost;
}

bool DeviceWatch::reopen(Clock::time_point now) {
  // A stream PortAudio still calls active may yet play again by itself: never open a second.
  if (audio_.stream->active() || now < next_reopen_) return false;
  next_reopen_ = now + kReopenEvery;
  const auto reopened = audio_.reopen();
  if (!reopened.ok()) reopen_problem_ = reopened.error().message;
  return reopened.ok();
}

DeviceWatch::Change follow_device(DeviceWatch& watch, SessionController& session) {
  const auto change = watch.poll();
  if (change == DeviceWatch::Change::Lost) session.device_lost(watch.device_name(), watch.problem());
  if (watch.lost()) session.device_search_failed(watch.device_name(), watch.reopen_problem());
  if (change == DeviceWatch::Change::Restored) session.device_restored(watch.device_name());
  return change;
}

}  // namespace holdspace::control
