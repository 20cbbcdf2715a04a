// When the window loop may sleep, and for how long. A three-hour session on battery must not
// redraw at 60 fps to show a clock that changes once a second: with nothing but the clock
// moving, it draws once a second, just after each second ticks over (so the clock never skips
// a second); after input it draws a few frames in a row, because ImGui popups and hover states
// need them (ocornut/imgui#3220).
#pragma once

#include <chrono>
#include <cmath>

namespace holdspace::ui {

class FramePacer {
 public:
  static constexpr double kAfterTickSeconds = 0.02;
  static constexpr int kFramesAfterInput = 4;

  explicit FramePacer(bool redraw_always) : redraw_always_(redraw_always) {}

  void note_input() { extra_frames_ = kFramesAfterInput; }
  // How long glfwWaitEventsTimeout may wait before the next frame (0 = draw at once).
  double wait_seconds() const {
    if (redraw_always_ || extra_frames_ > 0) return 0.0;
    const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    return 1.0 - (now - std::floor(now)) + kAfterTickSeconds;
  }
  void frame_drawn() {
    if (extra_frames_ > 0) --extra_frames_;
  }

 private:
  bool redraw_always_;
  int extra_frames_ = kFramesAfterInput;
};

}  // namespace holdspace::ui
