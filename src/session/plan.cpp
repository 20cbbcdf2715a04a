// The small questions a loaded plan answers about itself.
#include "session/plan.h"

namespace holdspace::session {

double Plan::planned_minutes() const {
  double total = 0.0;
  for (const PhasePlan& phase : phases) total += phase.minutes;
  return total;
}

std::string format_warning(const std::filesystem::path& plan_file, const PlanWarning& warning) {
  return plan_file.string() + ":" + std::to_string(warning.line) + ": warning: " + warning.message;
}

}  // namespace holdspace::session
