// check_playlist: opens every entry the way playback will, so a missing or broken file is found
// while preparing, not as silence in the middle of a session.
#include "playlist/playlist_check.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace holdspace::playlist {

std::string file_access_problem(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    return "file not found: " + path.string();
  }
  if (error == std::errc::permission_denied) {
    return "cannot read (permission denied): " + path.string();
  }
  if (error) return "cannot read " + path.string() + ": " + error.message();
  if (std::filesystem::is_directory(status)) return "is a folder, not an audio file: " + path.string();
  // A FIFO or device would block or never end when opened for probing.
  if (!std::filesystem::is_regular_file(status)) return "not a regular file: " + path.string();

  // Permission bits alone do not tell (ACLs, root, read-only mounts); opening does.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    const int open_error = errno;
    if (open_error == EACCES || open_error == EPERM) {
      return "cannot read (permission denied): " + path.string();
    }
    return "cannot read " + path.string() + ": " + std::strerror(open_error);
  }
  ::close(fd);
  return {};
}

PlaylistCheck check_playlist(const Playlist& playlist) {
  PlaylistCheck check;
  check.problems = playlist.problems;
  std::size_t good = 0;
  for (const PlaylistEntry& entry : playlist.entries) {
    CheckedEntry checked{entry, std::nullopt, file_access_problem(entry.path)};
    if (checked.problem.empty()) {
      Result<audio::AudioFileInfo> info = audio::probe_audio_file(entry.path);
      if (!info) {
        checked.problem = info.error().message;
      } else if (info->frames <= 0) {
        checked.problem = "contains no audio: " + entry.path.string();
      } else {
        // It still plays (what is there, faded where it stops), so it counts as playable, but
        // the therapist should know before the session.
        if (info->cut_short) {
          check.problems.push_back({entry.line, "cut short: the header promises more audio than " +
                                                    entry.path.string() + " holds"});
        }
        check.total_seconds += info->seconds();
        checked.info = std::move(info).value();
        ++good;
      }
    }
    if (!checked.problem.empty()) check.problems.push_back({entry.line, checked.problem});
    check.entries.push_back(std::move(checked));
  }
  if (good == 0) check.problems.push_back({0, "no playable tracks in this playlist"});
  std::stable_sort(check.problems.begin(), check.problems.end(),
                   [](const PlaylistProblem& a, const PlaylistProblem& b) { return a.line < b.line; });
  return check;
}

}  // namespace holdspace::playlist
