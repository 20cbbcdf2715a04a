// The playlist model: the entries a playlist file names, where they resolve to, and every problem
// found on the way, each tied to the line of the playlist file it came from.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace holdspace::playlist {

struct PlaylistEntry {
  std::string location;          // as written in the playlist (decoded, UTF-8)
  std::filesystem::path path;    // resolved, absolute
  std::string title;             // from #EXTINF, TitleN= or <title>; may be empty
  std::optional<double> duration_seconds;  // as the playlist claims it; not trusted for playback
  int line = 0;                  // 1-based line in the playlist file
};

struct PlaylistProblem {
  int line = 0;         // 1-based; 0 when the problem is about the whole file
  std::string message;  // one line, e.g. "file not found: /music/a.ogg"
};

struct Playlist {
  std::filesystem::path source;  // the playlist file itself
  std::vector<PlaylistEntry> entries;    // playable candidates, in order
  std::vector<PlaylistProblem> problems; // entries left out (URLs, syntax) and why
};

// Reads an M3U/M3U8, PLS or XSPF playlist, chosen by extension and then by content.
// Fails only when the playlist file itself cannot be read or is of no known format; a bad entry
// becomes a problem and the good entries are kept.
Result<Playlist> read_playlist(const std::filesystem::path& playlist_path);
// The same for a playlist's bytes already in memory. playlist_path is not opened: its extension
// names the format, its folder is where relative entries resolve, and messages name it.
Result<Playlist> read_playlist_bytes(std::string_view bytes, const std::filesystem::path& playlist_path);

// Writes an M3U8 with #EXTINF durations (rounded to whole seconds, -1 when unknown). Paths under
// the playlist's folder are written relative to it, others absolute.
Status write_m3u8(const Playlist& playlist, const std::filesystem::path& out_path);

// "line 4: streams and URLs are not supported offline: http://...", or just the message when
// the problem is about the whole file (line 0).
std::string format_problem(const PlaylistProblem& problem);

}  // namespace holdspace::playlist
