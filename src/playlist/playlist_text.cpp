// Byte-level text handling for playlist readers: encodings, line endings and line numbers.
#include "playlist/playlist_text.h"

#include <algorithm>

namespace holdspace::playlist {

bool starts_with_utf8_bom(std::string_view bytes) {
  return bytes.substr(0, 3) == "\xEF\xBB\xBF";
}

bool starts_with_utf16_bom(std::string_view bytes) {
  return bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
}

namespace {

// Bytes that follow a lead byte, or -1 when the byte cannot start a character.
int continuation_count(unsigned char lead) {
  if (lead < 0x80) return 0;
  if ((lead & 0xE0) == 0xC0) return 1;
  if ((lead & 0xF0) == 0xE0) return 2;
  if ((lead & 0xF8) == 0xF0) return 3;
  return -1;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  static constexpr unsigned kSmallestCode[] = {0, 0x80, 0x800, 0x10000};
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const int continuation = continuation_count(lead);
    if (continuation < 0 || i + continuation >= bytes.size()) return false;
    unsigned code = lead & (0x7Fu >> (continuation + 1));
    for (int k = 1; k <= continuation; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms and UTF-16 surrogates are how Latin-1 text can slip through as "UTF-8".
    if (code < kSmallestCode[continuation] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += continuation + 1;
  }
  return true;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (byte >> 6)));
      out.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    }
  }
  return out;
}

std::vector<TextLine> split_playlist_lines(std::string_view bytes, TextEncoding encoding) {
  if (starts_with_utf8_bom(bytes)) bytes.remove_prefix(3);

  // Latin-1 is decided for the whole file: one editor wrote it, so one encoding applies.
  std::string decoded;
  bool check_each_line = encoding == TextEncoding::utf8;
  if (encoding == TextEncoding::utf8_or_latin1 && !is_valid_utf8(bytes)) {
    decoded = latin1_to_utf8(bytes);
    bytes = decoded;
  }

  std::vector<TextLine> lines;
  std::size_t start = 0;
  int number = 1;
  while (start <= bytes.size()) {
    std::size_t end = start;
    while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r') ++end;
    const std::string_view text = bytes.substr(start, end - start);
    // A final newline ends the last line; it does not open an empty one.
    if (end == bytes.size() && text.empty() && start > 0) break;
    lines.push_back({number, std::string(text), !check_each_line || is_valid_utf8(text)});
    if (end == bytes.size()) break;
    start = end + ((bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n') ? 2 : 1);
    ++number;
  }
  return lines;
}

int line_at_offset(std::string_view bytes, std::size_t offset) {
  if (offset >= bytes.size()) {
    offset = bytes.size();
    // Step back over the final line ending so a parse error "at the end" names a real line.
    while (offset > 0 && (bytes[offset - 1] == '\n' || bytes[offset - 1] == '\r')) --offset;
  }
  int line = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (bytes[i] == '\n') {
      ++line;
    } else if (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n')) {
      ++line;
    }
  }
  return line;
}

std::string_view trim_blanks(std::string_view text) {
  const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

}  // namespace holdspace::playlist
