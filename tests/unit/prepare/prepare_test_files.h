// Files the Prepare tests make on disk: text (playlists, plans, not-audio) and short real tones.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "playlist/playlist.h"
#include "support/kept_test_files.h"
#include "support/test_audio.h"
#include "support/text_checks.h"

namespace holdspace::test {

// The playlist a Prepare test left on disk, read back: its tracks' paths, in order.
inline std::vector<std::filesystem::path> paths_on_disk(const std::filesystem::path& playlist_file) {
  auto list = playlist::read_playlist(playlist_file);
  INFO((list ? std::string("read") : list.error().message));
  REQUIRE(list.ok());
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : list->entries) paths.push_back(entry.path);
  return paths;
}

// A mono 440 Hz tone at a low rate: real audio, small and quick to write.
inline void write_tone(const std::filesystem::path& path, double seconds,
                       int format = SF_FORMAT_WAV | SF_FORMAT_PCM_16) {
  constexpr int kRate = 8000;
  std::filesystem::create_directories(path.parent_path());
  write_audio(path, format, kRate, 1, std::int64_t(seconds * kRate), sine(440, kRate, 0.1f));
}

}  // namespace holdspace::test
