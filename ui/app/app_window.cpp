#include "app/app_window.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <signal.h>

#include <atomic>
#include <cstdio>
#include <utility>

#include "app/frame_pacer.h"
#include "app/key_taps.h"
#include "app/screenshot.h"
#include "app/theme.h"

namespace holdspace::ui {
namespace {

std::string g_glfw_error;
FramePacer* g_pacer = nullptr;  // the loop's pacer, for GLFW's plain-function callbacks

// SIGTERM (a shutdown) or SIGINT closes the window as its close button would, so the session
// fades and its audio stops in order, instead of the music being cut. A lock-free atomic store
// is all a signal handler may do; the loop sees it within one idle wait (half a second).
std::atomic<bool> g_close_requested{false};
extern "C" void request_close(int) { g_close_requested.store(true); }
AppWindow* g_app = nullptr;     // the one window, for the drop callback
std::atomic<bool> g_can_wake{false};  // GLFW is initialised and the window is open
KeyTaps g_key_taps;

void on_glfw_error(int, const char* description) { g_glfw_error = description ? description : "unknown"; }

// Any input means a few frames in a row (popups, hover); ImGui's backend chains these.
// Installed after ImGui's, and calls ImGui's itself, so a quick tap's release can wait a frame.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (g_pacer) g_pacer->note_input();
  if (g_key_taps.pass_on(key, scancode, action, mods)) ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}
void on_char(GLFWwindow*, unsigned int) { if (g_pacer) g_pacer->note_input(); }
void on_mouse_button(GLFWwindow*, int, int, int) { if (g_pacer) g_pacer->note_input(); }
void on_cursor(GLFWwindow*, double, double) { if (g_pacer) g_pacer->note_input(); }
void on_scroll(GLFWwindow*, double, double) { if (g_pacer) g_pacer->note_input(); }
void on_resize(GLFWwindow*, int, int) { if (g_pacer) g_pacer->note_input(); }

}  // namespace

// GLFW hands over the paths only for the length of the call, so they are copied out.
void on_drop(GLFWwindow*, int count, const char** paths) {
  if (!g_app) return;
  for (int i = 0; i < count; ++i) g_app->dropped_paths_.emplace_back(paths[i]);
  if (g_pacer) g_pacer->note_input();
}

std::vector<std::string> AppWindow::take_dropped_paths() { return std::exchange(dropped_paths_, {}); }

void AppWindow::wake() {
  if (g_can_wake.load(std::memory_order_acquire)) glfwPostEmptyEvent();
}

Result<std::unique_ptr<AppWindow>> AppWindow::open(const WindowOptions& options) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    return Error{"no display to open a window on (" + g_glfw_error +
                 "); to run a session without a screen, use holdspace-cli run"};
  }
  std::unique_ptr<AppWindow> app(new AppWindow());
  app->options_ = options;
  app->window_ = glfwCreateWindow(options.width, options.height, "holdspace", nullptr, nullptr);
  if (!app->window_) {
    glfwTerminate();
    return Error{"cannot open a window (" + g_glfw_error + "); to run a session without a screen, use holdspace-cli run"};
  }
  glfwMakeContextCurrent(app->window_);
  glfwSwapInterval(1);
  glfwSetCharCallback(app->window_, on_char);
  glfwSetMouseButtonCallback(app->window_, on_mouse_button);
  glfwSetCursorPosCallback(app->window_, on_cursor);
  glfwSetScrollCallback(app->window_, on_scroll);
  glfwSetWindowSizeCallback(app->window_, on_resize);
  glfwSetDropCallback(app->window_, on_drop);
  g_app = app.get();
  g_can_wake.store(true, std::memory_order_release);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no layout file: the app always opens the same way
  std::string font_error;
  if (!load_fonts(app->fonts_, 1.0f, font_error)) return Error{font_error};
  ImGui_ImplGlfw_InitForOpenGL(app->window_, true);
  glfwSetKeyCallback(app->window_, on_key);
  ImGui_ImplOpenGL3_Init("#version 130");
  return app;
}

AppWindow::~AppWindow() {
  if (g_app == this) g_app = nullptr;
  if (!window_) return;
  g_can_wake.store(false, std::memory_order_release);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

int AppWindow::run(const std::function<void()>& poll, const std::function<void(const Fonts&)>& draw_frame) {
  FramePacer pacer(options_.redraw_always);
  g_pacer = &pacer;
  bool applied_night = !night;
  int frames = 0;
  int exit_code = 0;
  struct sigaction close_on_signal {};
  close_on_signal.sa_handler = request_close;
  ::sigaction(SIGTERM, &close_on_signal, nullptr);
  ::sigaction(SIGINT, &close_on_signal, nullptr);
  while (!glfwWindowShouldClose(window_) && !g_close_requested.load()) {
    glfwWaitEventsTimeout(pacer.wait_seconds());
    poll();
    if (applied_night != night) {
      apply_theme(night);
      applied_night = night;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("holdspace", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
    ImGui::PushFont(fonts_.body);
    draw_frame(fonts_);
    ImGui::PopFont();
    ImGui::End();
    ImGui::Render();
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 background = palette().background;
    // The full-window ImGui window draws no background of its own (NoBackground above): this
    // clear is it, in the same colour. Blending a full-screen quad on top of the clear was most
    // of a frame's cost with a software renderer (Mesa llvmpipe).
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!options_.screenshot.empty() && ++frames >= options_.screenshot_after_frames) {
      std::string error;
      if (!save_screenshot(width, height, options_.screenshot, error)) {
        std::fprintf(stderr, "holdspace: error: %s\n", error.c_str());
        exit_code = 1;
      }
      break;
    }
    glfwSwapBuffers(window_);
    pacer.frame_drawn();
    if (g_key_taps.frame_done(window_)) pacer.note_input();
  }
  g_pacer = nullptr;
  return exit_code;
}

}  // namespace holdspace::ui
