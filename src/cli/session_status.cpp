#include "cli/session_status.h"

#include <cmath>

#include "core/text_format.h"

namespace holdspace::cli {

std::string session_status_line(const control::SessionSnapshot& view) {
  std::string line;
  // First, where the eye starts: the record is what cannot wait.
  if (!view.journal_alert.empty()) line += "! " + view.journal_alert + " | ";
  if (view.device_lost) line += "! NO SOUND: " + view.device_problem + " | ";
  if (view.phase >= 0) {
    line += "[" + std::to_string(view.phase + 1) + "/" + std::to_string(view.phase_count) + " " +
            view.phase_name + "] " + format_duration(view.phase_elapsed_seconds) + " / " +
            format_duration(view.phase_planned_seconds);
    const double over = view.phase_elapsed_seconds - view.phase_planned_seconds;
    if (over > 0) line += " (+" + format_duration(over) + ")";
    if (view.paused) line += " PAUSED";
  }
  line += " | session " + format_duration(view.session_elapsed_seconds);
  if (view.track.index >= 0) {
    line += " | " + view.track.title + " " + format_duration(view.track.position_seconds) + "/" +
            format_duration(view.track.duration_seconds);
  } else {
    line += " | (silence)";
  }
  if (view.ducked) line += " TALK";
  if (!view.showing.empty()) {
    line += " | " + std::to_string(view.showing.size()) + (view.showing.size() == 1 ? " reminder" : " reminders") +
            " open (a)";
  }
  if (view.next_reminder) {
    line += " | next: " + view.next_reminder->text + " in " +
            format_duration(std::max(0.0, view.next_reminder->due_in_seconds));
  }
  return line;
}

}  // namespace holdspace::cli
