// The session as a terminal report (`holdspace-cli show`): a header, each phase planned against
// actual, then everything that happened in session-time order. Plain text, no colours, so it
// reads the same on a terminal, in a pipe or pasted into notes. The HTML report reuses the
// entries, so both say the same thing in the same words.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "journal/session_record.h"

namespace holdspace::journal {

enum class TimelineCategory { Phase, Track, Marker, Reminder, Other };

// One line of the timeline: "00:42:10  vitals  BP 128/82  HR 74  SpO2 98".
struct TimelineEntry {
  std::int64_t at_ns = 0;
  TimelineCategory category = TimelineCategory::Other;
  std::string label;   // "phase", "track", "dose", "vitals", "reminder", "pause", …
  std::string detail;  // one line, no control characters; may be empty
};

// Everything in session-time order; at the same moment a phase start comes before what
// happened in it.
std::vector<TimelineEntry> timeline_entries(const SessionRecord& record);

std::string timeline_text(const SessionRecord& record);

}  // namespace holdspace::journal
