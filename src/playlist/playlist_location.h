// From a location as a playlist writes it to a file on this machine, or the reason there is none
// (a stream, a URL, a file on another computer). Shared by every reader so they agree.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace holdspace::playlist {

// How a format writes locations. M3U and PLS hold file paths, where "%20" is three real
// characters; XSPF holds URI references, where it is a space.
enum class LocationSyntax { path, uri };

// Resolves against folder (absolute) when relative, and normalises "." and "..". The error is a
// one-line message without a line number; the reader adds that.
Result<std::filesystem::path> resolve_location(std::string_view written,
                                               const std::filesystem::path& folder,
                                               LocationSyntax syntax);

// "%20" -> " ". A '%' not followed by two hex digits is kept, as lenient players do.
std::string percent_decode(std::string_view text);

// True when text opens with "scheme:" (two or more characters, so "C:\..." is a drive letter,
// not a scheme). A path written out relative must not look like this, or it reads as a URL.
bool has_uri_scheme(std::string_view text);

}  // namespace holdspace::playlist
