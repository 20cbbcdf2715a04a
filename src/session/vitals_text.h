// Vitals as a therapist types them: "128/82 74 98", "BP 128/82 HR 74 SpO2 98", "hr 80".
#pragma once

#include <string>

#include "core/result.h"
#include "session/timeline.h"

namespace holdspace::session {

// A "/" pair is blood pressure; bare numbers after it are heart rate, then SpO2; labelled
// numbers (hr, pulse, spo2, o2, bp) go where their label says. Range checks happen in the
// timeline, so one place decides what is plausible.
Result<Vitals> parse_vitals(const std::string& text);

}  // namespace holdspace::session
