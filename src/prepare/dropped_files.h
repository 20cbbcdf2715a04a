// What a therapist drops on the Prepare view, turned into the audio files to add: a file is
// itself, a folder is the audio files inside it (sorted, as a file manager shows an album), and
// a playlist is the tracks it names.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace holdspace::prepare {

struct ExpandedDrop {
  std::vector<std::filesystem::path> files;  // in the order they should be added
  std::vector<std::string> problems;         // one line each: what was left out and why
};

ExpandedDrop expand_dropped_paths(const std::vector<std::filesystem::path>& dropped);

// Whether the file name looks like audio libsndfile reads (by extension only; the file is
// probed when added).
bool has_audio_extension(const std::filesystem::path& path);
bool has_playlist_extension(const std::filesystem::path& path);

}  // namespace holdspace::prepare
