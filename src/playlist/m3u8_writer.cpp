// write_m3u8: the one format holdspace writes, because every player reads it and UTF-8 makes
// names survive. The file is replaced atomically so a crash never leaves half a playlist.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>

#include "playlist/playlist.h"
#include "playlist/playlist_location.h"

namespace holdspace::playlist {
namespace {

// The line a reader will resolve back to path: relative under folder so the playlist can move
// with its music, absolute otherwise.
std::string location_line(const std::filesystem::path& path, const std::filesystem::path& folder) {
  const std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
  const std::filesystem::path relative = absolute.lexically_relative(folder);
  if (relative.empty() || *relative.begin() == "..") return absolute.string();
  std::string text = relative.string();
  // Without "./" a name like "#1.ogg" reads back as a comment and "intro:a.ogg" as a URL.
  if (text.front() == '#' || has_uri_scheme(text)) text = "./" + text;
  return text;
}

// Titles come from tags and other playlists; a line break in one would split the entry.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::string io_error(const std::filesystem::path& out_path, int error) {
  return out_path.string() + ": cannot write playlist: " + std::strerror(error);
}

Status write_atomically(const std::filesystem::path& out_path, const std::string& text) {
  std::filesystem::path temporary = out_path;
  temporary += ".holdspace-tmp";
  // Owner-only for a new file (client privacy); a replaced file keeps the mode it had.
  mode_t mode = S_IRUSR | S_IWUSR;
  std::error_code error;
  const auto existing = std::filesystem::status(out_path, error);
  if (!error && std::filesystem::is_regular_file(existing)) {
    mode = static_cast<mode_t>(existing.permissions()) & 07777;
  }
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return Error{io_error(out_path, errno)};
  ::fchmod(fd, mode);  // open's mode is filtered by the umask; the old file's mode is not
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int write_error = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      return Error{io_error(out_path, write_error)};
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int sync_error = errno;
    ::unlink(temporary.c_str());
    return Error{io_error(out_path, sync_error)};
  }
  if (::rename(temporary.c_str(), out_path.c_str()) != 0) {
    const int rename_error = errno;
    ::unlink(temporary.c_str());
    return Error{io_error(out_path, rename_error)};
  }
  return ok_status();
}

}  // namespace

Status write_m3u8(const Playlist& playlist, const std::filesystem::path& out_path) {
  const std::filesystem::path folder =
      std::filesystem::absolute(out_path).lexically_normal().parent_path();
  std::string text = "#EXTM3U\n";
  for (const PlaylistEntry& entry : playlist.entries) {
    const std::string location =
        entry.path.empty() ? entry.location : location_line(entry.path, folder);
    if (location.find_first_of("\r\n") != std::string::npos) {
      return Error{out_path.string() + ": cannot write " + location +
                   " into an M3U8: its name contains a line break"};
    }
    long long seconds = -1;
    if (entry.duration_seconds && std::isfinite(*entry.duration_seconds) &&
        *entry.duration_seconds >= 0) {
      seconds = std::llround(*entry.duration_seconds);
    }
    text += "#EXTINF:" + std::to_string(seconds) + "," + one_line(entry.title) + "\n";
    text += location + "\n";
  }
  return write_atomically(out_path, text);
}

}  // namespace holdspace::playlist
