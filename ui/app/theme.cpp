#include "app/theme.h"

namespace holdspace::ui {
namespace {

Palette g_palette;

Palette day_palette() {
  return {ImVec4(0.86f, 0.87f, 0.84f, 1.0f), ImVec4(0.55f, 0.57f, 0.56f, 1.0f), ImVec4(0.07f, 0.08f, 0.09f, 1.0f),
          ImVec4(0.12f, 0.13f, 0.15f, 1.0f), ImVec4(0.55f, 0.72f, 0.80f, 1.0f), ImVec4(0.90f, 0.68f, 0.30f, 1.0f),
          ImVec4(0.88f, 0.38f, 0.33f, 1.0f), ImVec4(0.74f, 0.58f, 0.85f, 1.0f)};
}

// Night: everything darker and warmer, so the screen lights the room as little as possible.
Palette night_palette() {
  return {ImVec4(0.62f, 0.52f, 0.44f, 1.0f), ImVec4(0.38f, 0.32f, 0.28f, 1.0f), ImVec4(0.02f, 0.02f, 0.02f, 1.0f),
          ImVec4(0.06f, 0.05f, 0.05f, 1.0f), ImVec4(0.72f, 0.50f, 0.34f, 1.0f), ImVec4(0.80f, 0.55f, 0.25f, 1.0f),
          ImVec4(0.75f, 0.30f, 0.25f, 1.0f), ImVec4(0.55f, 0.42f, 0.60f, 1.0f)};
}

}  // namespace

void apply_theme(bool night) {
  g_palette = night ? night_palette() : day_palette();
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 6.0f;
  style.GrabRounding = 6.0f;
  style.FramePadding = ImVec2(14, 10);
  style.ItemSpacing = ImVec2(12, 10);
  style.WindowPadding = ImVec2(20, 16);
  ImVec4* colors = style.Colors;
  const Palette& p = g_palette;
  colors[ImGuiCol_Text] = p.text;
  colors[ImGuiCol_TextDisabled] = p.text_dim;
  colors[ImGuiCol_WindowBg] = p.background;
  colors[ImGuiCol_ChildBg] = p.panel;
  colors[ImGuiCol_PopupBg] = p.panel;
  colors[ImGuiCol_FrameBg] = ImVec4(p.panel.x * 1.4f, p.panel.y * 1.4f, p.panel.z * 1.4f, 1.0f);
  colors[ImGuiCol_Button] = ImVec4(p.panel.x * 1.8f, p.panel.y * 1.8f, p.panel.z * 1.8f, 1.0f);
  colors[ImGuiCol_ButtonHovered] = ImVec4(p.accent.x * 0.45f, p.accent.y * 0.45f, p.accent.z * 0.45f, 1.0f);
  colors[ImGuiCol_ButtonActive] = ImVec4(p.accent.x * 0.6f, p.accent.y * 0.6f, p.accent.z * 0.6f, 1.0f);
  colors[ImGuiCol_Tab] = colors[ImGuiCol_Button];
  colors[ImGuiCol_TabActive] = colors[ImGuiCol_ButtonActive];
  colors[ImGuiCol_TabHovered] = colors[ImGuiCol_ButtonHovered];
  colors[ImGuiCol_PlotHistogram] = p.accent;
}

const Palette& palette() { return g_palette; }

}  // namespace holdspace::ui
