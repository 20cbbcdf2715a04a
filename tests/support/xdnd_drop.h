// Drops files on a window the way a file manager does: a real XDND (version 5) drag from a
// private source window to the target. UI tests use it to check the app's drop handling end to
// end, through GLFW's own X11 XDND code (XdndEnter/Position/Drop, XConvertSelection of
// text/uri-list, URI parsing) and into glfwSetDropCallback, rather than calling the callback by
// hand, which would skip exactly the part most likely to break.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace holdspace::test {

// Drops `absolute_paths` (each must start with '/') on the top-level window whose WM_NAME or
// _NET_WM_NAME is `window_name`, on X display `display_name` (":93"). Keeps looking for the
// window until it appears and is XdndAware, so it may be called while the app is still starting.
// The paths travel as text/uri-list: file:/// URIs, percent-encoded, CRLF after each (RFC 2483).
// Returns true once the target has sent XdndFinished with success; otherwise false, with the
// reason in `error`. Each step (finding the window, each reply awaited) gives up after `timeout`.
bool drop_files_on_window(const std::string& display_name, const std::string& window_name,
                          const std::vector<std::string>& absolute_paths, std::string& error,
                          std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace holdspace::test
