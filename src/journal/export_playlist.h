// What actually played, in order, as a playlist: for the client to listen again during
// integration. Written through playlist::write_m3u8 so holdspace has one M3U8 writer.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "journal/session_record.h"
#include "playlist/playlist.h"

namespace holdspace::journal {

// One entry per track played, with its title and the file's full duration for #EXTINF. A
// restart of the same file (resume, undo) counts once, and a track that only a phase change
// later undone started is left out.
playlist::Playlist played_playlist(const SessionRecord& record);

// Writes played_playlist() as M3U8, readable by the owner only (mode 0600).
Status export_played_playlist(const SessionRecord& record, const std::filesystem::path& out_path);

}  // namespace holdspace::journal
