#include "views/view_tabs.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/theme.h"

namespace holdspace::ui {
namespace {

void tab(const char* label, ViewId id, int key, ViewId& current) {
  const bool active = current == id;
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  if (ImGui::Button(label, ImVec2(200, 44)) || ImGui::IsKeyPressed(key, false)) current = id;
  if (active) ImGui::PopStyleColor();
  ImGui::SameLine();
}

}  // namespace

void draw_view_tabs(ViewId& current) {
  tab("Session  (F1)", ViewId::Session, GLFW_KEY_F1, current);
  tab("Prepare  (F2)", ViewId::Prepare, GLFW_KEY_F2, current);
  tab("Review  (F3)", ViewId::Review, GLFW_KEY_F3, current);
  ImGui::NewLine();
  ImGui::Separator();
}

}  // namespace holdspace::ui
