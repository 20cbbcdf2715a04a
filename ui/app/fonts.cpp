#include "app/fonts.h"

#include <imgui.h>

#include <filesystem>

namespace holdspace::ui {
namespace {
constexpr const char* kRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
}  // namespace

bool load_fonts(Fonts& fonts, float scale, std::string& error) {
  for (const char* file : {kRegular, kBold}) {
    if (!std::filesystem::exists(file)) {
      error = std::string(file) + " is missing (install the Debian package fonts-dejavu-core)";
      return false;
    }
  }
  ImGuiIO& io = ImGui::GetIO();
  fonts.body = io.Fonts->AddFontFromFileTTF(kRegular, 22.0f * scale);
  fonts.large = io.Fonts->AddFontFromFileTTF(kBold, 34.0f * scale);
  fonts.huge = io.Fonts->AddFontFromFileTTF(kBold, 88.0f * scale);
  if (!fonts.body || !fonts.large || !fonts.huge) {
    error = "cannot load DejaVu Sans";
    return false;
  }
  return true;
}

}  // namespace holdspace::ui
