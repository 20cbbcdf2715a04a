// Reads the playlist a playing command was given. Problems with single entries are printed as
// warnings ("list.m3u8:7: file not found: …") and the good entries still play.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "playlist/playlist.h"

namespace holdspace::cli {

Result<std::vector<playlist::PlaylistEntry>> read_playable_entries(const std::string& playlist_path);

}  // namespace holdspace::cli
