#include "views/view_input.h"

#include <imgui.h>

namespace holdspace::ui {

bool key_pressed(int glfw_key) { return ImGui::IsKeyPressed(glfw_key, false); }

bool shortcut(int glfw_key) { return !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(glfw_key, false); }

bool shortcut_repeating(int glfw_key) {
  return !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(glfw_key, true);
}

bool big_button(const char* label, bool pressed_by_key, float width) {
  const bool clicked = ImGui::Button(label, ImVec2(width, 64));
  return clicked || pressed_by_key;
}

}  // namespace holdspace::ui
