// The session as JSON: a summary, every event with all its fields, and the review model (phases
// planned against actual, tracks, markers, …) so a script need not fold the events itself.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "journal/event.h"
#include "journal/session_record.h"

namespace holdspace::journal {

nlohmann::json export_json(const std::vector<Event>& events, const SessionRecord& record);

// Indented, UTF-8; a byte sequence that is not UTF-8 becomes U+FFFD rather than failing.
std::string export_json_text(const std::vector<Event>& events, const SessionRecord& record);

}  // namespace holdspace::journal
