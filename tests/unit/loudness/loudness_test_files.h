// Test tracks with a known loudness, shared by the loudness tests.
#pragma once

#include <cmath>
#include <filesystem>

#include "support/test_audio.h"

namespace holdspace::test {

// A stereo 1 kHz sine whose peak is `dbfs`: by EBU Tech 3341 it measures `dbfs` LUFS.
inline void write_tone(const std::filesystem::path& path, double dbfs, double seconds, int rate = 48000) {
  write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, rate, 2, std::int64_t(seconds * rate),
              sine(1000.0, rate, float(std::pow(10.0, dbfs / 20.0))));
}

}  // namespace holdspace::test
