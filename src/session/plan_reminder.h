// Reading the [[reminder]] tables of a plan: what the therapist is shown, and when, counted from
// a marker (dose, booster, vitals, note) or from the start of a named phase.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "session/plan.h"
#include "session/plan_problems.h"

namespace holdspace::session {

// The marker types a reminder may count from; the timeline records exactly these.
const std::vector<std::string>& marker_types();

// Every [[reminder]], in order; none is fine. Phase anchors are checked against phases.
std::vector<ReminderPlan> read_reminders(const toml::table& plan, const std::vector<PhasePlan>& phases,
                                         PlanProblems& problems);

}  // namespace holdspace::session
