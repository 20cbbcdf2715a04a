// The playlist targets share this: the bytes read as a playlist of a given name, through
// read_playlist_bytes, the same code read_playlist runs after loading the file.
#pragma once

#include <filesystem>
#include <string_view>

#include "fuzz_checks.h"
#include "playlist/playlist.h"

namespace holdspace::fuzz {

// playlist_path is never opened: its extension picks the reader (".txt": by content), and its
// folder is where relative entries resolve. Entries are only resolved, never touched.
inline void read_as_playlist(std::string_view bytes, const std::filesystem::path& playlist_path) {
  const Result<playlist::Playlist> read = playlist::read_playlist_bytes(bytes, playlist_path);
  if (!read) {
    require_one_line("a playlist error is one line", read.error().message);
    return;
  }
  for (const playlist::PlaylistEntry& entry : read->entries) {
    // playlist.h: "resolved, absolute", which is what check and playback open.
    if (!entry.path.is_absolute()) broken_promise("an entry's path is absolute", entry.path.string());
  }
  for (const playlist::PlaylistProblem& problem : read->problems) {
    require_one_line("a playlist problem is one line", playlist::format_problem(problem));
  }
}

}  // namespace holdspace::fuzz
