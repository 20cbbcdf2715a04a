// The window and its loop: GLFW + OpenGL + Dear ImGui, a loop that sleeps while nothing
// changes, and a screenshot of its own framebuffer on request.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/fonts.h"
#include "core/result.h"

struct GLFWwindow;

namespace holdspace::ui {

struct WindowOptions {
  int width = 1280;
  int height = 800;
  bool redraw_always = false;   // for the idle benchmark's comparison only
  std::string screenshot;       // save a PNG after the first few frames, then close
  int screenshot_after_frames = 6;
};

class AppWindow {
 public:
  // Fails with one line when there is no display to open a window on.
  static Result<std::unique_ptr<AppWindow>> open(const WindowOptions& options);
  ~AppWindow();
  AppWindow(const AppWindow&) = delete;
  AppWindow& operator=(const AppWindow&) = delete;

  // Runs until the window closes; draw_frame builds one ImGui frame. Returns the exit code.
  int run(const std::function<void()>& poll, const std::function<void(const Fonts&)>& draw_frame);
  // Any thread: wakes the sleeping loop so it polls and draws one frame now (glfwPostEmptyEvent).
  // For the core's threads, e.g. AudioEngine::set_wake(AppWindow::wake); never from the audio
  // callback. Does nothing while no window is open.
  static void wake();
  bool night = false;
  // Files and folders dropped on the window from a file manager since the last call.
  std::vector<std::string> take_dropped_paths();

 private:
  AppWindow() = default;
  GLFWwindow* window_ = nullptr;
  WindowOptions options_;
  Fonts fonts_;
  std::vector<std::string> dropped_paths_;
  friend void on_drop(GLFWwindow*, int, const char**);
};

}  // namespace holdspace::ui
