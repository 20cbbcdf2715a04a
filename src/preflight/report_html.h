// The preflight report as one self-contained HTML file: the verdict first, then short-term
// loudness over the whole session as an SVG plot with the phases as bands, then each finding.
// Printable, no scripts, no external files, so it can be kept with the session's notes.
#pragma once

#include <string>

#include "preflight/preflight.h"

namespace holdspace::preflight {

std::string report_html(const PreflightReport& report);

// The plot alone: short-term loudness (LUFS) against session time, phase bands, the target.
std::string loudness_svg(const PreflightReport& report);

}  // namespace holdspace::preflight
