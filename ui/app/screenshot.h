// Saves the window's own framebuffer as a PNG: how tests (and the README) see the real app.
#pragma once

#include <string>

namespace holdspace::ui {

bool save_screenshot(int width, int height, const std::string& path, std::string& error);

}  // namespace holdspace::ui
