// One deck's feed: the ring a decode thread fills for the mixer, plus what the mixer must know
// about the end of the track. Slots are allocated once when the engine starts and reused.
// The audio callback reads it: lock-free atomics and the SPSC ring only, nothing that allocates.
#pragma once

#include <atomic>
#include <cstdint>

#include "audio/spsc_ring.h"

namespace holdspace::audio {

struct StreamSlot {
  explicit StreamSlot(std::int64_t ring_frames) : ring(ring_frames) {}

  StereoRing ring;
  // How many frames the whole track will yield at the output rate. The mixer uses it to start a
  // crossfade before the ring has seen the end of the track.
  std::atomic<std::int64_t> expected_frames{0};
  // Set (release) by the producer after it wrote the track's last frame: from then on the ring's
  // content is the exact remainder of the track.
  std::atomic<bool> producer_done{false};
};

}  // namespace holdspace::audio
