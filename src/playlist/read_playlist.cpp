// read_playlist: loads the file; read_playlist_bytes picks the format (by extension, then by
// content) and hands the bytes to that format's reader. Only a playlist that cannot be read at
// all is an error here.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "playlist/m3u_reader.h"
#include "playlist/playlist.h"
#include "playlist/playlist_text.h"
#include "playlist/pls_reader.h"
#include "playlist/xspf_reader.h"

namespace holdspace::playlist {
namespace {

enum class Format { m3u, m3u8, pls, xspf };

std::optional<Format> format_from_extension(const std::filesystem::path& path) {
  const std::string extension = ascii_lower(path.extension().string());
  if (extension == ".m3u") return Format::m3u;
  if (extension == ".m3u8") return Format::m3u8;
  if (extension == ".pls") return Format::pls;
  if (extension == ".xspf") return Format::xspf;
  return std::nullopt;
}

// For playlists saved as ".txt" or with no extension: each format announces itself in its first
// line, and nothing less is trusted, because any text file would otherwise "be" an M3U.
std::optional<Format> format_from_content(std::string_view bytes) {
  if (starts_with_utf8_bom(bytes)) bytes.remove_prefix(3);
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  const std::string head = ascii_lower(bytes.substr(first, 1024));
  if (head.starts_with("#extm3u")) return Format::m3u;  // Latin-1 fallback: it may be legacy
  if (head.starts_with("[playlist]")) return Format::pls;
  if ((head.starts_with("<?xml") || head.starts_with("<playlist")) &&
      head.find("<playlist") != std::string::npos) {
    return Format::xspf;
  }
  return std::nullopt;
}

Error not_a_playlist(const std::filesystem::path& path) {
  return Error{path.string() + ": not a playlist holdspace can read (use .m3u8, .pls or .xspf)"};
}

Result<std::string> read_bytes(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    return Error{path.string() + ": playlist not found"};
  }
  if (error) return Error{path.string() + ": cannot read playlist: " + error.message()};
  if (std::filesystem::is_directory(status)) {
    return Error{path.string() + ": is a folder, not a playlist file"};
  }
  // A FIFO or device would block the read, or never end.
  if (!std::filesystem::is_regular_file(status)) {
    return Error{path.string() + ": not a regular file, so not a playlist"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot read playlist: " + std::strerror(errno)};
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return Error{path.string() + ": cannot read playlist: " + std::strerror(errno)};
  return bytes;
}

}  // namespace

Result<Playlist> read_playlist(const std::filesystem::path& playlist_path) {
  Result<std::string> bytes = read_bytes(playlist_path);
  if (!bytes) return bytes.error();
  return read_playlist_bytes(*bytes, playlist_path);
}

Result<Playlist> read_playlist_bytes(std::string_view bytes, const std::filesystem::path& playlist_path) {
  std::optional<Format> format = format_from_extension(playlist_path);
  if (!format) format = format_from_content(bytes);
  if (!format) return not_a_playlist(playlist_path);

  if (*format != Format::xspf) {
    // Notepad's "Unicode" is UTF-16; saying so is kinder than a page of "file not found".
    if (starts_with_utf16_bom(bytes)) {
      return Error{playlist_path.string() + ": saved as UTF-16; save it as UTF-8 and try again"};
    }
    // A NUL byte means binary, usually an audio file given where its playlist was meant.
    if (bytes.find('\0') != std::string_view::npos) return not_a_playlist(playlist_path);
  }

  const std::filesystem::path folder =
      std::filesystem::absolute(playlist_path).lexically_normal().parent_path();
  Playlist playlist;
  switch (*format) {
    case Format::m3u:
      playlist = read_m3u_lines(split_playlist_lines(bytes, TextEncoding::utf8_or_latin1), folder);
      break;
    case Format::m3u8:
      playlist = read_m3u_lines(split_playlist_lines(bytes, TextEncoding::utf8), folder);
      break;
    case Format::pls:
      playlist = read_pls_lines(split_playlist_lines(bytes, TextEncoding::utf8_or_latin1), folder);
      break;
    case Format::xspf: {
      Result<Playlist> xspf = read_xspf(bytes, playlist_path, folder);
      if (!xspf) return xspf.error();
      playlist = std::move(xspf).value();
      break;
    }
  }
  playlist.source = playlist_path;
  std::stable_sort(playlist.problems.begin(), playlist.problems.end(),
                   [](const PlaylistProblem& a, const PlaylistProblem& b) { return a.line < b.line; });
  return playlist;
}

}  // namespace holdspace::playlist
