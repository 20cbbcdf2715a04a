#include "support/x_display.h"

#include <X11/Xlib.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

namespace holdspace::test {
namespace {

// Abstract-namespace sockets belong to the network namespace, which other machines' sandboxes on
// the same host may share. Xvfb's own "-displayfd" search then hands out :0 while a stranger's
// server answers on "@/tmp/.X11-unix/X0", and X clients try the abstract socket first. So the
// display number is drawn from a range nobody's first-free search reaches, any number someone
// already holds is skipped, and our Xvfb listens only on its socket file (-nolisten local).
bool display_number_taken(int number) {
  const std::string lock = "/tmp/.X" + std::to_string(number) + "-lock";
  if (std::filesystem::exists(lock)) return true;
  const std::string abstract_socket = "@/tmp/.X11-unix/X" + std::to_string(number);
  std::ifstream sockets("/proc/net/unix");
  std::string line;
  while (std::getline(sockets, line)) {
    if (line.size() >= abstract_socket.size() &&
        line.compare(line.size() - abstract_socket.size(), abstract_socket.size(), abstract_socket) == 0) {
      return true;
    }
  }
  return false;
}

// A display counts as ours once a client can open it; Xvfb reports ready a moment before that
// holds on a loaded machine.
bool client_can_connect(const std::string& name, std::chrono::seconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (std::chrono::steady_clock::now() < deadline) {
    if (Display* display = XOpenDisplay(name.c_str())) {
      XCloseDisplay(display);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace

XDisplay::XDisplay(int width, int height) {
  const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
  std::mt19937 random(std::random_device{}() ^ unsigned(::getpid()));
  std::uniform_int_distribution<int> numbers(1000, 30000);
  for (int attempt = 0; attempt < 10; ++attempt) {
    const int number = numbers(random);
    if (display_number_taken(number)) continue;
    if (try_start(number, screen)) return;
  }
  throw std::runtime_error("Xvfb did not start on any of 10 display numbers (is the xvfb package installed?)");
}

bool XDisplay::try_start(int number, const std::string& screen) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const std::string display = ":" + std::to_string(number);
  const std::string ready_fd = std::to_string(pipe_fds[1]);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::close(pipe_fds[0]);
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    // -noreset: the server keeps running between clients instead of resetting while the next
    // one connects.
    ::execlp("Xvfb", "Xvfb", display.c_str(), "-displayfd", ready_fd.c_str(), "-screen", "0", screen.c_str(),
             "-nolisten", "tcp", "-nolisten", "local", "-noreset", nullptr);
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  // Xvfb writes its display number once it listens; EOF instead means it gave up.
  pollfd ready{pipe_fds[0], POLLIN, 0};
  char reported[16] = {};
  const bool listening = ::poll(&ready, 1, 10000) > 0 && ::read(pipe_fds[0], reported, sizeof reported - 1) > 0;
  ::close(pipe_fds[0]);
  if (listening && client_can_connect(display, std::chrono::seconds(10))) {
    name_ = display;
    return true;
  }
  stop();
  return false;
}

void XDisplay::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

XDisplay::~XDisplay() { stop(); }

int xdotool(const std::string& arguments) {
  return std::system(("xdotool " + arguments + " >/dev/null 2>&1").c_str());
}

}  // namespace holdspace::test
