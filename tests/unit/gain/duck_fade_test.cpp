// The talk duck and the fade-out, as the therapist presses them: through the session controller
// on the real engine (and a real journal), pumped by hand in step with a manual clock, with
// every output frame kept. The gain curve is read off the rendered buffers as the RMS of each
// 100 ms window of a steady 1 kHz tone, against the ramp the controller asks for.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <memory>
#include <numbers>
#include <vector>

#include "audio/gain_ramps.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "journal/journal.h"
#include "session/plan.h"
#include "support/test_audio.h"

using namespace holdspace;
using session::Command;

namespace {

using holdspace::test::kRate;
constexpr std::int64_t kWindow = kRate / 10;  // 100 ms: whole cycles of the 1 kHz tone
constexpr double kToneAmplitude = 0.25;

class SessionRig {
 public:
  SessionRig() {
    test::write_audio(dir_ / "tone.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate * 40,
                      test::sine(1000, kRate, float(kToneAmplitude)));
    std::ofstream(dir_ / "tone.m3u8") << "#EXTM3U\ntone.wav\n";
    std::ofstream(dir_ / "plan.toml") << "name = \"Gain staging\"\n"
                                         "[[phase]]\n"
                                         "name = \"Only\"\n"
                                         "minutes = 10\n"
                                         "playlist = \"tone.m3u8\"\n"
                                         "at_time_up = \"hold\"\n"
                                         "volume_db = 0\n"
                                         "fade_in_seconds = 0.5\n";
    auto plan = session::load_plan(dir_ / "plan.toml");
    REQUIRE(plan.ok());
    REQUIRE(plan->plan.talk_duck_db == -15.0);    // the defaults under test
    REQUIRE(plan->plan.fade_out_seconds == 8.0);
    REQUIRE(plan->plan.max_volume_db == 0.0);     // the master at its maximum
    auto journal = journal::Journal::open(dir_ / "data");
    REQUIRE(journal.ok());
    journal_ = std::move(journal).value();
    auto controller = control::SessionController::begin(plan.value(), "GAIN1", *journal_, clock_, engine_);
    REQUIRE(controller.ok());
    controller_ = std::move(controller).value();
  }

  // Pumps the engine as a device would, polling the controller as a front end does.
  void play(double seconds) {
    constexpr std::int64_t kBlock = 1024;
    const auto blocks = std::int64_t(seconds * kRate / kBlock);
    for (std::int64_t i = 0; i < blocks; ++i) {
      engine_.decoder().fill_all();
      const std::size_t at = heard_.size();
      heard_.resize(at + std::size_t(kBlock * 2));
      engine_.mixer().process(heard_.data() + at, kBlock, 2);
      clock_.advance_seconds(double(kBlock) / kRate);
      if (i % 4 == 0) controller_->poll();
    }
    controller_->poll();
  }

  // Presses a key; returns the output frame on which the audio starts to answer (the mixer
  // takes the command at its next block, and the limiter delays what it mixes).
  std::int64_t press(Command::Type type) {
    Command command;
    command.type = type;
    REQUIRE(controller_->command(command).ok());
    return engine_.mixer().output_frames() + engine_.mixer().latency_frames();
  }

  double level_db(std::int64_t from, std::int64_t to) const {
    REQUIRE(to * 2 <= std::int64_t(heard_.size()));
    return 20.0 * std::log10(std::max(test::rms(heard_, 2, 0, from, to), 1e-12) / (kToneAmplitude / std::numbers::sqrt2));
  }
  const std::vector<float>& heard() const { return heard_; }

 private:
  test::TempDir dir_;
  std::unique_ptr<journal::Journal> journal_;
  ManualClock clock_;
  audio::AudioEngine engine_{audio::EngineConfig{}};
  std::unique_ptr<control::SessionController> controller_;
  std::vector<float> heard_;
};

// Each 100 ms window from `start` against `gain(frame since start)`, in dB relative to `base`.
void check_curve(const SessionRig& rig, std::int64_t start, double seconds, double base_db,
                 const std::function<double(std::int64_t)>& gain) {
  for (std::int64_t from = start; from + kWindow <= start + std::int64_t(seconds * kRate); from += kWindow) {
    double sum = 0.0;
    for (std::int64_t f = from; f < from + kWindow; ++f) sum += gain(f - start) * gain(f - start);
    const double expected = 10.0 * std::log10(sum / double(kWindow));
    if (expected < -60.0) continue;  // the tail of a fade: nothing left to compare
    INFO("window at " << double(from - start) / kRate << " s");
    REQUIRE(rig.level_db(from, from + kWindow) - base_db == Approx(expected).margin(0.05));
  }
}

}  // namespace

TEST_CASE("talk lowers the music by 15 dB over 1 s, and talk again restores it over 3 s", "[gain][duck]") {
  SessionRig rig;
  rig.play(2.0);  // past the phase's fade-in
  const std::int64_t down = rig.press(Command::Type::Talk);
  const double base = rig.level_db(down - kRate, down - kWindow);
  CHECK(std::abs(base) < 6.0);  // the tone, at about the level it was written
  rig.play(2.0);
  const std::int64_t up = rig.press(Command::Type::Talk);
  rig.play(4.5);

  const double ducked = std::pow(10.0, -15.0 / 20.0);
  // The master gain moves in a straight line (in amplitude) from 1 to -15 dB over 1 s ...
  check_curve(rig, down, 1.0, base, [&](std::int64_t f) { return 1.0 + (ducked - 1.0) * std::min(1.0, double(f) / kRate); });
  CHECK(rig.level_db(down + kRate / 2 - kWindow / 2, down + kRate / 2 + kWindow / 2) - base ==
        Approx(20.0 * std::log10((1.0 + ducked) / 2.0)).margin(0.1));  // half way there at 0.5 s
  CHECK(rig.level_db(down + kRate, up) - base == Approx(-15.0).margin(0.02));
  // ... and back over 3 s.
  check_curve(rig, up, 3.0, base, [&](std::int64_t f) { return ducked + (1.0 - ducked) * std::min(1.0, double(f) / (3.0 * kRate)); });
  CHECK(rig.level_db(up + 3 * kRate, up + 4 * kRate) - base == Approx(0.0).margin(0.02));
}

TEST_CASE("fade out reaches silence over 8 s, along the fade's curve", "[gain][fade]") {
  SessionRig rig;
  rig.play(2.0);
  const std::int64_t start = rig.press(Command::Type::FadeOut);
  const double base = rig.level_db(start - kRate, start - kWindow);
  rig.play(10.0);

  // The quarter-sine fade: level = cos(pi/2 * t / 8 s).
  const double length = 8.0 * kRate;
  check_curve(rig, start, 8.0, base, [&](std::int64_t f) {
    return std::cos(std::numbers::pi / 2.0 * std::min(1.0, double(f) / length));
  });
  CHECK(rig.level_db(start + 4 * kRate - kWindow / 2, start + 4 * kRate + kWindow / 2) - base ==
        Approx(20.0 * std::log10(std::cos(std::numbers::pi / 4.0))).margin(0.1));  // -3 dB half way
  CHECK(rig.level_db(start + 7 * kRate, start + 7 * kRate + kWindow) - base > -20.0);  // still there at 7 s
  // Silent, every sample, from 8 s on.
  const auto& heard = rig.heard();
  for (std::size_t i = std::size_t((start + std::int64_t(length)) * 2); i < heard.size(); ++i) REQUIRE(heard[i] == 0.0f);
}
