// The row of view tabs at the top of the window, with their keys (F1 Session, F3 Review).
#pragma once

#include "views/view_id.h"

namespace holdspace::ui {

void draw_view_tabs(ViewId& current);

}  // namespace holdspace::ui
