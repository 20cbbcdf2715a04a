// PLS: the Winamp/SHOUTcast INI-style playlist, with numbered FileN=, TitleN= and LengthN= keys.
#pragma once

#include <filesystem>
#include <vector>

#include "playlist/playlist.h"
#include "playlist/playlist_text.h"

namespace holdspace::playlist {

// folder is the playlist's own absolute folder, for relative paths. Leaves source unset.
Playlist read_pls_lines(const std::vector<TextLine>& lines, const std::filesystem::path& folder);

}  // namespace holdspace::playlist
