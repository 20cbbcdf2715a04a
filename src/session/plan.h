// A session plan: the phases of a dosing session, what plays in each, and the reminders the
// therapist sees. Read from TOML; a bad plan is refused with file, line and what to do.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace holdspace::session {

enum class PlaylistEnd { Loop, Silence };  // the playlist runs out before the phase ends
enum class TimeUp { Hold, Advance };       // the phase's planned minutes are over

struct PhasePlan {
  std::string name;
  double minutes = 0.0;
  std::filesystem::path playlist;  // resolved, absolute; empty = a silent phase
  PlaylistEnd at_playlist_end = PlaylistEnd::Loop;
  TimeUp at_time_up = TimeUp::Hold;
  double fade_in_seconds = 3.0;
  double volume_db = 0.0;             // this phase's level, reached by a ramp
  double crossfade_seconds = 8.0;     // into the next phase
  double track_crossfade_seconds = 0.0;  // between this phase's own tracks; 0 = gapless
  bool bell = false;                  // ring the plan's bell as this phase starts
  int line = 0;                       // where the phase is defined in the plan file
};

// What a reminder's time counts from.
struct ReminderAnchor {
  enum class Kind { PhaseStart, Marker } kind = Kind::PhaseStart;
  std::string name;  // the phase name, or the marker type ("dose", "booster", "vitals", "note")
};

struct ReminderPlan {
  std::string text;
  ReminderAnchor anchor;
  double after_minutes = 0.0;  // >= 0
  int line = 0;
};

// One listener of a couples session, each on a stereo pair of the one output device: the first
// [[listener]] on channels 1-2, the second on channels 3-4. A plan without listeners is one
// listener on channels 1-2, at the session level and the plan's ceiling.
struct ListenerPlan {
  std::string name;
  double volume_db = 0.0;     // relative to the session level, <= 0
  double ceiling_dbtp = -1.0;  // the plan's ceiling_dbtp unless the listener sets its own
  int line = 0;
};

inline constexpr int kMaxListeners = 2;

struct Plan {
  std::filesystem::path source;  // the TOML file
  std::string name;
  std::vector<PhasePlan> phases;
  std::vector<ReminderPlan> reminders;
  std::optional<std::filesystem::path> bell;  // played into the headphones at chosen phases
  double max_volume_db = 0.0;                 // the fader's ceiling for the whole session
  double target_lufs = -18.0;                 // every track is matched to this (ReplayGain 2)
  double ceiling_dbtp = -1.0;                 // the limiter holds the output's true peak here
  double talk_duck_db = -15.0;                // Talk lowers the music by this much
  double fade_out_seconds = 8.0;              // Fade out (and ending a session) takes this long
  std::vector<ListenerPlan> listeners;        // empty, or 1-2: a couples session has two
  std::string toml_text;  // the file as read, for the journal's snapshot of the plan
  double planned_minutes() const;
  // Stereo pairs the output needs: 2 for a couples plan, else 1.
  int listener_pairs() const { return listeners.size() >= 2 ? 2 : 1; }
};

// Warnings are not errors: the plan is usable, but the therapist should know (e.g. a phase that
// ends in silence when its playlist runs out). Each names file and line.
struct PlanWarning {
  int line = 0;
  std::string message;
};

// "<file>:<line>: warning: <message>", for the command line and the prepare view alike.
std::string format_warning(const std::filesystem::path& plan_file, const PlanWarning& warning);

struct LoadedPlan {
  Plan plan;
  std::vector<PlanWarning> warnings;
};

// Errors read "<file>:<line>: <what is wrong> (<what to do>)".
Result<LoadedPlan> load_plan(const std::filesystem::path& path);
// The same from text already in memory (resuming from the journal's snapshot); relative
// playlist paths resolve against base_dir.
Result<LoadedPlan> parse_plan(const std::string& toml_text, const std::filesystem::path& source_name,
                              const std::filesystem::path& base_dir);

}  // namespace holdspace::session
