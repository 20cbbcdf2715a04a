// The Review view's drawn timeline of one recorded session: phase bands planned against actual,
// the music lane, markers and vitals, on a time scale shared by a compared session below it.
#pragma once

#include <imgui.h>

#include "journal/session_record.h"

namespace holdspace::ui {

// Session seconds to screen x, for the visible window [start_s, start_s + span_s].
struct TimeScale {
  double start_s = 0.0;
  double span_s = 60.0;
  float x0 = 0.0f;     // screen x of start_s
  float width = 1.0f;  // pixels for span_s

  float x(double seconds) const { return x0 + float((seconds - start_s) / span_s) * width; }
  double seconds_at(float screen_x) const { return start_s + double(screen_x - x0) / double(width) * span_s; }
};

// Room left of the lanes for their names ("Plan", "Actual", "Music", ...).
constexpr float kLaneGutter = 96.0f;

struct ScreenRect {
  ImVec2 min;
  ImVec2 max;
};

// Height one session's lanes take.
float session_timeline_height();

// Draws one session at the cursor, as wide as the content region, and advances the cursor. Hovering
// a track, a marker or a vital sign shows its detail. `scale` carries the start and span; its
// x0/width are set here from the region. Returns the screen rectangle of the drawn lanes.
ScreenRect draw_session_timeline(const journal::SessionRecord& record, TimeScale& scale);

// Minute (or, zoomed in far, second) ticks with labels, under the timelines.
void draw_time_axis(const TimeScale& scale);

}  // namespace holdspace::ui
