// The session as a printable one-page HTML report: summary, SVG timeline, and tables of phases,
// markers and vitals, reminders, tracks and other events. Fully self-contained (inline CSS, no
// scripts, no network) and XHTML-clean, so it opens anywhere offline and parses as XML.
#pragma once

#include <string>

#include "journal/session_record.h"

namespace holdspace::journal {

std::string export_html(const SessionRecord& record);

}  // namespace holdspace::journal
