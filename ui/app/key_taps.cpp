#include "app/key_taps.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>

#include <utility>

namespace holdspace::ui {

bool KeyTaps::pass_on(int key, int scancode, int action, int mods) {
  if (!held_.empty()) {  // nothing overtakes a held-back release
    held_.push_back({key, scancode, action, mods});
    return false;
  }
  if (action == GLFW_PRESS) press_unseen_ = true;
  if (action == GLFW_RELEASE && press_unseen_) {
    held_.push_back({key, scancode, action, mods});
    return false;
  }
  return true;
}

bool KeyTaps::frame_done(GLFWwindow* window) {
  press_unseen_ = false;
  if (held_.empty()) return false;
  const std::vector<KeyEvent> waiting = std::exchange(held_, {});
  for (const KeyEvent& event : waiting) {
    if (pass_on(event.key, event.scancode, event.action, event.mods)) {
      ImGui_ImplGlfw_KeyCallback(window, event.key, event.scancode, event.action, event.mods);
    }
  }
  return true;
}

}  // namespace holdspace::ui
