// Turning a playlist file's bytes into numbered UTF-8 lines. Playlists come from every era and
// editor, so this is where BOMs, CRLF and legacy Latin-1 are absorbed before any parsing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace holdspace::playlist {

struct TextLine {
  int number = 0;          // 1-based, as an editor would show it
  std::string text;        // without the line ending
  bool valid_utf8 = true;  // false only when there was no legacy fallback to decode it with
};

// Whether the bytes are UTF-8, or may be an older 8-bit playlist.
enum class TextEncoding {
  utf8,            // .m3u8: UTF-8 by definition, so a bad line is reported as such
  utf8_or_latin1,  // .m3u and .pls: Winamp-era files are often Latin-1
};

bool starts_with_utf8_bom(std::string_view bytes);
bool starts_with_utf16_bom(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);
std::string latin1_to_utf8(std::string_view bytes);

// Drops a UTF-8 BOM and splits on LF, CRLF or a lone CR (classic Mac). With utf8_or_latin1, a
// file that is not valid UTF-8 as a whole is read as Latin-1, where every byte is a character.
std::vector<TextLine> split_playlist_lines(std::string_view bytes, TextEncoding encoding);

// The 1-based line holding the byte at offset; an offset at the very end counts as the last
// line rather than the empty one after a final newline.
int line_at_offset(std::string_view bytes, std::size_t offset);

// Spaces and tabs off both ends: hand-edited playlists often carry them, file names rarely do.
std::string_view trim_blanks(std::string_view text);

// ASCII-only lowercasing, enough for keys, extensions and URI schemes.
std::string ascii_lower(std::string_view text);

}  // namespace holdspace::playlist
