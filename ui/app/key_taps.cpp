#include "app/key_taps.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>

namespace holdspace::ui {

bool KeyTaps::pass_on(int key, int scancode, int action, int mods) {
  if (key < 0 || key >= kKeys) return true;
  if (action == GLFW_PRESS) pressed_unseen_[key] = true;
  if (action == GLFW_RELEASE && pressed_unseen_[key]) {
    held_.push_back({key, scancode, mods});
    return false;
  }
  return true;
}

bool KeyTaps::frame_done(GLFWwindow* window) {
  pressed_unseen_.fill(false);
  if (held_.empty()) return false;
  for (const Release& release : held_) {
    ImGui_ImplGlfw_KeyCallback(window, release.key, release.scancode, GLFW_RELEASE, release.mods);
  }
  held_.clear();
  return true;
}

}  // namespace holdspace::ui
