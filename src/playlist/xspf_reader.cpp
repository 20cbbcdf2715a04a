// XSPF parsing. Locations are URI references, so they are percent-decoded and resolved against
// the playlist's folder. Line numbers come from pugixml's byte offsets, which is why the buffer
// pugixml parses must be the very bytes we count lines in.
#include "playlist/xspf_reader.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "playlist/playlist_location.h"
#include "playlist/playlist_text.h"

namespace holdspace::playlist {
namespace {

// Maps pugixml offsets back to lines. Offsets match our bytes only when pugixml did not have to
// convert them (UTF-8, or Latin-1 we converted first); for UTF-16/32 files the line is 0,
// "somewhere in the file", rather than a wrong one.
struct LineMap {
  std::string_view text;
  bool offsets_match = true;

  int line_of(std::ptrdiff_t offset) const {
    if (!offsets_match || offset < 0) return 0;
    return line_at_offset(text, static_cast<std::size_t>(offset));
  }
  int line_of(const pugi::xml_node& node) const { return line_of(node.offset_debug()); }
};

// The encoding="..." of an XML declaration, lowercased; empty when there is none.
std::string declared_encoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return {};
  const std::string_view declaration = bytes.substr(0, bytes.find("?>"));
  const std::size_t key = declaration.find("encoding");
  if (key == std::string_view::npos) return {};
  const std::size_t open = declaration.find_first_of("\"'", key);
  if (open == std::string_view::npos) return {};
  const std::size_t close = declaration.find(declaration[open], open + 1);
  if (close == std::string_view::npos) return {};
  return ascii_lower(declaration.substr(open + 1, close - open - 1));
}

bool is_latin1_name(const std::string& encoding) {
  // windows-1252 differs from Latin-1 only in rarely used punctuation; close enough for names.
  return encoding == "iso-8859-1" || encoding == "latin1" || encoding == "latin-1" ||
         encoding == "iso8859-1" || encoding == "windows-1252" || encoding == "cp1252";
}

bool looks_like_utf16_or_32(std::string_view bytes) {
  return starts_with_utf16_bom(bytes) || (bytes.size() >= 2 && (bytes[0] == '\0' || bytes[1] == '\0'));
}

// Element names without a namespace prefix, compared case-insensitively: generators vary.
bool is_named(const pugi::xml_node& node, std::string_view wanted) {
  if (node.type() != pugi::node_element) return false;
  std::string_view name = node.name();
  if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) {
    name.remove_prefix(colon + 1);
  }
  return ascii_lower(name) == ascii_lower(wanted);
}

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view wanted) {
  for (pugi::xml_node child : parent.children()) {
    if (is_named(child, wanted)) return child;
  }
  return {};
}

std::string_view trim_xml_space(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view text_of(const pugi::xml_node& node) { return trim_xml_space(node.text().get()); }

std::optional<double> duration_seconds(const pugi::xml_node& track) {
  const std::string_view text = text_of(child_named(track, "duration"));
  double milliseconds = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), milliseconds);
  if (parsed.ec != std::errc{} || !std::isfinite(milliseconds) || milliseconds < 0) {
    return std::nullopt;
  }
  return milliseconds / 1000.0;
}

Error invalid(const std::filesystem::path& source, int line, const std::string& reason) {
  std::string where = source.string();
  if (line > 0) where += ":" + std::to_string(line);
  return Error{where + ": not valid XSPF: " + reason};
}

// pugixml says "Start-end tags mismatch"; in the middle of our sentence it reads lowercase.
std::string lowercase_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

}  // namespace

Result<Playlist> read_xspf(std::string_view bytes, const std::filesystem::path& source,
                           const std::filesystem::path& folder) {
  std::string converted;
  pugi::xml_encoding encoding = pugi::encoding_utf8;
  LineMap lines{bytes};
  if (looks_like_utf16_or_32(bytes)) {
    encoding = pugi::encoding_auto;
    lines.offsets_match = false;
  } else if (is_latin1_name(declared_encoding(bytes))) {
    // Converting here, not in pugixml, keeps its offsets in the bytes we count lines in.
    converted = latin1_to_utf8(bytes);
    lines.text = converted;
  }

  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(
      lines.text.data(), lines.text.size(), pugi::parse_default, encoding);
  if (!parsed) return invalid(source, lines.line_of(parsed.offset), lowercase_first(parsed.description()));

  const pugi::xml_node root = document.document_element();
  if (!is_named(root, "playlist")) {
    return invalid(source, lines.line_of(root),
                   "the document is <" + std::string(root.name()) + ">, not an XSPF <playlist>");
  }
  const pugi::xml_node track_list = child_named(root, "trackList");
  if (!track_list) return invalid(source, lines.line_of(root), "<playlist> has no <trackList>");

  Playlist playlist;
  for (const pugi::xml_node track : track_list.children()) {
    if (!is_named(track, "track")) continue;
    // A track may offer several locations as alternatives; the first usable one wins, and if
    // none is usable the first one's reason is the one worth reading.
    std::optional<PlaylistProblem> first_problem;
    std::optional<PlaylistEntry> chosen;
    for (const pugi::xml_node location : track.children()) {
      if (!is_named(location, "location")) continue;
      const int line = lines.line_of(location);
      const std::string written(text_of(location));
      Result<std::filesystem::path> path = resolve_location(written, folder, LocationSyntax::uri);
      if (!path) {
        if (!first_problem) first_problem = PlaylistProblem{line, path.error().message};
        continue;
      }
      chosen = PlaylistEntry{written, std::move(path).value(), {}, {}, line};
      break;
    }
    if (!chosen) {
      playlist.problems.push_back(
          first_problem.value_or(PlaylistProblem{lines.line_of(track), "track has no <location>"}));
      continue;
    }
    chosen->title = std::string(text_of(child_named(track, "title")));
    chosen->duration_seconds = duration_seconds(track);
    playlist.entries.push_back(std::move(*chosen));
  }
  return playlist;
}

}  // namespace holdspace::playlist
