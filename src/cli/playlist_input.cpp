#include "cli/playlist_input.h"

#include "cli/terminal.h"

namespace holdspace::cli {

Result<std::vector<playlist::PlaylistEntry>> read_playable_entries(const std::string& playlist_path) {
  auto playlist = playlist::read_playlist(playlist_path);
  if (!playlist) return playlist.error();
  for (const auto& problem : playlist->problems) {
    print_warning(playlist_path + ":" + std::to_string(problem.line) + ": " + problem.message);
  }
  if (playlist->entries.empty()) {
    return Error{playlist_path + ": the playlist names no playable track"};
  }
  return std::move(playlist->entries);
}

}  // namespace holdspace::cli
