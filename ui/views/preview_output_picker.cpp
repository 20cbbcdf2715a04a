#include "views/preview_output_picker.h"

#include <imgui.h>

#include "app/theme.h"

namespace holdspace::ui {
namespace {

constexpr const char* kClientOutput = "The client's output (not during a session)";

}  // namespace

void PreviewOutputPicker::draw(UiSession& session) {
  const std::string& chosen = session.preview_device();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Preview on");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(420);
  if (ImGui::BeginCombo("##preview-output", chosen.empty() ? kClientOutput : chosen.c_str())) {
    if (!listed_) devices_ = session.output_devices();
    listed_ = true;
    if (ImGui::Selectable(kClientOutput, chosen.empty())) {
      auto changed = session.set_preview_device("");
      problem_ = changed ? "" : changed.error().message;
    }
    for (const auto& device : devices_) {
      const std::string name = device.qualified_name();
      if (ImGui::Selectable(name.c_str(), name == chosen)) {
        auto changed = session.set_preview_device(name);
        problem_ = changed ? "" : changed.error().message;
      }
    }
    ImGui::EndCombo();
  } else {
    listed_ = false;
  }
  if (!problem_.empty()) ImGui::TextColored(palette().warning, "%s", problem_.c_str());
}

}  // namespace holdspace::ui
