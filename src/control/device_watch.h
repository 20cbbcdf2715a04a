// Watches the client's live output during a session. A device is lost when its callback stops
// coming (a JACK server gone, a USB interface pulled, a stalled driver): the mixer's clock stands
// still, or PortAudio says the stream is no longer active. The session clock never depends on
// it. If the same stream starts calling again, the device is back; the music was stopped at the
// loss, so it comes back from silence, where the session puts it.
//
// Not done here: opening the device afresh after a JACK server restarts. PortAudio 19.6's JACK
// host cannot let go of a stream whose server died (see LiveAudio::lost), and PortAudio only sees
// a new server after Pa_Terminate; `resume` in a new process brings the music back then.
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

  enum class Change { None, Lost, Restored };

  explicit DeviceWatch(LiveAudio& audio) : audio_(audio) {}

  // Call often, from the thread that owns the LiveAudio. Lost once when the device goes, and
  // Restored once when it plays again (silence, until the music is brought back).
  Change poll(Clock::time_point now = Clock::now());
  bool lost() const { return lost_; }
  std::string device_name() const { return audio_.device.qualified_name(); }
  const std::string& problem() const { return problem_; }  // why it was lost; one line

 private:
  LiveAudio& audio_;
  bool lost_ = false;
  bool armed_ = false;  // the callback has run at least once: before that, nothing to miss
  std::int64_t last_frames_ = -1;
  Clock::time_point last_progress_{};
  std::string problem_;
};

// One turn of the watch for a running session: a lost device is recorded and shown at once, and
// a restored one brings the music back where the timeline says. The change is returned for the
// front end's own needs.
DeviceWatch::Change follow_device(DeviceWatch& watch, SessionController& session);

}  // namespace holdspace::control
