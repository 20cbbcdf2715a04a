// read_reminders: one [[reminder]] table at a time. Every reminder needs its text, its delay and
// exactly one anchor, because a reminder with no clear "when" is worse than none.
#include "session/plan_reminder.h"

#include <algorithm>
#include <string>

#include "session/plan_fields.h"
#include "session/plan_keys.h"
#include "session/plan_phase.h"
#include "session/plan_suggest.h"

namespace holdspace::session {
namespace {

void read_text_shown(const toml::table& table, ReminderPlan& reminder, PlanProblems& problems) {
  const auto text = read_text(table, "text", problems);
  if (!text) {
    if (!table.contains("text")) {
      problems.missing(reminder.line, "the reminder has no text",
                       "add text = \"...\", what the therapist sees");
    }
    return;
  }
  if (is_blank(text->value)) {
    problems.error(text->line, "the reminder's text is empty", "write what the therapist should see");
    return;
  }
  reminder.text = text->value;
}

void read_delay(const toml::table& table, ReminderPlan& reminder, PlanProblems& problems) {
  const auto after = read_number(table, "after_minutes", problems);
  if (!after) {
    if (!table.contains("after_minutes")) {
      problems.missing(reminder.line, "the reminder has no after_minutes",
                       "add after_minutes = ..., counted from its marker or phase start");
    }
    return;
  }
  if (after->value < 0) {
    problems.error(after->line, "after_minutes must be 0 or more, not " + number_text(after->value),
                   "count forward from the marker or phase start");
  } else if (after->value > kMaxPlanMinutes) {
    problems.error(after->line, "after_minutes is " + number_text(after->value) + ", more than 12 hours",
                   "give the delay in minutes");
  } else {
    reminder.after_minutes = after->value;
  }
}

const PhasePlan* find_phase(const std::vector<PhasePlan>& phases, const std::string& name) {
  const auto found =
      std::find_if(phases.begin(), phases.end(), [&](const PhasePlan& p) { return p.name == name; });
  return found == phases.end() ? nullptr : &*found;
}

void anchor_to_phase(const Field<std::string>& name, const std::vector<PhasePlan>& phases,
                     ReminderPlan& reminder, PlanProblems& problems) {
  const PhasePlan* phase = find_phase(phases, name.value);
  if (!phase) {
    std::vector<std::string> names;
    for (const PhasePlan& p : phases) names.push_back(p.name);
    const auto near = nearest_word(name.value, names);
    problems.error(name.line, "there is no phase named '" + name.value + "'",
                   near ? "did you mean '" + *near + "'?" : "use the name of one of the plan's phases");
    return;
  }
  reminder.anchor = ReminderAnchor{ReminderAnchor::Kind::PhaseStart, name.value};
  // A phase that holds keeps running past its minutes, so this is not an error; but a reminder
  // after the planned end is more often a slip than an intent.
  if (phase->minutes > 0 && reminder.after_minutes > phase->minutes) {
    problems.warn(reminder.line,
                  "this reminder comes " + number_text(reminder.after_minutes) + " minutes into '" +
                      name.value + "', which is planned for " + number_text(phase->minutes) + " minutes",
                  "check the time; the phase may have ended by then");
  }
}

void read_anchor(const toml::table& table, const std::vector<PhasePlan>& phases, ReminderPlan& reminder,
                 PlanProblems& problems) {
  const toml::node* marker_node = table.get("marker");
  const toml::node* phase_node = table.get("phase");
  if (marker_node && phase_node) {
    problems.error(std::max(line_of(*marker_node), line_of(*phase_node)),
                   "the reminder has both marker and phase",
                   "keep one: it counts from a marker or from a phase start");
    return;
  }
  if (!marker_node && !phase_node) {
    problems.missing(reminder.line, "the reminder has neither marker nor phase to count from",
                     "add marker = \"dose\" or phase = \"<phase name>\"");
    return;
  }
  if (marker_node) {
    if (const auto marker = read_choice(table, "marker", marker_types(), problems)) {
      reminder.anchor = ReminderAnchor{ReminderAnchor::Kind::Marker, marker->value};
    }
    return;
  }
  if (const auto phase = read_text(table, "phase", problems))
    anchor_to_phase(*phase, phases, reminder, problems);
}

ReminderPlan read_reminder(const toml::table& table, const std::vector<PhasePlan>& phases,
                           PlanProblems& problems) {
  ReminderPlan reminder;
  reminder.line = line_of(table);
  check_known_keys(table, PlanSection::reminder, problems);
  read_text_shown(table, reminder, problems);
  read_delay(table, reminder, problems);
  read_anchor(table, phases, reminder, problems);
  return reminder;
}

}  // namespace

const std::vector<std::string>& marker_types() {
  static const std::vector<std::string> types = {"dose", "booster", "vitals", "note"};
  return types;
}

std::vector<ReminderPlan> read_reminders(const toml::table& plan, const std::vector<PhasePlan>& phases,
                                         PlanProblems& problems) {
  const toml::node* node = plan.get("reminder");
  if (!node) return {};
  const toml::array* tables = node->as_array();
  if (tables && tables->empty()) return {};
  if (!tables || !tables->is_array_of_tables()) {
    problems.error(line_of(*node), "reminder must be a list of [[reminder]] tables",
                   "start each reminder with a [[reminder]] line, in double brackets");
    return {};
  }
  std::vector<ReminderPlan> reminders;
  for (const toml::node& table : *tables)
    reminders.push_back(read_reminder(*table.as_table(), phases, problems));
  return reminders;
}

}  // namespace holdspace::session
