// The plan's settings for the client's ears: the fader's ceiling, the loudness every track is
// matched to, the true-peak ceiling the limiter holds, how far Talk lowers the music and how
// long Fade out takes. Each has a safe default and a range outside which it is refused.
#pragma once

#include <toml++/toml.h>

#include "session/plan.h"
#include "session/plan_problems.h"

namespace holdspace::session {

void read_levels(const toml::table& root, Plan& plan, PlanProblems& problems);

}  // namespace holdspace::session
