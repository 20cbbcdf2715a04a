// What a listener hears in a rendered file, measured in short windows: the runs of silence, and
// which of a set of known tones is the loudest, run by run (each test track is its own tone).
#pragma once

#include <vector>

#include "support/test_audio.h"

namespace holdspace::test {

struct HeardRun {
  int tone = -1;  // an index into the tones asked about; -1 for a silent run
  double start_seconds = 0.0;
  double seconds = 0.0;
  double end_seconds() const { return start_seconds + seconds; }
};

// Runs of consecutive windows whose RMS (both channels) is below `threshold_dbfs`.
std::vector<HeardRun> silent_runs(const DecodedAudio& audio, double window_seconds = 0.01,
                                  double threshold_dbfs = -60.0);

// The first and last window that is not silent, as a run (tone -1); zero length if all is silent.
HeardRun sounding_span(const DecodedAudio& audio, double window_seconds = 0.01, double threshold_dbfs = -60.0);

// For each window that is not silent, the tone in `tones_hz` with the most energy (Goertzel,
// Hann-windowed, left channel), merged into runs of the same tone.
std::vector<HeardRun> tone_runs(const DecodedAudio& audio, const std::vector<double>& tones_hz,
                                double window_seconds = 0.1, double threshold_dbfs = -60.0);

}  // namespace holdspace::test
