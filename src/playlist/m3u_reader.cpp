// M3U/M3U8 parsing. Players disagree on the finer points, so this reads the way most of them
// do: #EXTINF is advice for the next location, every other '#' line is a comment.
#include "playlist/m3u_reader.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include "playlist/playlist_location.h"

namespace holdspace::playlist {
namespace {

struct ExtInf {
  std::optional<double> seconds;
  std::string title;
};

// "#EXTINF:<seconds>[ key="value" ...],<title>". IPTV-style attributes may hold commas inside
// quotes, so the title starts at the first comma outside them. A duration that does not parse
// is simply unknown: it is advice, never used for timing.
ExtInf parse_extinf(std::string_view body) {
  std::size_t comma = std::string_view::npos;
  bool in_quotes = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '"') in_quotes = !in_quotes;
    if (body[i] == ',' && !in_quotes) {
      comma = i;
      break;
    }
  }
  ExtInf info;
  const std::string_view head = trim_blanks(body.substr(0, comma));
  double seconds = 0;
  const auto parsed = std::from_chars(head.data(), head.data() + head.size(), seconds);
  if (parsed.ec == std::errc{} && std::isfinite(seconds) && seconds >= 0) info.seconds = seconds;
  if (comma != std::string_view::npos) info.title = std::string(trim_blanks(body.substr(comma + 1)));
  return info;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && ascii_lower(text.substr(0, prefix.size())) == prefix;
}

}  // namespace

Playlist read_m3u_lines(const std::vector<TextLine>& lines, const std::filesystem::path& folder) {
  Playlist playlist;
  std::optional<ExtInf> pending;  // the #EXTINF waiting for its location
  for (const TextLine& line : lines) {
    const std::string_view text = trim_blanks(line.text);
    if (text.empty()) continue;
    if (text.front() == '#') {
      if (starts_with_ignoring_case(text, "#extinf:")) {
        pending = parse_extinf(text.substr(8));
        if (!line.valid_utf8) pending->title.clear();
      }
      continue;
    }
    // Whatever happens to this location, the #EXTINF above it was about it and no other.
    const std::optional<ExtInf> info = std::exchange(pending, std::nullopt);
    if (!line.valid_utf8) {
      playlist.problems.push_back(
          {line.number, "not valid UTF-8 text; save the playlist as UTF-8 (or name it .m3u if it "
                        "is Latin-1)"});
      continue;
    }
    Result<std::filesystem::path> path = resolve_location(text, folder, LocationSyntax::path);
    if (!path) {
      playlist.problems.push_back({line.number, path.error().message});
      continue;
    }
    PlaylistEntry entry;
    entry.location = std::string(text);
    entry.path = std::move(path).value();
    entry.line = line.number;
    if (info) {
      entry.title = info->title;
      entry.duration_seconds = info->seconds;
    }
    playlist.entries.push_back(std::move(entry));
  }
  return playlist;
}

}  // namespace holdspace::playlist
