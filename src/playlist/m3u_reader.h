// M3U and M3U8: one location per line, with optional #EXTINF lines naming the next entry.
#pragma once

#include <filesystem>
#include <vector>

#include "playlist/playlist.h"
#include "playlist/playlist_text.h"

namespace holdspace::playlist {

// folder is the playlist's own absolute folder, for relative paths. Leaves source unset.
Playlist read_m3u_lines(const std::vector<TextLine>& lines, const std::filesystem::path& folder);

}  // namespace holdspace::playlist
