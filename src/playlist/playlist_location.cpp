// Location resolution: file URIs, percent-encoding, relative paths, and refusing the network.
#include "playlist/playlist_location.h"

#include "core/message_text.h"
#include "playlist/playlist_text.h"

namespace holdspace::playlist {
namespace {

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.';
}

// Length of "scheme" in "scheme:...", or 0 when there is none.
std::size_t scheme_length(std::string_view text) {
  if (text.empty() || !((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'))) {
    return 0;
  }
  std::size_t i = 1;
  while (i < text.size() && is_scheme_char(text[i])) ++i;
  if (i < 2 || i >= text.size() || text[i] != ':') return 0;
  return i;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoded bytes are meant to be UTF-8; tools of the Latin-1 era encoded single bytes.
std::string decode_uri_path(std::string_view text) {
  std::string decoded = percent_decode(text);
  if (!is_valid_utf8(decoded)) decoded = latin1_to_utf8(decoded);
  return decoded;
}

Result<std::filesystem::path> to_absolute(std::string_view local, const std::filesystem::path& folder,
                                          std::string_view written) {
  if (local.empty()) return Error{"empty location"};
  // A "%00" would silently cut the name short at the system call.
  if (local.find('\0') != std::string_view::npos) {
    return Error{"not a valid file name: " + message_text(written)};
  }
  std::filesystem::path path{std::string(local)};
  if (path.is_relative()) path = folder / path;
  return path.lexically_normal();
}

Result<std::filesystem::path> resolve_file_uri(std::string_view written,
                                               const std::filesystem::path& folder) {
  std::string_view rest = written.substr(5);  // after "file:"
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    const std::size_t slash = rest.find('/');
    const std::string host = ascii_lower(rest.substr(0, slash));
    if (slash == std::string_view::npos || (!host.empty() && host != "localhost")) {
      return Error{"files on another computer are not supported offline: " + message_text(written)};
    }
    rest.remove_prefix(slash);
  }
  // "file:/a.ogg" is absolute; "file:a.ogg" is a relative reference some tools write.
  return to_absolute(decode_uri_path(rest), folder, written);
}

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

bool has_uri_scheme(std::string_view text) { return scheme_length(text) > 0; }

Result<std::filesystem::path> resolve_location(std::string_view written,
                                               const std::filesystem::path& folder,
                                               LocationSyntax syntax) {
  const std::size_t scheme = scheme_length(written);
  if (scheme > 0 && ascii_lower(written.substr(0, scheme)) == "file") {
    return resolve_file_uri(written, folder);
  }
  // In a plain path a colon is a legal file-name character ("Intro: Breath.ogg"), so only the
  // unmistakable "scheme://" marks a URL there. In a URI reference any scheme is one.
  const bool is_url = scheme > 0 && (syntax == LocationSyntax::uri ||
                                     written.substr(scheme + 1, 2) == "//");
  if (is_url) {
    return Error{"streams and URLs are not supported offline: " + message_text(written)};
  }
  if (syntax == LocationSyntax::uri) return to_absolute(decode_uri_path(written), folder, written);
  return to_absolute(written, folder, written);
}

}  // namespace holdspace::playlist
