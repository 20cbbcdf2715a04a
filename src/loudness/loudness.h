// What a track measures under EBU R128 (integrated loudness and loudness range, with
// libebur128; true peak, with audio::TruePeakMeter), from the very stereo signal the engine
// will play. Tags in the file are not read.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "core/result.h"

namespace holdspace::loudness {

struct Loudness {
  double integrated_lufs = 0.0;  // EBU R128 integrated, of the stereo signal the engine plays
  double range_lu = 0.0;         // loudness range (EBU Tech 3342)
  double true_peak_dbtp = 0.0;   // highest over both channels
  double seconds = 0.0;
};

// Names the method and the library behind it. Stored with every cached result, so a change of
// either (say, a libebur128 whose loudness filter differs) makes old results miss.
std::string analyser_version();

// Decodes the whole file (AudioFileReader: stereo, at the file's own rate) and measures it.
// Errors are one line, "<file>: <why>": unreadable, not audio, damaged mid-stream, silent, or a
// result no real track gives (integrated above +6 LUFS, true peak above +20 dBTP, non-finite).
Result<Loudness> measure_file(const std::filesystem::path& file);
// The same, giving up between blocks once *cancel is true ("<file>: analysis cancelled").
Result<Loudness> measure_file(const std::filesystem::path& file, const std::atomic<bool>* cancel);

// The plausibility check measure_file applies, for values that come from elsewhere (the cache).
// Empty when the values could belong to a real track, else the reason.
std::string implausibility(const Loudness& loudness);

}  // namespace holdspace::loudness
