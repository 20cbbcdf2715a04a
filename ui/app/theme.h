// The look for a dim room: dark and low-glare, with a dimmer night variant, calm colours, and
// high contrast only where it matters (phase, clocks, reminders).
#pragma once

#include <imgui.h>

namespace holdspace::ui {

struct Palette {
  ImVec4 text;
  ImVec4 text_dim;
  ImVec4 background;
  ImVec4 panel;
  ImVec4 accent;    // the phase and clocks
  ImVec4 warning;   // overrun, reminders: amber, never flashing
  ImVec4 danger;    // lost device, journal trouble
  ImVec4 marker;
};

void apply_theme(bool night);
const Palette& palette();

}  // namespace holdspace::ui
