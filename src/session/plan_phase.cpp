// read_phases: one [[phase]] table at a time, with defaults from PhasePlan and a check for every
// value a therapist could get wrong.
#include "session/plan_phase.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "session/plan_fields.h"
#include "session/plan_keys.h"
#include "session/plan_media.h"

namespace holdspace::session {
namespace {

// Longer fades are almost always minutes written where seconds were meant.
constexpr double kMaxFadeSeconds = 600;
// Below this a phase is inaudible; a silent phase is written by leaving out the playlist.
constexpr double kMinVolumeDb = -60;

std::string label(const PhasePlan& phase, std::size_t index) {
  if (!phase.name.empty()) return "phase '" + phase.name + "'";
  return "phase " + std::to_string(index + 1);
}

void read_seconds(const toml::table& table, const char* key, double& out, PlanProblems& problems) {
  const auto seconds = read_number(table, key, problems);
  if (!seconds) return;
  if (seconds->value < 0) {
    problems.error(seconds->line, std::string(key) + " must be 0 or more, not " + number_text(seconds->value),
                   "give it in seconds");
  } else if (seconds->value > kMaxFadeSeconds) {
    problems.error(seconds->line,
                   std::string(key) + " is " + number_text(seconds->value) + " s, more than 10 minutes",
                   "give it in seconds");
  } else {
    out = seconds->value;
  }
}

void read_name(const toml::table& table, PhasePlan& phase, std::size_t index, PlanProblems& problems) {
  const auto name = read_text(table, "name", problems);
  if (!name) {
    if (!table.contains("name")) {
      problems.missing(phase.line, "phase " + std::to_string(index + 1) + " has no name",
                       "add name = \"...\"");
    }
    return;
  }
  if (is_blank(name->value)) {
    problems.error(name->line, "phase name is empty", "give the phase a name");
    return;
  }
  phase.name = name->value;
}

void read_minutes(const toml::table& table, PhasePlan& phase, std::size_t index, PlanProblems& problems) {
  const auto minutes = read_number(table, "minutes", problems);
  if (!minutes) {
    if (!table.contains("minutes")) {
      problems.missing(phase.line, label(phase, index) + " has no minutes",
                       "add minutes = ..., the phase's planned length");
    }
    return;
  }
  if (minutes->value <= 0) {
    problems.error(minutes->line, "minutes must be more than 0, not " + number_text(minutes->value),
                   "give the phase's planned length in minutes");
  } else if (minutes->value > kMaxPlanMinutes) {
    problems.error(minutes->line, "minutes is " + number_text(minutes->value) + ", more than 12 hours",
                   "give the phase's planned length in minutes");
  } else {
    phase.minutes = minutes->value;
  }
}

void read_music(const toml::table& table, PhasePlan& phase, std::size_t index, const PhaseSettings& settings,
                PlanProblems& problems) {
  const auto playlist = read_text(table, "playlist", problems);
  if (playlist) {
    if (auto path = check_phase_playlist(*playlist, settings.base_dir, problems)) phase.playlist = *path;
  } else if (!table.contains("playlist")) {
    problems.warn(phase.line, label(phase, index) + " has no playlist, so the client hears silence in it",
                  "add playlist = \"...\" if music should play");
  }

  if (const auto end = read_choice(table, "at_playlist_end", {"loop", "silence"}, problems)) {
    phase.at_playlist_end = end->value == "silence" ? PlaylistEnd::Silence : PlaylistEnd::Loop;
    // Without a playlist the phase is silent anyway, and says so above.
    if (phase.at_playlist_end == PlaylistEnd::Silence && playlist) {
      problems.warn(end->line, "the client will hear silence if the playlist runs out before the phase ends",
                    "use at_playlist_end = \"loop\" to keep the music going");
    }
  }
  if (const auto time_up = read_choice(table, "at_time_up", {"hold", "advance"}, problems)) {
    phase.at_time_up = time_up->value == "advance" ? TimeUp::Advance : TimeUp::Hold;
  }
}

void read_levels(const toml::table& table, PhasePlan& phase, const PhaseSettings& settings,
                 PlanProblems& problems) {
  // Left out, the phase plays at the ceiling: 0 dB, or lower when the plan caps it lower.
  phase.volume_db = std::min(0.0, settings.max_volume_db);
  if (const auto volume = read_number(table, "volume_db", problems)) {
    if (volume->value > settings.max_volume_db) {
      problems.error(volume->line,
                     "volume_db " + number_text(volume->value) + " is above the plan's max_volume_db " +
                         number_text(settings.max_volume_db),
                     "lower volume_db, or raise max_volume_db");
    } else if (volume->value < kMinVolumeDb) {
      problems.error(volume->line,
                     "volume_db " + number_text(volume->value) + " is below -60 dB, too quiet to hear",
                     "raise it, or leave out the playlist for a silent phase");
    } else {
      phase.volume_db = volume->value;
    }
  }
  read_seconds(table, "fade_in_seconds", phase.fade_in_seconds, problems);
  read_seconds(table, "crossfade_seconds", phase.crossfade_seconds, problems);
  read_seconds(table, "track_crossfade_seconds", phase.track_crossfade_seconds, problems);
}

void read_bell(const toml::table& table, PhasePlan& phase, const PhaseSettings& settings,
               PlanProblems& problems) {
  const auto bell = read_flag(table, "bell", problems);
  if (!bell) return;
  if (bell->value && !settings.has_bell) {
    problems.error(bell->line, "bell = true, but the plan names no bell file",
                   "add bell = \"...\" at the top of the plan");
    return;
  }
  phase.bell = bell->value;
}

PhasePlan read_phase(const toml::table& table, std::size_t index, const PhaseSettings& settings,
                     PlanProblems& problems) {
  PhasePlan phase;
  phase.line = line_of(table);
  check_known_keys(table, PlanSection::phase, problems);
  read_name(table, phase, index, problems);
  read_minutes(table, phase, index, problems);
  read_music(table, phase, index, settings, problems);
  read_levels(table, phase, settings, problems);
  read_bell(table, phase, settings, problems);
  return phase;
}

std::string folded(const std::string& name) {
  std::string out = name;
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Names differing only in case count as the same: a reminder naming "dosing" must not have to
// guess between "Dosing" and "dosing".
void check_unique_names(const toml::array& tables, const std::vector<PhasePlan>& phases,
                        PlanProblems& problems) {
  for (std::size_t i = 0; i < phases.size(); ++i) {
    if (phases[i].name.empty()) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (folded(phases[j].name) != folded(phases[i].name)) continue;
      const toml::node* name = tables[i].as_table()->get("name");
      problems.error(
          line_of(*name),
          "a phase named '" + phases[j].name + "' already exists at line " + std::to_string(phases[j].line),
          "give each phase its own name");
      break;
    }
  }
}

}  // namespace

std::vector<PhasePlan> read_phases(const toml::table& plan, const PhaseSettings& settings,
                                   PlanProblems& problems) {
  const toml::node* node = plan.get("phase");
  if (!node) {
    problems.missing(1, "the plan has no phases", "add at least one [[phase]] with a name and minutes");
    return {};
  }
  const toml::array* tables = node->as_array();
  if (tables && tables->empty()) {
    problems.missing(line_of(*node), "the plan has no phases",
                     "add at least one [[phase]] with a name and minutes");
    return {};
  }
  if (!tables || !tables->is_array_of_tables()) {
    problems.error(line_of(*node), "phase must be a list of [[phase]] tables",
                   "start each phase with a [[phase]] line, in double brackets");
    return {};
  }
  std::vector<PhasePlan> phases;
  for (std::size_t i = 0; i < tables->size(); ++i) {
    phases.push_back(read_phase(*tables->at(i).as_table(), i, settings, problems));
  }
  check_unique_names(*tables, phases, problems);
  return phases;
}

}  // namespace holdspace::session
