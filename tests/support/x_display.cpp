#include "support/x_display.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace holdspace::test {

XDisplay::XDisplay(int width, int height) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
  const std::string fd = std::to_string(pipe_fds[1]);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::close(pipe_fds[0]);
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    ::execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(), "-nolisten", "tcp",
             nullptr);
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  // Xvfb writes the display number it picked once it accepts clients.
  pollfd ready{pipe_fds[0], POLLIN, 0};
  char number[16] = {};
  if (::poll(&ready, 1, 10000) <= 0 || ::read(pipe_fds[0], number, sizeof number - 1) <= 0) {
    ::close(pipe_fds[0]);
    ::kill(pid_, SIGKILL);
    throw std::runtime_error("Xvfb did not start (is the xvfb package installed?)");
  }
  ::close(pipe_fds[0]);
  name_ = ":" + std::string(number);
  while (!name_.empty() && (name_.back() == '\n' || name_.back() == ' ')) name_.pop_back();
}

XDisplay::~XDisplay() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

}  // namespace holdspace::test
