// The session timeline as an inline SVG for the HTML report: the plan and the actual phases as
// bands, a track lane, markers as labelled ticks and vitals as points on a small scale.
// Class names are a contract with the tests and the report's CSS: "phase-planned" (one per
// planned phase), "phase-band" (one per phase actually started, one rect per visit inside),
// "track" (one per track), "marker", "vital-hr", "vital-bp", "pause", "device-lost".
#pragma once

#include <string>

#include "journal/session_record.h"

namespace holdspace::journal {

// Self-contained SVG (no scripts, no external references), well-formed XML.
std::string session_timeline_svg(const SessionRecord& record);

}  // namespace holdspace::journal
