// Wall time for the record: ISO 8601 UTC text and the local offset at that moment.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace holdspace {

// "2026-11-21T19:47:03.123Z"
std::string iso_utc(std::chrono::system_clock::time_point when);
// Minutes east of UTC where this machine is, at that moment (60 for CET, -300 for EST).
int utc_offset_minutes(std::chrono::system_clock::time_point when);
std::optional<std::chrono::system_clock::time_point> parse_iso_utc(const std::string& text);

}  // namespace holdspace
