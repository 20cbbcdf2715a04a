// Watches the client's live output during a session. A device is lost when its callback stops
// coming (a JACK server gone, a USB interface pulled, a stalled driver): the mixer's clock stands
// still, or PortAudio says the stream is no longer active. The session clock never depends on
// it. The device is back when the same stream starts calling again (a stall), or when a stream
// PortAudio has let go of can be opened afresh (a JACK server restarted, an interface plugged in
// again), which is tried once a second. The music was stopped at the loss, so it comes back from
// silence, where the session puts it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "control/live_audio.h"
#include "control/session_controller.h"

namespace holdspace::control {

class DeviceWatch {
 public:
  using Clock = std::chrono::steady_clock;
  // A callback this late is a lost device: a working one calls every few milliseconds.
  static constexpr std::chrono::milliseconds kLostAfter{500};
  // How often a gone device is looked for. Each try starts PortAudio afresh on this thread,
  // which takes a few tens of milliseconds.
  static constexpr std::chrono::milliseconds kReopenEvery{1000};

  enum class Change { None, Lost, Restored };

  explicit DeviceWatch(LiveAudio& audio) : audio_(audio) {}

  // Call often, from the thread that owns the LiveAudio. Lost once when the device goes, and
  // Restored once when it plays again (silence, until the music is brought back).
  Change poll(Clock::time_point now = Clock::now());
  bool lost() const { return lost_; }
  std::string device_name() const { return audio_.device.qualified_name(); }
  const std::string& problem() const { return problem_; }  // why it was lost; one line
  // Why the last try to open the gone device again failed; empty before the first.
  const std::string& reopen_problem() const { return reopen_problem_; }

 private:
  bool reopen(Clock::time_point now);  // a try, if one is due; true when the device is back

  LiveAudio& audio_;
  bool lost_ = false;
  bool armed_ = false;  // the callback has run at least once: before that, nothing to miss
  std::int64_t last_frames_ = -1;
  Clock::time_point last_progress_{};
  Clock::time_point next_reopen_{};
  std::string problem_;
  std::string reopen_problem_;
};

// One turn of the watch for a running session: a lost device is recorded and shown at once, and
// a restored one brings the music back where the timeline says. The change is returned for the
// front end's own needs.
DeviceWatch::Change follow_device(DeviceWatch& watch, SessionController& session);

}  // namespace holdspace::control
