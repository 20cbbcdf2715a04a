// XSPF: the XML Shareable Playlist Format (xspf.org), read with pugixml.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"
#include "playlist/playlist.h"

namespace holdspace::playlist {

// bytes are the whole file. Malformed XML, or XML that is no XSPF playlist, fails with
// "<source>:<line>: not valid XSPF: <reason>". Leaves source unset.
Result<Playlist> read_xspf(std::string_view bytes, const std::filesystem::path& source,
                           const std::filesystem::path& folder);

}  // namespace holdspace::playlist
