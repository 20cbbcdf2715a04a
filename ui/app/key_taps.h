// Keeps a quick key tap from being lost. Dear ImGui 1.86 reads which keys are down once per
// frame, so a key pressed and released between two frames (a brisk tap while a frame was being
// drawn, or a tool like xdotool) would never be seen as pressed. So once a key goes down, every
// release waits until a frame has drawn with that press, and every event after a held one
// waits behind it. That covers chords too: the backend reads Ctrl from the keys down, and a
// hand (or xdotool) that lets go of Ctrl just before S must still give Ctrl+S.
#pragma once

#include <vector>

struct GLFWwindow;

namespace holdspace::ui {

class KeyTaps {
 public:
  // From the GLFW key callback. True when the event should go on to ImGui now; false when it is
  // held back for the next frame.
  bool pass_on(int key, int scancode, int action, int mods);
  // After each frame: hands the held-back events to ImGui, in order, up to the next release
  // that must wait for the frame after. True if there were any (the next frame must then be
  // drawn, so they are seen too).
  bool frame_done(GLFWwindow* window);

 private:
  struct KeyEvent {
    int key;
    int scancode;
    int action;
    int mods;
  };
  bool press_unseen_ = false;  // a key went down since the last frame
  std::vector<KeyEvent> held_;
};

}  // namespace holdspace::ui
