// The real-time mixer driven by hand on buffers: what it does when a ring runs dry, at the end
// of a track, across a crossfade, and with the master gain.
//
// The mixer's output lags its mix by the limiter's look-ahead (Mixer::latency_frames()), and
// these tests read the mix to the frame, so the rig hands back each render's output from that
// many frames in: frame f of what render(n) returns is what the decks mixed on frame f of that
// render. A test that reads a render to its end renders `latency` frames more.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "audio/mixer.h"

using namespace holdspace::audio;

namespace {

struct MixerRig {
  std::array<std::unique_ptr<StreamSlot>, kSlotCount> slots;
  std::unique_ptr<Mixer> mixer;
  std::int64_t latency = 0;

  MixerRig() {
    std::array<StreamSlot*, kSlotCount> raw{};
    for (int i = 0; i < kSlotCount; ++i) {
      slots[i] = std::make_unique<StreamSlot>(1 << 14);
      raw[i] = slots[i].get();
    }
    mixer = std::make_unique<Mixer>(raw);
    latency = mixer->latency_frames();
  }

  // Fills a slot with `frames` frames of (left, right) and optionally marks the track complete.
  void feed(int slot, std::int64_t frames, float left, float right, bool complete) {
    std::vector<float> data;
    for (std::int64_t i = 0; i < frames; ++i) {
      data.push_back(left);
      data.push_back(right);
    }
    slots[slot]->ring.write(data.data(), frames);
    slots[slot]->expected_frames = slots[slot]->expected_frames + frames;
    if (complete) slots[slot]->producer_done = true;
  }

  void send(MixerCommand::Type type, int slot, std::int64_t frames, float gain = 1.0f) {
    MixerCommand command;
    command.type = type;
    command.slot = slot;
    command.track_id = std::uint64_t(slot + 100);
    command.frames = frames;
    command.gain = gain;
    REQUIRE(mixer->send(command));
  }

  // Renders `frames` and returns the first frames - latency of this render's mix, as heard
  // (the output's first `latency` frames are the end of the previous render's mix).
  std::vector<float> render(std::int64_t frames, int channels = 2) {
    std::vector<float> out(std::size_t(frames * channels), 9.0f);  // garbage until written
    mixer->process(out.data(), frames, channels);
    const std::int64_t skip = std::min(frames, latency) * channels;
    return std::vector<float>(out.begin() + skip, out.end());
  }

  std::vector<MixerEvent> events() {
    std::vector<MixerEvent> all;
    MixerEvent event;
    while (mixer->next_event(event)) all.push_back(event);
    return all;
  }
};

}  // namespace

TEST_CASE("an empty ring gives silence, not garbage, and counts one underrun", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 100, 0.5f, 0.5f, false);
  rig.send(MixerCommand::Type::Start, 0, 0);
  const auto out = rig.render(256);
  const int fade = int(Mixer::kStarveFadeFrames);
  for (int f = 0; f < 100 - fade; ++f) REQUIRE(out[2 * f] == 0.5f);
  // The last frames that arrived are faded down, so the drop to silence is not a click.
  for (int f = 100 - fade + 1; f < 100; ++f) REQUIRE(out[2 * f] < out[2 * f - 2]);
  REQUIRE(out[2 * 99] == 0.0f);
  for (int f = 100; f < int(out.size() / 2); ++f) {
    REQUIRE(out[2 * f] == 0.0f);
    REQUIRE(out[2 * f + 1] == 0.0f);
  }
  REQUIRE(rig.mixer->underruns() == 1);

  // When audio arrives again the track carries on from where it was, fading back in over
  // ~10 ms rather than jumping back to full level.
  rig.feed(0, 1000, 0.25f, 0.25f, false);
  const auto later = rig.render(600 + rig.latency);
  REQUIRE(later[0] < 0.01f);
  for (int f = 1; f < int(Mixer::kMinimumFadeFrames); ++f) REQUIRE(later[2 * f] >= later[2 * f - 2]);
  REQUIRE(later[2 * 500] == 0.25f);
  REQUIRE(rig.mixer->underruns() == 1);
  REQUIRE(rig.mixer->frames_played(0) == 700 + rig.latency);
}

TEST_CASE("with nothing playing the output is silent and no underrun is counted", "[mixer]") {
  MixerRig rig;
  const auto out = rig.render(512, 4);
  for (float v : out) REQUIRE(v == 0.0f);
  REQUIRE(rig.mixer->underruns() == 0);
}

TEST_CASE("a queued track follows the current one gaplessly, to the frame", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 100, 0.25f, 0.25f, true);
  rig.feed(1, 100, 0.5f, 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::Queue, 1, 0);
  const auto out = rig.render(256 + rig.latency);
  for (int f = 0; f < 100; ++f) REQUIRE(out[2 * f] == 0.25f);
  for (int f = 100; f < 200; ++f) REQUIRE(out[2 * f] == 0.5f);
  for (int f = 200; f < 256; ++f) REQUIRE(out[2 * f] == 0.0f);
  REQUIRE(rig.mixer->underruns() == 0);  // the end of a track is not an underrun

  const auto events = rig.events();
  REQUIRE(events.size() == 4);
  CHECK(events[0].type == MixerEvent::Type::TrackStarted);
  CHECK(events[0].at_frame == 0);
  CHECK(events[1].type == MixerEvent::Type::TrackEnded);
  CHECK(events[1].slot == 0);
  CHECK(events[1].at_frame == 100);
  CHECK(events[2].type == MixerEvent::Type::TrackStarted);
  CHECK(events[2].slot == 1);
  CHECK(events[2].at_frame == 100);
  CHECK(events[3].type == MixerEvent::Type::TrackEnded);
  CHECK(events[3].at_frame == 200);
}

TEST_CASE("a crossfade starts exactly its length before the end and keeps constant power",
          "[mixer]") {
  MixerRig rig;
  // The outgoing track only in the left ear, the incoming only in the right, so each deck's
  // gain can be read straight off the output.
  rig.feed(0, 1000, 0.5f, 0.0f, true);
  rig.feed(1, 1000, 0.0f, 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::Queue, 1, 200);
  const auto out = rig.render(2048 + rig.latency);
  for (int f = 0; f < 800; ++f) {
    REQUIRE(out[2 * f] == 0.5f);
    REQUIRE(out[2 * f + 1] == 0.0f);
  }
  for (int f = 800; f < 1000; ++f) {
    const double left = out[2 * f] / 0.5;
    const double right = out[2 * f + 1] / 0.5;
    REQUIRE(left * left + right * right == Approx(1.0).margin(1e-4));
  }
  CHECK(out[2 * 800 + 1] > 0.0f);  // the incoming track begins on frame 800
  CHECK(out[2 * 999] < 0.01f);     // the outgoing one is all but gone by its last frame
  for (int f = 1000; f < 1800; ++f) REQUIRE(out[2 * f + 1] == 0.5f);
  for (int f = 1800; f < 2048; ++f) REQUIRE(out[2 * f + 1] == 0.0f);
  const auto events = rig.events();
  REQUIRE(events.size() >= 3);
  CHECK(events[1].type == MixerEvent::Type::TrackStarted);
  CHECK(events[1].at_frame == 800);
}

TEST_CASE("the master gain moves as a ramp, never a step", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 4000, 0.5f, 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::SetGain, -1, 1000, 0.5f);
  const auto out = rig.render(2000 + rig.latency);
  float largest_step = 0.0f;
  for (int f = 1; f < 2000; ++f) largest_step = std::max(largest_step, std::abs(out[2 * f] - out[2 * f - 2]));
  CHECK(largest_step <= 0.25f / 1000 * 1.01f);
  CHECK(out[2 * 1500] == Approx(0.25f));
  CHECK(rig.mixer->master_gain() == Approx(0.5f));
}

TEST_CASE("fade out brings everything to silence, then reports it", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 10000, 0.5f, 0.5f, false);
  rig.feed(1, 10000, 0.5f, 0.5f, false);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::Queue, 1, 0);
  rig.render(100);
  rig.events();
  rig.send(MixerCommand::Type::FadeOut, -1, 2000);
  const auto out = rig.render(4000 + rig.latency);
  for (int f = 1; f < 2000; ++f) REQUIRE(out[2 * f] <= out[2 * f - 2]);
  for (int f = 2000; f < 4000; ++f) REQUIRE(out[2 * f] == 0.0f);
  const auto events = rig.events();
  REQUIRE_FALSE(events.empty());
  CHECK(events.back().type == MixerEvent::Type::FadedOut);
  int ended = 0;
  for (const auto& e : events) ended += e.type == MixerEvent::Type::TrackEnded;
  CHECK(ended == 2);  // the playing deck, and the queued one handed back unplayed
}

TEST_CASE("output never leaves full scale, whatever the decks hold", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 500, 3.0f, -3.0f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  const auto out = rig.render(500);
  for (float v : out) REQUIRE(std::abs(v) <= 1.0f);
}

TEST_CASE("a block larger than the mixer's own buffers is rendered whole", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 10000, 0.5f, 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  const auto out = rig.render(Mixer::kMaxBlockFrames * 2 + 10 + rig.latency);
  for (std::int64_t f = 0; f < Mixer::kMaxBlockFrames * 2 + 10; ++f) REQUIRE(out[std::size_t(2 * f)] == 0.5f);
}

TEST_CASE("starting the track that is queued plays it and does not hand its slot back", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 5000, 0.25f, 0.25f, true);
  rig.feed(1, 5000, 0.5f, 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::Queue, 1, 0);
  rig.render(64);
  rig.send(MixerCommand::Type::Start, 1, 100);
  const auto out = rig.render(1000);
  CHECK(out[2 * 500] == 0.5f);
  for (const auto& event : rig.events()) {
    CHECK_FALSE((event.type == MixerEvent::Type::TrackEnded && event.slot == 1));
    CHECK(event.type != MixerEvent::Type::Rejected);
  }
}

TEST_CASE("two tracks can wait in the queue, a third is refused and handed back", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 100, 0.1f, 0.1f, true);
  rig.feed(1, 100, 0.2f, 0.2f, true);
  rig.feed(2, 100, 0.3f, 0.3f, true);
  rig.feed(3, 100, 0.4f, 0.4f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::Queue, 1, 0);
  rig.send(MixerCommand::Type::Queue, 2, 0);
  rig.send(MixerCommand::Type::Queue, 3, 0);
  const auto out = rig.render(400 + rig.latency);
  CHECK(out[2 * 50] == 0.1f);
  CHECK(out[2 * 150] == 0.2f);
  CHECK(out[2 * 250] == 0.3f);
  CHECK(out[2 * 350] == 0.0f);
  bool rejected = false;
  for (const auto& event : rig.events()) rejected |= event.type == MixerEvent::Type::Rejected && event.slot == 3;
  CHECK(rejected);
}

TEST_CASE("a track queued while everything fades out still plays", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 10000, 0.5f, 0.5f, true);
  rig.feed(1, 10000, 0.25f, 0.25f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.render(100);
  rig.send(MixerCommand::Type::FadeOut, -1, 1000);
  rig.render(100);
  rig.send(MixerCommand::Type::Queue, 1, 0);
  rig.render(2000);
  const auto out = rig.render(100 + rig.latency);
  CHECK(out[0] == 0.25f);
}

TEST_CASE("a fade-out finishes on time even while the ring is starved", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 200, 0.5f, 0.5f, false);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::FadeOut, -1, 1000);
  rig.render(2000);
  bool faded = false;
  for (const auto& event : rig.events()) faded |= event.type == MixerEvent::Type::FadedOut;
  CHECK(faded);
}

TEST_CASE("a deck released by a fade reports the frame it went silent on", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 10000, 0.5f, 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.render(256);
  rig.events();
  rig.send(MixerCommand::Type::FadeOut, -1, 1000);
  rig.render(4096);
  const auto events = rig.events();
  REQUIRE(events.size() == 2);
  CHECK(events[0].type == MixerEvent::Type::TrackEnded);
  CHECK(events[0].at_frame == 256 + 1000);
  CHECK(events[1].type == MixerEvent::Type::FadedOut);
}

TEST_CASE("NaN in a deck never reaches the output", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 100, std::nanf(""), 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  const auto out = rig.render(100);
  for (float v : out) REQUIRE(std::isfinite(v));
}

TEST_CASE("crossfades chain exactly through a track shorter than a block", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 10000, 0.5f, 0.0f, true);  // A, left ear
  rig.feed(1, 1500, 0.0f, 0.5f, true);   // B, right ear, short
  rig.feed(2, 10000, 0.5f, 0.0f, true);  // C, left ear again
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::Queue, 1, 500);
  rig.send(MixerCommand::Type::Queue, 2, 500);
  rig.render(4096);
  rig.render(4096);
  const auto out = rig.render(4096);  // frames 8192..12287 hold both crossfades
  std::vector<std::int64_t> starts;
  for (const auto& event : rig.events()) {
    if (event.type == MixerEvent::Type::TrackStarted) starts.push_back(event.at_frame);
  }
  REQUIRE(starts.size() == 3);
  CHECK(starts[1] == 9500);   // B begins 500 frames before A's end
  CHECK(starts[2] == 10500);  // C begins 500 frames before B's end (9500 + 1500 - 500)
  // B is alone, at full level, between the two crossfades.
  for (std::int64_t f = 10000; f < 10500; ++f) REQUIRE(out[std::size_t(2 * (f - 8192) + 1)] == 0.5f);
}

TEST_CASE("a queued track that ends at once does not let the next one jump in", "[mixer]") {
  MixerRig rig;
  rig.feed(0, 5000, 0.5f, 0.0f, true);  // A
  rig.slots[1]->producer_done = true;   // B: opened, but not one frame decoded
  rig.feed(2, 5000, 0.0f, 0.5f, true);  // C
  rig.send(MixerCommand::Type::Start, 0, 0);
  rig.send(MixerCommand::Type::Queue, 1, 1000);
  rig.send(MixerCommand::Type::Queue, 2, 1000);
  const auto out = rig.render(8192 + rig.latency);
  float largest_step = 0.0f;
  for (int f = 1; f < 8192; ++f) largest_step = std::max(largest_step, std::abs(out[2 * f + 1] - out[2 * f - 1]));
  CHECK(largest_step < 0.01f);  // C fades in, it does not step to 0.5
  CHECK(out[2 * 8000 + 1] == 0.5f);
}

TEST_CASE("the volume set before anything plays applies from the first sample", "[mixer]") {
  MixerRig rig;
  rig.send(MixerCommand::Type::SetGain, -1, 0, 0.1f);
  rig.feed(0, 1000, 0.5f, 0.5f, true);
  rig.send(MixerCommand::Type::Start, 0, 0);
  const auto out = rig.render(100 + rig.latency);
  CHECK(out[0] == Approx(0.05f));
}
