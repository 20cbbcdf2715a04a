// libFuzzer target: session plans, through parse_plan (the text-taking half of load_plan). A plan
// that loads is also written back with plan_to_toml, which plan_write.h promises reads back into
// an equal plan: that is what the Prepare view's Save relies on.
//
// Relative playlist and bell paths resolve in the shipped playlists/ folder, so the seeds (the
// shipped plans and the plan tests' files) load their real demo playlist and bell.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_checks.h"
#include "session/plan.h"
#include "session/plan_write.h"

namespace {

using holdspace::fuzz::broken_promise;
using holdspace::fuzz::require_one_line;
using holdspace::Result;
using namespace holdspace::session;

const std::filesystem::path kPlanFolder = HOLDSPACE_FUZZ_PLAN_FOLDER;

std::string exact(double value) {
  char buffer[64];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// Everything a plan says, line numbers and its source text aside, as comparable text.
std::string describe(const Plan& plan) {
  std::string out = "name=" + plan.name + " bell=" + (plan.bell ? plan.bell->string() : "-") +
                    " max_volume_db=" + exact(plan.max_volume_db) + " target_lufs=" + exact(plan.target_lufs) +
                    " ceiling_dbtp=" + exact(plan.ceiling_dbtp) + " talk_duck_db=" + exact(plan.talk_duck_db) +
                    " fade_out_seconds=" + exact(plan.fade_out_seconds) + "\n";
  for (const ListenerPlan& listener : plan.listeners) {
    out += "listener name=" + listener.name + " volume_db=" + exact(listener.volume_db) +
           " ceiling_dbtp=" + exact(listener.ceiling_dbtp) + "\n";
  }
  for (const PhasePlan& phase : plan.phases) {
    out += "phase name=" + phase.name + " minutes=" + exact(phase.minutes) + " playlist=" +
           phase.playlist.string() + " end=" + std::to_string(int(phase.at_playlist_end)) +
           " time_up=" + std::to_string(int(phase.at_time_up)) + " fade_in=" + exact(phase.fade_in_seconds) +
           " volume_db=" + exact(phase.volume_db) + " crossfade=" + exact(phase.crossfade_seconds) +
           " track_crossfade=" + exact(phase.track_crossfade_seconds) + " bell=" + std::to_string(phase.bell) +
           "\n";
  }
  for (const ReminderPlan& reminder : plan.reminders) {
    out += "reminder text=" + reminder.text + " anchor=" + std::to_string(int(reminder.anchor.kind)) + ":" +
           reminder.anchor.name + " after=" + exact(reminder.after_minutes) + "\n";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(holdspace::fuzz::as_text(data, size));
  const std::filesystem::path plan_file = kPlanFolder / "fuzz.toml";
  const Result<LoadedPlan> loaded = parse_plan(text, plan_file, kPlanFolder);
  if (!loaded) {
    require_one_line("a plan error is one line", loaded.error().message);
    return 0;
  }
  for (const PlanWarning& warning : loaded->warnings) {
    require_one_line("a plan warning is one line", format_warning(plan_file, warning));
  }

  const std::string written = plan_to_toml(loaded->plan, plan_file);
  const Result<LoadedPlan> again = parse_plan(written, plan_file, kPlanFolder);
  if (!again) {
    broken_promise("a plan that loaded, written by plan_to_toml, loads again",
                   again.error().message + "\n--- written:\n" + written);
  }
  const std::string before = describe(loaded->plan);
  const std::string after = describe(again->plan);
  if (before != after) {
    broken_promise("a plan written by plan_to_toml reads back equal",
                   "--- loaded:\n" + before + "--- read back:\n" + after + "--- written:\n" + written);
  }
  return 0;
}
