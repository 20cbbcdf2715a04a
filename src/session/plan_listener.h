// read_listeners: the optional [[listener]] tables of a couples session. Each listener hears the
// same music on its own stereo pair of the one output device (the first on channels 1-2, the
// second on 3-4), at its own volume and under its own true-peak ceiling.
#pragma once

#include <toml++/toml.h>

#include <vector>

#include "session/plan.h"
#include "session/plan_problems.h"

namespace holdspace::session {

// Reads after read_levels: a listener's ceiling defaults to the plan's ceiling_dbtp.
std::vector<ListenerPlan> read_listeners(const toml::table& root, double plan_ceiling_dbtp,
                                         PlanProblems& problems);

}  // namespace holdspace::session
