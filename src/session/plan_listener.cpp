// read_listeners: one [[listener]] table at a time. At most two, because one output device gives
// each listener a stereo pair (1-2 and 3-4); a listener may only be turned down from the session
// level, never up, so the fader's ceiling (max_volume_db) still holds for both.
#include "session/plan_listener.h"

#include <string>

#include "session/plan_fields.h"
#include "session/plan_keys.h"

namespace holdspace::session {
namespace {

void read_listener_name(const toml::table& table, ListenerPlan& listener, PlanProblems& problems) {
  const auto name = read_text(table, "name", problems);
  if (!name) {
    if (!table.contains("name")) {
      problems.missing(listener.line, "the listener has no name",
                       "add name = \"...\", how the therapist knows which headphones are whose");
    }
    return;
  }
  if (is_blank(name->value)) {
    problems.error(name->line, "the listener's name is empty", "give the listener a name");
    return;
  }
  listener.name = name->value;
}

void read_listener_volume(const toml::table& table, ListenerPlan& listener, PlanProblems& problems) {
  const auto volume = read_number(table, "volume_db", problems);
  if (!volume) return;
  if (volume->value < -60.0 || volume->value > 0.0) {
    problems.error(volume->line, "volume_db must be between -60 and 0, not " + number_text(volume->value),
                   "it lowers this listener's music below the session level, in dB");
    return;
  }
  listener.volume_db = volume->value;
}

void read_listener_ceiling(const toml::table& table, ListenerPlan& listener, PlanProblems& problems) {
  const auto ceiling = read_number(table, "ceiling_dbtp", problems);
  if (!ceiling) return;
  if (ceiling->value < -12.0 || ceiling->value > 0.0) {
    problems.error(ceiling->line,
                   "ceiling_dbtp must be between -12 and 0, not " + number_text(ceiling->value),
                   "this listener's true peak never passes it, in dBTP");
    return;
  }
  listener.ceiling_dbtp = ceiling->value;
}

ListenerPlan read_listener(const toml::table& table, double plan_ceiling_dbtp, PlanProblems& problems) {
  ListenerPlan listener;
  listener.line = line_of(table);
  listener.ceiling_dbtp = plan_ceiling_dbtp;
  check_known_keys(table, PlanSection::listener, problems);
  read_listener_name(table, listener, problems);
  read_listener_volume(table, listener, problems);
  read_listener_ceiling(table, listener, problems);
  return listener;
}

}  // namespace

std::vector<ListenerPlan> read_listeners(const toml::table& root, double plan_ceiling_dbtp,
                                         PlanProblems& problems) {
  const toml::node* node = root.get("listener");
  if (!node) return {};
  const toml::array* tables = node->as_array();
  if (tables && tables->empty()) return {};
  if (!tables || !tables->is_array_of_tables()) {
    problems.error(line_of(*node), "listener must be a list of [[listener]] tables",
                   "start each listener with a [[listener]] line, in double brackets");
    return {};
  }
  std::vector<ListenerPlan> listeners;
  for (const toml::node& table : *tables) {
    if (int(listeners.size()) == kMaxListeners) {
      problems.error(line_of(table), "a plan has at most 2 listeners",
                     "one output device gives each listener a stereo pair: channels 1-2 and 3-4");
      break;
    }
    listeners.push_back(read_listener(*table.as_table(), plan_ceiling_dbtp, problems));
  }
  for (std::size_t i = 1; i < listeners.size(); ++i) {
    if (!listeners[i].name.empty() && listeners[i].name == listeners[0].name) {
      problems.error(listeners[i].line, "two listeners are both named '" + listeners[i].name + "'",
                     "give each listener their own name");
    }
  }
  return listeners;
}

}  // namespace holdspace::session
