// When the window loop may sleep, and for how long. A three-hour session on battery must not
// redraw at 60 fps to show clocks that change once a second. With nothing but the clocks
// moving, it draws twice a second, on the steady clock's half seconds: the clocks on screen
// (session, phase, track, reminder) each tick at their own phase, and with two frames a second
// any of them moves by at most one second from one frame to the next, even when a frame comes
// up to half a second late, so no clock ever skips a second. (One frame a second, as before,
// skipped or repeated a second whenever a clock ticked within a wake-up's jitter of the frame,
// and a phase that moves on by itself starts on a frame, so its clock always did.)
// After input it draws a few frames in a row, because ImGui popups and hover states need them
// (ocornut/imgui#3220). Anything else that must be seen at once (a track that started or
// ended) wakes the loop with glfwPostEmptyEvent, which draws one frame.
#pragma once

#include <chrono>
#include <cmath>

namespace holdspace::ui {

class FramePacer {
 public:
  static constexpr double kIdlePeriodSeconds = 0.5;
  // Frames land this long after each half second, so a wait that ends a little early (GLFW
  // rounds its timeout to whole milliseconds) still lands after it, not just before.
  static constexpr double kAfterTickSeconds = 0.02;
  static constexpr int kFramesAfterInput = 4;

  explicit FramePacer(bool redraw_always) : redraw_always_(redraw_always) {}

  void note_input() { extra_frames_ = kFramesAfterInput; }
  // How long glfwWaitEventsTimeout may wait before the next frame (0 = draw at once).
  double wait_seconds() const {
    return wait_seconds_at(std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count());
  }
  // The same, at steady-clock time `now` in seconds.
  double wait_seconds_at(double now) const {
    if (redraw_always_ || extra_frames_ > 0) return 0.0;
    const double into_period = now - kIdlePeriodSeconds * std::floor(now / kIdlePeriodSeconds);
    return kIdlePeriodSeconds - into_period + kAfterTickSeconds;
  }
  void frame_drawn() {
    if (extra_frames_ > 0) --extra_frames_;
  }

 private:
  bool redraw_always_;
  int extra_frames_ = kFramesAfterInput;
};

}  // namespace holdspace::ui
