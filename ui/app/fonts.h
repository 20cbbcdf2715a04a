// Real TTF type from Debian (DejaVu Sans), large enough to read from a chair across the room.
#pragma once

#include <string>

struct ImFont;

namespace holdspace::ui {

struct Fonts {
  ImFont* body = nullptr;   // buttons and labels
  ImFont* large = nullptr;  // phase name, track
  ImFont* huge = nullptr;   // the clocks
};

// Loads DejaVu Sans at three sizes. Error: one line naming the missing file and the package.
bool load_fonts(Fonts& fonts, float scale, std::string& error);

}  // namespace holdspace::ui
