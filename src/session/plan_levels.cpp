#include "session/plan_levels.h"

#include <string>

#include "session/plan_fields.h"

namespace holdspace::session {
namespace {

// A setting read into `target` when it is present and within [low, high]; otherwise an error
// that says what the number means.
void read_bounded(const toml::table& root, const char* key, double low, double high, const std::string& meaning,
                  double& target, PlanProblems& problems) {
  const auto field = read_number(root, key, problems);
  if (!field) return;
  if (field->value < low || field->value > high) {
    problems.error(field->line,
                   std::string(key) + " must be between " + number_text(low) + " and " + number_text(high) +
                       ", not " + number_text(field->value),
                   meaning);
    return;
  }
  target = field->value;
}

}  // namespace

void read_levels(const toml::table& root, Plan& plan, PlanProblems& problems) {
  read_bounded(root, "max_volume_db", -60.0, 0.0, "it is the fader's ceiling in dB below full scale",
               plan.max_volume_db, problems);
  // −40 is barely audible music; above −9 little real music can be raised to it without the
  // limiter working hard all session.
  read_bounded(root, "target_lufs", -40.0, -9.0, "every track is matched to this loudness, in LUFS",
               plan.target_lufs, problems);
  read_bounded(root, "ceiling_dbtp", -12.0, 0.0, "the output's true peak never passes it, in dBTP",
               plan.ceiling_dbtp, problems);
  read_bounded(root, "talk_duck_db", -40.0, -3.0, "Talk lowers the music by this many dB",
               plan.talk_duck_db, problems);
  read_bounded(root, "fade_out_seconds", 1.0, 120.0, "Fade out takes this long", plan.fade_out_seconds, problems);
}

}  // namespace holdspace::session
