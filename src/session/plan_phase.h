// Reading the [[phase]] tables of a plan: each phase's own values, checked against the plan's
// ceiling and bell, and names that must be unique because reminders refer to them.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <vector>

#include "session/plan.h"
#include "session/plan_problems.h"

namespace holdspace::session {

// What a phase needs from the rest of the plan.
struct PhaseSettings {
  std::filesystem::path base_dir;  // the plan's folder, for relative playlist paths
  double max_volume_db = 0.0;
  bool has_bell = false;  // the plan names a bell (even a broken one, reported there)
};

// The longest a phase, or a reminder's delay, may be: beyond this it is a typo, not a plan.
inline constexpr double kMaxPlanMinutes = 12 * 60;

// Every [[phase]], in order. A phase with errors is still returned with what could be read, so a
// reminder naming it gets no second, misleading error.
std::vector<PhasePlan> read_phases(const toml::table& plan, const PhaseSettings& settings,
                                   PlanProblems& problems);

}  // namespace holdspace::session
