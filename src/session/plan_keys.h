// The keys each part of a plan file may hold. Anything else is refused, because a misspelt key
// would otherwise be ignored silently and its default used in the middle of a session.
#pragma once

#include <toml++/toml.h>

#include "session/plan_problems.h"

namespace holdspace::session {

enum class PlanSection { top, phase, reminder, listener };

// One error per unknown key, with the nearest known key when one is close, or the section the
// key belongs in when it is right but in the wrong place.
void check_known_keys(const toml::table& table, PlanSection section, PlanProblems& problems);

}  // namespace holdspace::session
