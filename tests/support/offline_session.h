// A session through the real controller, journal (a SQLite file) and engine, without a device:
// the mixer is pumped block by block while a manual clock moves with it, and the controller is
// polled as a front end would. For tests that need a recorded session quickly and
// deterministically.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "audio/audio_engine.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "journal/journal.h"

namespace holdspace::test {

// Pumps `seconds` of audio block by block, the clock moving with it and the controller polled
// every few blocks as a front end would; appends the output (interleaved stereo) to `kept`.
void play_offline(control::SessionController& controller, audio::AudioEngine& engine, ManualClock& clock,
                  double seconds, std::vector<float>* kept = nullptr);

class OfflineSession {
 public:
  // Opens the journal in data_dir and begins a session of `plan` for `client`.
  OfflineSession(const std::filesystem::path& data_dir, const std::filesystem::path& plan, const std::string& client);

  control::SessionController& controller() { return *controller_; }
  journal::Journal& store() { return *store_; }
  ManualClock& clock() { return clock_; }
  audio::AudioEngine& engine() { return *engine_; }
  void play(double seconds, std::vector<float>* kept = nullptr) {
    play_offline(*controller_, *engine_, clock_, seconds, kept);
  }
  Status command(session::Command::Type type);
  // This session's recorded events of one type, read back from the file.
  std::vector<journal::Event> recorded(journal::EventType type);

  // The process dies: controller and engine go, nothing more is written.
  void crash();
  // A new engine and a controller rebuilt from the journal alone.
  Status resume();

 private:
  std::unique_ptr<journal::Journal> store_;
  ManualClock clock_;
  std::unique_ptr<audio::AudioEngine> engine_;
  std::unique_ptr<control::SessionController> controller_;
  std::string id_;
};

}  // namespace holdspace::test
