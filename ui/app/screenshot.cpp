#include "app/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <vector>

namespace holdspace::ui {

bool save_screenshot(int width, int height, const std::string& path, std::string& error) {
  std::vector<unsigned char> pixels(std::size_t(width) * std::size_t(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom to top; PNG's top to bottom.
  stbi_flip_vertically_on_write(1);
  if (stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) == 0) {
    error = path + ": cannot write the screenshot";
    return false;
  }
  return true;
}

}  // namespace holdspace::ui
