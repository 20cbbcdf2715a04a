// Keeps a quick key tap from being lost. Dear ImGui 1.86 reads which keys are down once per
// frame, so a key pressed and released between two frames (a brisk tap while a frame was being
// drawn, or a tool like xdotool) would never be seen as pressed. A release that arrives before
// any frame saw its press is held back until one has.
#pragma once

#include <array>
#include <vector>

struct GLFWwindow;

namespace holdspace::ui {

class KeyTaps {
 public:
  // From the GLFW key callback. True when the event should go on to ImGui now; false when it is
  // a release held back for the next frame.
  bool pass_on(int key, int scancode, int action, int mods);
  // After each frame: hands the held-back releases to ImGui. True if there were any (the next
  // frame must then be drawn, so the release is seen too).
  bool frame_done(GLFWwindow* window);

 private:
  struct Release {
    int key;
    int scancode;
    int mods;
  };
  static constexpr int kKeys = 512;  // GLFW_KEY_LAST is 348
  std::array<bool, kKeys> pressed_unseen_{};
  std::vector<Release> held_;
};

}  // namespace holdspace::ui
