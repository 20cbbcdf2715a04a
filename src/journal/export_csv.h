// The session as CSV: one row per journal event, for a spreadsheet or a script. The payload is
// flattened into a few readable columns and kept whole, as JSON, in the last one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "journal/event.h"
#include "journal/session_record.h"

namespace holdspace::journal {

// The header row's names, in order.
const std::vector<std::string>& csv_columns();

// RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled.
std::string export_csv(const std::vector<Event>& events, const SessionRecord& record);

// One field, quoted only when it must be.
std::string csv_field(std::string_view text);

}  // namespace holdspace::journal
