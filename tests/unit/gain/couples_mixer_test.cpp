// A couples session on buffers: the mixer renders the same mix to a second stereo pair
// (channels 3-4) at that listener's own gain and under its own limiter. Pair 2 must be pair 1
// times its gain while neither limiter works, each pair must stay under its own ceiling (by
// libebur128's true peak), and one listener must sound exactly as it did before pairs existed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "audio/gain_ramps.h"
#include "audio/mixer.h"
#include "gain_test_support.h"
#include "support/test_audio.h"

using namespace holdspace;
using namespace holdspace::audio;

namespace {

using holdspace::test::kRate;

struct CouplesRig {
  std::array<std::unique_ptr<StreamSlot>, kSlotCount> slots;
  std::unique_ptr<Mixer> mixer;

  explicit CouplesRig(int pairs) {
    std::array<StreamSlot*, kSlotCount> raw{};
    for (int i = 0; i < kSlotCount; ++i) {
      slots[std::size_t(i)] = std::make_unique<StreamSlot>(1 << 17);
      raw[std::size_t(i)] = slots[std::size_t(i)].get();
    }
    mixer = std::make_unique<Mixer>(raw, kRate, pairs);
  }

  void feed(int slot, std::int64_t frames, const test::SampleFunction& sample) {
    std::vector<float> data(std::size_t(frames * 2));
    for (std::int64_t f = 0; f < frames; ++f) {
      for (int c = 0; c < 2; ++c) data[std::size_t(2 * f + c)] = sample(f, c);
    }
    slots[std::size_t(slot)]->ring.write(data.data(), frames);
    slots[std::size_t(slot)]->expected_frames = frames;
    slots[std::size_t(slot)]->producer_done = true;
  }

  void send(MixerCommand::Type type, int slot, float gain, std::int64_t frames = 0) {
    MixerCommand command;
    command.type = type;
    command.slot = slot;
    command.track_id = 7;
    command.gain = gain;
    command.frames = frames;
    REQUIRE(mixer->send(command));
  }

  // Renders in device-sized blocks, as a callback would.
  std::vector<float> render(std::int64_t frames, int channels, std::int64_t block = 512) {
    std::vector<float> out(std::size_t(frames * channels));
    for (std::int64_t done = 0; done < frames; done += block) {
      const std::int64_t n = std::min(block, frames - done);
      mixer->process(out.data() + done * channels, n, channels);
    }
    return out;
  }
};

// Channels `first` and `first + 1` of interleaved `channels`-channel audio, as stereo.
std::vector<float> pair_of(const std::vector<float>& out, int channels, int first) {
  std::vector<float> stereo;
  for (std::size_t f = 0; f < out.size() / std::size_t(channels); ++f) {
    stereo.push_back(out[f * std::size_t(channels) + std::size_t(first)]);
    stereo.push_back(out[f * std::size_t(channels) + std::size_t(first) + 1]);
  }
  return stereo;
}

}  // namespace

TEST_CASE("couples: channels 3-4 carry the mix at the second listener's own gain", "[gain][mixer][couples]") {
  CouplesRig rig(2);
  rig.feed(0, kRate, test::music_like(kRate, 0.3f, 11));  // well under both ceilings
  const float second_gain = decibels_to_gain(-6.0);
  rig.send(MixerCommand::Type::SetPairGain, 1, second_gain);
  rig.send(MixerCommand::Type::Start, 0, 1.0f);
  const auto out = rig.render(kRate / 2, 4);

  CHECK(rig.mixer->pair_gain(0) == 1.0f);
  CHECK(rig.mixer->pair_gain(1) == second_gain);
  CHECK(rig.mixer->limiter_gain() == 1.0f);
  double energy = 0.0;
  for (std::size_t f = std::size_t(rig.mixer->latency_frames()); f < out.size() / 4; ++f) {
    INFO("frame " << f);
    REQUIRE(out[4 * f + 2] == Approx(out[4 * f] * second_gain).margin(1e-6));
    REQUIRE(out[4 * f + 3] == Approx(out[4 * f + 1] * second_gain).margin(1e-6));
    energy += double(out[4 * f]) * out[4 * f];
  }
  CHECK(energy > 100.0);  // the music really sounds, so the comparison above means something
}

TEST_CASE("couples: each pair is held under its own ceiling", "[gain][mixer][couples]") {
  CouplesRig rig(2);
  rig.feed(0, kRate, test::clipped_noise(kRate, 5));  // every sample near full scale
  rig.send(MixerCommand::Type::SetCeiling, 0, decibels_to_gain(-1.0));
  rig.send(MixerCommand::Type::SetCeiling, 1, decibels_to_gain(-6.0));
  rig.send(MixerCommand::Type::SetPairGain, 1, decibels_to_gain(-2.0));
  rig.send(MixerCommand::Type::Start, 0, 1.0f);
  const auto out = rig.render(kRate, 4);

  const double first = test::true_peak_db(pair_of(out, 4, 0), 2, kRate);
  const double second = test::true_peak_db(pair_of(out, 4, 2), 2, kRate);
  CHECK(first <= -1.0);
  CHECK(first > -2.0);  // limited to its ceiling, not below it
  CHECK(second <= -6.0);
  CHECK(second > -7.0);
}

TEST_CASE("couples: the master gain (talk duck, fades) reaches both pairs", "[gain][mixer][couples]") {
  CouplesRig rig(2);
  rig.feed(0, kRate, test::constant(0.25f));
  rig.send(MixerCommand::Type::SetPairGain, 1, 0.5f);
  rig.send(MixerCommand::Type::Start, 0, 1.0f);
  (void)rig.render(4800, 4);
  rig.send(MixerCommand::Type::SetGain, -1, decibels_to_gain(-15.0), 4800);
  const auto out = rig.render(9600, 4);
  const std::size_t last = out.size() / 4 - 1;
  CHECK(out[4 * last] == Approx(0.25f * decibels_to_gain(-15.0)).margin(1e-6));
  CHECK(out[4 * last + 2] == Approx(0.25f * 0.5f * decibels_to_gain(-15.0)).margin(1e-6));
}

TEST_CASE("couples: a pair's gain moves as a ramp while music plays, never a step", "[gain][mixer][couples]") {
  CouplesRig rig(2);
  rig.feed(0, kRate, test::constant(0.5f));
  rig.send(MixerCommand::Type::Start, 0, 1.0f);
  (void)rig.render(4800, 4);
  rig.send(MixerCommand::Type::SetPairGain, 1, 0.0f, 2400);
  const auto out = rig.render(9600, 4);
  float largest_step = 0.0f;
  for (std::size_t f = 1; f < out.size() / 4; ++f) {
    largest_step = std::max(largest_step, std::abs(out[4 * f + 2] - out[4 * (f - 1) + 2]));
    REQUIRE(out[4 * f] == 0.5f);  // the first pair does not move
  }
  CHECK(largest_step <= 0.5f / 2400.0f * 1.01f);
  CHECK(out[out.size() - 2] == 0.0f);
}

TEST_CASE("couples: one listener sounds bit for bit as before, and a second pair changes nothing on 1-2",
          "[gain][mixer][couples]") {
  const auto run = [](int pairs, int channels) {
    CouplesRig rig(pairs);
    rig.feed(0, kRate, test::clipped_noise(kRate, 9));  // hard enough that the limiter works
    rig.send(MixerCommand::Type::SetPairGain, 1, 0.3f);
    rig.send(MixerCommand::Type::Start, 0, 1.0f, 960);
    return rig.render(kRate / 2, channels, 700);
  };
  const auto single = run(1, 2);
  const auto couples = run(2, 4);
  const auto single_on_four = run(1, 4);
  REQUIRE(pair_of(couples, 4, 0) == single);
  REQUIRE(pair_of(single_on_four, 4, 0) == single);
  const auto silent = pair_of(single_on_four, 4, 2);
  CHECK(std::all_of(silent.begin(), silent.end(), [](float v) { return v == 0.0f; }));
  // A couples mixer on a stereo device cannot render channels 3-4: it plays 1-2 as ever.
  CHECK(run(2, 2) == single);
}
