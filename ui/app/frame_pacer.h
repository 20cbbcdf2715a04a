// When the window loop may sleep, and for how long. A three-hour session on battery must not
// redraw at 60 fps to show a clock that changes once a second: with nothing but the clock
// moving, it draws about twice a second; after input it draws a few frames in a row, because
// ImGui popups and hover states need them (ocornut/imgui#3220).
#pragma once

namespace holdspace::ui {

class FramePacer {
 public:
  static constexpr double kIdleSeconds = 0.5;
  static constexpr int kFramesAfterInput = 4;

  explicit FramePacer(bool redraw_always) : redraw_always_(redraw_always) {}

  void note_input() { extra_frames_ = kFramesAfterInput; }
  // How long glfwWaitEventsTimeout may wait before the next frame (0 = draw at once).
  double wait_seconds() const { return redraw_always_ || extra_frames_ > 0 ? 0.0 : kIdleSeconds; }
  void frame_drawn() {
    if (extra_frames_ > 0) --extra_frames_;
  }

 private:
  bool redraw_always_;
  int extra_frames_ = kFramesAfterInput;
};

}  // namespace holdspace::ui
