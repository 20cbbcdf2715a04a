// What the client would hear, measured as it is rendered: short-term loudness (EBU R128, 3 s
// window) once a second for the plot, the highest true peak, the loudness of each minute, and
// the whole session's integrated loudness. libebur128 measures the loudness and our
// audio::TruePeakMeter the true peak (as the track analysis does), on a thread of their own
// beside the render, which hands over a copy of each block.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/result.h"

namespace holdspace::preflight {

struct MinuteLoudness {
  int minute = -1;  // from 0; -1 when no minute had sound
  double lufs = 0.0;
};

struct OutputLoudness {
  std::vector<double> short_term_lufs;  // one per second; below -70 (or silence) as -70
  double max_true_peak_dbtp = -200.0;
  double integrated_lufs = -70.0;
  MinuteLoudness loudest;
  MinuteLoudness quietest;  // of the minutes with music in them
};

class OutputMeter {
 public:
  explicit OutputMeter(int sample_rate);
  ~OutputMeter();
  OutputMeter(const OutputMeter&) = delete;
  OutputMeter& operator=(const OutputMeter&) = delete;

  // Copies the block and returns; the measuring thread catches up (a few seconds of audio may
  // wait, so a render never outruns it by much).
  void add(const float* stereo, std::int64_t frames);
  // Waits for the measuring thread to finish what it was handed. An error if libebur128 could
  // not measure at all (a report must never read "held" for want of a measurement).
  Result<OutputLoudness> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace holdspace::preflight
