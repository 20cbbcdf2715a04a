// check_known_keys and the list of keys per section. Keep this list in step with the readers and
// with the comments in playlists/kap-3h.toml, which documents the format.
#include "session/plan_keys.h"

#include <algorithm>
#include <string>
#include <vector>

#include "session/plan_suggest.h"

namespace holdspace::session {
namespace {

const std::vector<std::string>& keys_of(PlanSection section) {
  static const std::vector<std::string> top = {"name",         "max_volume_db", "target_lufs", "ceiling_dbtp",
                                               "talk_duck_db", "fade_out_seconds", "bell", "phase",
                                               "reminder",     "listener"};
  static const std::vector<std::string> phase = {
      "name",      "minutes",         "playlist", "at_playlist_end",   "at_time_up",
      "volume_db", "fade_in_seconds", "bell",     "crossfade_seconds", "track_crossfade_seconds"};
  static const std::vector<std::string> reminder = {"text", "after_minutes", "marker", "phase"};
  static const std::vector<std::string> listener = {"name", "volume_db", "ceiling_dbtp"};
  switch (section) {
    case PlanSection::top:
      return top;
    case PlanSection::phase:
      return phase;
    case PlanSection::reminder:
      return reminder;
    case PlanSection::listener:
      return listener;
  }
  return top;
}

// A key in the wrong section is usually a top-level key written below a [[phase]] header, where
// TOML makes it part of that phase.
const char* where_it_belongs(PlanSection section) {
  switch (section) {
    case PlanSection::top:
      return "it belongs at the top of the plan, above the first [[phase]]";
    case PlanSection::phase:
      return "it belongs in a [[phase]]";
    case PlanSection::reminder:
      return "it belongs in a [[reminder]]";
    case PlanSection::listener:
      return "it belongs in a [[listener]]";
  }
  return "";
}

bool holds(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string joined(const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& key : keys) out += (out.empty() ? "" : ", ") + key;
  return out;
}

std::string what_to_do(const std::string& key, PlanSection section) {
  for (PlanSection other : {PlanSection::top, PlanSection::phase, PlanSection::reminder, PlanSection::listener}) {
    if (other != section && holds(keys_of(other), key)) {
      return where_it_belongs(other);
    }
  }
  if (auto near = nearest_word(key, keys_of(section))) return "did you mean '" + *near + "'?";
  return "known keys here: " + joined(keys_of(section));
}

}  // namespace

void check_known_keys(const toml::table& table, PlanSection section, PlanProblems& problems) {
  for (auto&& [key, node] : table) {
    const std::string name(key.str());
    if (holds(keys_of(section), name)) continue;
    problems.error(int(key.source().begin.line), "unknown key '" + name + "'", what_to_do(name, section));
  }
}

}  // namespace holdspace::session
