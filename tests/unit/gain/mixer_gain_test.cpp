// The mixer's gain staging on buffers: each deck's own track gain, the ceiling command, and
// "stop now", which still fades. The output lags the mix by latency_frames(); these tests read
// it from there.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include "audio/gain_ramps.h"
#include "audio/mixer.h"

using namespace holdspace::audio;

namespace {

struct Rig {
  std::array<std::unique_ptr<StreamSlot>, kSlotCount> slots;
  std::unique_ptr<Mixer> mixer;

  Rig() {
    std::array<StreamSlot*, kSlotCount> raw{};
    for (int i = 0; i < kSlotCount; ++i) {
      slots[i] = std::make_unique<StreamSlot>(1 << 16);
      raw[i] = slots[i].get();
    }
    mixer = std::make_unique<Mixer>(raw, 48000);
  }

  void feed(int slot, std::int64_t frames, float left, float right) {
    std::vector<float> data;
    for (std::int64_t i = 0; i < frames; ++i) {
      data.push_back(left);
      data.push_back(right);
    }
    slots[slot]->ring.write(data.data(), frames);
    slots[slot]->expected_frames = frames;
    slots[slot]->producer_done = true;
  }

  void send(MixerCommand command) {
    command.track_id = std::uint64_t(command.slot + 100);
    REQUIRE(mixer->send(command));
  }

  // As in mixer_test.cpp: renders `frames` and returns the first frames - latency of this
  // render's mix, as heard.
  std::vector<float> render(std::int64_t frames) {
    std::vector<float> out(std::size_t(frames * 2));
    mixer->process(out.data(), frames, 2);
    return std::vector<float>(out.begin() + std::min(frames, mixer->latency_frames()) * 2, out.end());
  }
  std::int64_t latency() const { return mixer->latency_frames(); }
};

MixerCommand command(MixerCommand::Type type, int slot, std::int64_t frames, float gain) {
  MixerCommand c;
  c.type = type;
  c.slot = slot;
  c.frames = frames;
  c.gain = gain;
  return c;
}

}  // namespace

TEST_CASE("each deck plays at its own track gain, queued, started and overlaid", "[gain][mixer]") {
  Rig rig;
  rig.feed(0, 1000, 0.1f, 0.1f);
  rig.feed(1, 1000, 0.1f, 0.1f);
  rig.feed(kOverlaySlot, 500, 0.05f, 0.0f);
  rig.send(command(MixerCommand::Type::Start, 0, 0, 2.0f));
  rig.send(command(MixerCommand::Type::Queue, 1, 0, 0.5f));
  rig.send(command(MixerCommand::Type::Overlay, kOverlaySlot, 0, 3.0f));
  const auto out = rig.render(2000);
  CHECK(out[2 * 600] == Approx(0.2f));              // track 0 at x2
  CHECK(out[2 * 100] == Approx(0.2f + 0.15f));      // with the overlay at x3 on the left
  CHECK(out[2 * 100 + 1] == Approx(0.2f));
  CHECK(out[2 * 1500] == Approx(0.05f));            // track 1, gapless, at x0.5
  CHECK(out[2 * 999] == Approx(0.2f));
  CHECK(out[2 * 1000] == Approx(0.05f));
}

TEST_CASE("a track gain that makes no sense is held to a safe one", "[gain][mixer]") {
  Rig rig;
  rig.feed(0, 1000, 0.01f, 0.01f);
  rig.feed(1, 1000, 0.01f, 0.01f);
  rig.send(command(MixerCommand::Type::Start, 0, 0, std::nanf("")));
  rig.send(command(MixerCommand::Type::Queue, 1, 0, 1000.0f));
  const auto out = rig.render(2000);
  CHECK(out[2 * 500] == 0.01f);  // NaN: as the track is
  CHECK(out[2 * 1500] == Approx(0.01f * Mixer::kMaxTrackGain));  // +60 dB: held to +24 dB
}

TEST_CASE("stop now fades out over about 50 ms, never a cut", "[gain][mixer]") {
  Rig rig;
  rig.feed(0, 20000, 0.5f, 0.5f);
  rig.send(command(MixerCommand::Type::Start, 0, 0, 1.0f));
  rig.render(1000);
  MixerEvent event;
  while (rig.mixer->next_event(event)) {
  }
  REQUIRE(rig.mixer->send(MixerCommand::stop_now()));
  const auto out = rig.render(4000 + rig.latency());
  const std::int64_t ramp = rig.mixer->stop_fade_frames();
  CHECK(ramp == 2400);  // 50 ms at 48 kHz
  for (std::int64_t f = 1; f < ramp; ++f) REQUIRE(out[std::size_t(2 * f)] <= out[std::size_t(2 * f - 2)]);
  CHECK(out[std::size_t(2 * (ramp - 10))] > 0.0f);  // still fading near the end of the ramp
  for (std::int64_t f = ramp; f < 4000; ++f) REQUIRE(out[std::size_t(2 * f)] == 0.0f);
  // The steepest step is the quarter-sine's: 0.5 * (pi/2) / 2400 per frame, nothing like a cut.
  float steepest = 0.0f;
  for (std::int64_t f = 1; f < 4000; ++f) steepest = std::max(steepest, out[std::size_t(2 * f - 2)] - out[std::size_t(2 * f)]);
  CHECK(steepest <= 0.5 * std::numbers::pi / 2.0 / double(ramp) * 1.01);
  bool faded = false;
  while (rig.mixer->next_event(event)) faded |= event.type == MixerEvent::Type::FadedOut;
  CHECK(faded);
}

TEST_CASE("the ceiling can be lowered while music plays, without a click", "[gain][mixer]") {
  Rig rig;
  // A 1 kHz tone at -3 dBFS: untouched under the default -1 dBTP ceiling.
  const float amplitude = decibels_to_gain(-3.0);
  std::vector<float> tone;
  for (int f = 0; f < 40000; ++f) {
    const float v = amplitude * float(std::sin(2.0 * std::numbers::pi * 1000.0 * f / 48000.0));
    tone.push_back(v);
    tone.push_back(v);
  }
  rig.slots[0]->ring.write(tone.data(), 20000);
  rig.slots[0]->expected_frames = 20000;
  rig.slots[0]->producer_done = true;
  rig.send(command(MixerCommand::Type::Start, 0, 0, 1.0f));
  const auto before = rig.render(4800 + rig.latency());
  CHECK(rig.mixer->limiter_gain() == 1.0f);
  for (int f = 0; f < 4800; ++f) REQUIRE(before[std::size_t(2 * f)] == tone[std::size_t(2 * f)]);

  rig.send(command(MixerCommand::Type::SetCeiling, -1, 2400, decibels_to_gain(-12.0)));
  const auto after = rig.render(9600 + rig.latency());
  CHECK(rig.mixer->limiter_gain() < decibels_to_gain(-8.0));
  float loudest = 0.0f;
  for (int f = 4800; f < 9600; ++f) loudest = std::max(loudest, std::abs(after[std::size_t(2 * f)]));
  CHECK(20.0 * std::log10(loudest) <= -12.0);
  // No click: the output moves from one sample to the next no more than the tone itself does.
  const double tone_step = 2.0 * std::numbers::pi * 1000.0 / 48000.0 * amplitude;
  for (int f = 1; f < 9600; ++f) REQUIRE(std::abs(after[std::size_t(2 * f)] - after[std::size_t(2 * f - 2)]) <= tone_step * 1.01);
}
