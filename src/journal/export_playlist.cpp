#include "journal/export_playlist.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace holdspace::journal {

namespace {

// A track the mistaken phase change started: it played for a few seconds before the undo, and
// is no part of the music the client went through.
bool started_by_undone_change(const SessionRecord& record, const TrackRecord& track) {
  for (const UndoneChange& undo : record.undone_changes) {
    if (track.phase == undo.dropped_phase && track.start_ns >= undo.from_ns &&
        track.start_ns <= undo.at_ns) {
      return true;
    }
  }
  return false;
}

}  // namespace

playlist::Playlist played_playlist(const SessionRecord& record) {
  playlist::Playlist played;
  for (const TrackRecord& track : record.tracks) {
    if (track.path.empty() || started_by_undone_change(record, track)) continue;
    // A resume or an undone phase change restarts the track that was playing; to a listener
    // that is one track, not two.
    if (!played.entries.empty() && played.entries.back().location == track.path) continue;
    playlist::PlaylistEntry entry;
    entry.location = track.path;
    entry.path = track.path;
    entry.title = track.title;
    entry.duration_seconds = track.duration_seconds;
    played.entries.push_back(std::move(entry));
  }
  return played;
}

Status export_played_playlist(const SessionRecord& record, const std::filesystem::path& out_path) {
  // write_m3u8 keeps the mode of a file it replaces, so tighten an existing one first: the
  // client's music list must not become readable by others for a moment.
  struct stat existing {};
  if (::stat(out_path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
    if (::chmod(out_path.c_str(), S_IRUSR | S_IWUSR) != 0) {
      return Error{out_path.string() + ": cannot write playlist: " + std::strerror(errno)};
    }
  }
  playlist::Playlist played = played_playlist(record);
  played.source = out_path;
  Status written = playlist::write_m3u8(played, out_path);
  if (!written) return written;
  if (::chmod(out_path.c_str(), S_IRUSR | S_IWUSR) != 0) {
    return Error{out_path.string() + ": cannot make the playlist private: " + std::strerror(errno)};
  }
  return ok_status();
}

}  // namespace holdspace::journal
