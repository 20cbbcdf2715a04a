// The lock-free rings that cross into and out of the audio callback.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "audio/mixer_messages.h"
#include "audio/spsc_queue.h"
#include "audio/spsc_ring.h"

using holdspace::audio::SpscQueue;
using holdspace::audio::StereoRing;

TEST_CASE("the stereo ring keeps frames in order across the wrap", "[spsc]") {
  StereoRing ring(5);  // rounds up to 8 frames
  REQUIRE(ring.capacity() == 8);
  std::vector<float> in(12), out(12);
  float next = 0.0f;
  float expected = 0.0f;
  for (int round = 0; round < 10; ++round) {
    for (auto& v : in) v = next++;
    REQUIRE(ring.write(in.data(), 6) == 6);
    REQUIRE(ring.readable() == 6);
    REQUIRE(ring.writable() == 2);
    REQUIRE(ring.read(out.data(), 6) == 6);
    for (int i = 0; i < 12; ++i) REQUIRE(out[i] == expected++);
  }
}

TEST_CASE("the stereo ring refuses to overfill and to read what is not there", "[spsc]") {
  StereoRing ring(4);
  std::vector<float> data(20, 1.0f);
  REQUIRE(ring.write(data.data(), 10) == 4);
  REQUIRE(ring.write(data.data(), 1) == 0);
  REQUIRE(ring.read(data.data(), 10) == 4);
  REQUIRE(ring.read(data.data(), 1) == 0);
}

TEST_CASE("the stereo ring passes a long stream between two threads intact", "[spsc]") {
  StereoRing ring(256);
  constexpr int kFrames = 200000;
  std::thread producer([&] {
    std::vector<float> chunk(2 * 64);
    int sent = 0;
    while (sent < kFrames) {
      const int count = std::min(64, kFrames - sent);
      for (int i = 0; i < count; ++i) {
        chunk[2 * i] = float(sent + i);
        chunk[2 * i + 1] = -float(sent + i);
      }
      int written = 0;
      while (written < count) {
        written += int(ring.write(chunk.data() + 2 * written, count - written));
      }
      sent += count;
    }
  });
  std::vector<float> chunk(2 * 100);
  int received = 0;
  bool in_order = true;
  while (received < kFrames) {
    const auto got = ring.read(chunk.data(), 100);
    for (int i = 0; i < got; ++i) {
      in_order = in_order && chunk[2 * i] == float(received + i) && chunk[2 * i + 1] == -float(received + i);
    }
    received += int(got);
  }
  producer.join();
  REQUIRE(in_order);
}

TEST_CASE("the message queue is first in, first out, and says when it is full", "[spsc]") {
  SpscQueue<holdspace::audio::MixerCommand, 4> queue;
  holdspace::audio::MixerCommand command;
  for (int i = 0; i < 4; ++i) {
    command.slot = i;
    REQUIRE(queue.push(command));
  }
  REQUIRE_FALSE(queue.push(command));
  for (int i = 0; i < 4; ++i) {
    REQUIRE(queue.pop(command));
    REQUIRE(command.slot == i);
  }
  REQUIRE_FALSE(queue.pop(command));
}
