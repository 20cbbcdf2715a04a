// Checking a playlist before a session: does every entry open as audio, and how long is it all.
// Run while preparing, never during playback; it touches every file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audio/audio_file.h"
#include "playlist/playlist.h"

namespace holdspace::playlist {

struct CheckedEntry {
  PlaylistEntry entry;
  std::optional<audio::AudioFileInfo> info;  // set when the file opened as audio
  std::string problem;                       // empty when fine; one line, no line number
};

struct PlaylistCheck {
  std::vector<CheckedEntry> entries;       // one per playlist entry, in playlist order
  std::vector<PlaylistProblem> problems;   // parse problems + entry problems, sorted by line
  double total_seconds = 0;                // of the good entries, from the files themselves
  bool has_problems() const { return !problems.empty(); }
};

// A playlist with no playable entry at all also counts as a problem (line 0): in a session it
// would mean silence.
PlaylistCheck check_playlist(const Playlist& playlist);

// Why path cannot be opened for reading as a file ("file not found: ...", "is a folder, ..."),
// or empty when it can. Checked before probing so the message names the real cause.
std::string file_access_problem(const std::filesystem::path& path);

}  // namespace holdspace::playlist
