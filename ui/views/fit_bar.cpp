#include "views/fit_bar.h"

#include <imgui.h>

#include <algorithm>

#include "app/theme.h"

namespace holdspace::ui {
namespace {

ImU32 with_alpha(const ImVec4& v, float alpha = 1.0f) { return ImGui::GetColorU32(ImVec4(v.x, v.y, v.z, v.w * alpha)); }

ImVec4 colour_of(prepare::PhaseFit::Kind kind) {
  const Palette& p = palette();
  switch (kind) {
    case prepare::PhaseFit::Kind::Fits: return p.accent;
    case prepare::PhaseFit::Kind::Silence:
    case prepare::PhaseFit::Kind::NoMusic: return p.danger;
    case prepare::PhaseFit::Kind::Loops:
    case prepare::PhaseFit::Kind::FarLonger: return p.warning;
  }
  return p.accent;
}

}  // namespace

void draw_fit_bar(const prepare::PhaseFit& fit, float width, float height) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##fit", ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Palette& p = palette();
  const ImVec2 end(origin.x + width, origin.y + height);
  draw->AddRectFilled(origin, end, with_alpha(p.panel));
  const ImVec4 tone = colour_of(fit.kind);
  if (fit.planned_seconds > 0 && fit.music_seconds > 0) {
    const float once = width * float(std::min(1.0, fit.fill()));
    draw->AddRectFilled(origin, ImVec2(origin.x + once, end.y), with_alpha(tone, 0.85f));
    if (fit.kind == prepare::PhaseFit::Kind::Loops && once >= 4.0f) {
      // Each repeat of the playlist, fainter, with a tick where it starts again.
      for (float x = origin.x + once; x < end.x; x += once) {
        draw->AddRectFilled(ImVec2(x, origin.y), ImVec2(std::min(x + once, end.x), end.y), with_alpha(tone, 0.35f));
        draw->AddLine(ImVec2(x, origin.y), ImVec2(x, end.y), with_alpha(p.background), 2.0f);
      }
    }
  }
  draw->AddRect(origin, end, with_alpha(p.text_dim, 0.5f));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", fit.message.c_str());
}

}  // namespace holdspace::ui
