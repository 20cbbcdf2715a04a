// PLS parsing. Entries play in the order of N, not of the lines, because the keys are numbered
// precisely so that editors may write them in any order. A broken FileN is a problem; a broken
// TitleN or LengthN is only lost advice and is passed over quietly.
#include "playlist/pls_reader.h"

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "playlist/playlist_location.h"

namespace holdspace::playlist {
namespace {

struct NumberedEntry {
  std::string file;
  int file_line = 0;  // 0 until FileN= is seen; TitleN= may come first
  std::string title;
  std::optional<double> length_seconds;
};

std::optional<long long> parse_whole_number(std::string_view text) {
  long long value = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (parsed.ec != std::errc{} || parsed.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// "file12" with prefix "file" -> 12; nullopt when the rest is not a plain number.
std::optional<int> key_number(std::string_view key, std::string_view prefix) {
  if (key.size() <= prefix.size()) return std::nullopt;
  const std::string_view digits = key.substr(prefix.size());
  if (digits.front() < '0' || digits.front() > '9') return std::nullopt;
  const auto number = parse_whole_number(digits);
  if (!number || *number > 1'000'000'000) return std::nullopt;
  return static_cast<int>(*number);
}

std::optional<double> parse_length(std::string_view text) {
  double seconds = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), seconds);
  // -1 is how PLS says "unknown" (streams); any negative means the same.
  if (parsed.ec != std::errc{} || !std::isfinite(seconds) || seconds < 0) return std::nullopt;
  return seconds;
}

}  // namespace

Playlist read_pls_lines(const std::vector<TextLine>& lines, const std::filesystem::path& folder) {
  Playlist playlist;
  std::map<int, NumberedEntry> numbered;
  std::optional<long long> declared_count;
  int declared_count_line = 0;
  bool in_playlist_section = true;  // keys before any [section] are read too: lenient

  for (const TextLine& line : lines) {
    const std::string_view text = trim_blanks(line.text);
    if (text.empty() || text.front() == ';' || text.front() == '#') continue;
    if (text.front() == '[') {
      in_playlist_section = ascii_lower(text) == "[playlist]";
      continue;
    }
    if (!in_playlist_section) continue;
    if (!line.valid_utf8) {
      playlist.problems.push_back({line.number, "not valid UTF-8 text; save the playlist as UTF-8"});
      continue;
    }
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
      playlist.problems.push_back(
          {line.number, "not a PLS line (expected Key=value): " + std::string(text)});
      continue;
    }
    const std::string key = ascii_lower(trim_blanks(text.substr(0, equals)));
    const std::string_view value = trim_blanks(text.substr(equals + 1));

    if (key.starts_with("file")) {
      const std::optional<int> number = key_number(key, "file");
      if (!number) {
        playlist.problems.push_back(
            {line.number, "File entry without a number (expected File1=, File2=, ...): " +
                              std::string(text)});
        continue;
      }
      NumberedEntry& entry = numbered[*number];
      if (entry.file_line != 0) {
        playlist.problems.push_back(
            {line.number, "File" + std::to_string(*number) + " appears twice; keeping line " +
                              std::to_string(entry.file_line)});
        continue;
      }
      entry.file = std::string(value);
      entry.file_line = line.number;
    } else if (key.starts_with("title")) {
      if (const auto number = key_number(key, "title")) numbered[*number].title = std::string(value);
    } else if (key.starts_with("length")) {
      if (const auto number = key_number(key, "length")) {
        numbered[*number].length_seconds = parse_length(value);
      }
    } else if (key == "numberofentries") {
      declared_count = parse_whole_number(value);
      declared_count_line = line.number;
    }
    // "Version" and anything unknown carry nothing holdspace needs.
  }

  long long file_count = 0;
  for (auto& [number, numbered_entry] : numbered) {
    if (numbered_entry.file_line == 0) continue;  // a TitleN or LengthN with no FileN
    ++file_count;
    if (numbered_entry.file.empty()) {
      playlist.problems.push_back(
          {numbered_entry.file_line, "File" + std::to_string(number) + " is empty"});
      continue;
    }
    Result<std::filesystem::path> path =
        resolve_location(numbered_entry.file, folder, LocationSyntax::path);
    if (!path) {
      playlist.problems.push_back({numbered_entry.file_line, path.error().message});
      continue;
    }
    PlaylistEntry entry;
    entry.location = std::move(numbered_entry.file);
    entry.path = std::move(path).value();
    entry.title = std::move(numbered_entry.title);
    entry.duration_seconds = numbered_entry.length_seconds;
    entry.line = numbered_entry.file_line;
    playlist.entries.push_back(std::move(entry));
  }

  // A count that disagrees usually means the file was cut short or edited by hand.
  if (declared_count && *declared_count != file_count) {
    playlist.problems.push_back(
        {declared_count_line, "NumberOfEntries says " + std::to_string(*declared_count) +
                                  " but the playlist lists " + std::to_string(file_count) +
                                  " files"});
  }
  return playlist;
}

}  // namespace holdspace::playlist
