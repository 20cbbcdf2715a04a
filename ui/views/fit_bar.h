// One phase's fit bar: the phase's planned minutes as the full width, its music laid along it
// once through, then again where it loops, or a gap where it would leave the client in silence.
#pragma once

#include "prepare/phase_fit.h"

namespace holdspace::ui {

// Draws at the cursor, `width` wide; the message shows on hover.
void draw_fit_bar(const prepare::PhaseFit& fit, float width, float height = 12.0f);

}  // namespace holdspace::ui
