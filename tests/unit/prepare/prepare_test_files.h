// Files the Prepare tests make on disk: text (playlists, plans, not-audio) and short real tones.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "support/kept_test_files.h"
#include "support/test_audio.h"

namespace holdspace::test {

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  REQUIRE(out.good());
  keep_test_file(path);
}

// A mono 440 Hz tone at a low rate: real audio, small and quick to write.
inline void write_tone(const std::filesystem::path& path, double seconds,
                       int format = SF_FORMAT_WAV | SF_FORMAT_PCM_16) {
  constexpr int kRate = 8000;
  std::filesystem::create_directories(path.parent_path());
  write_audio(path, format, kRate, 1, std::int64_t(seconds * kRate), sine(440, kRate, 0.1f));
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace holdspace::test
