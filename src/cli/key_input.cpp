#include "cli/key_input.h"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <utility>

namespace holdspace::cli {

struct KeyInput::Saved {
  termios settings{};
};

KeyInput::KeyInput() : terminal_(::isatty(STDIN_FILENO) == 1) {
  if (!terminal_) return;
  saved_ = new Saved;
  tcgetattr(STDIN_FILENO, &saved_->settings);
  raw_mode(true);
}

KeyInput::~KeyInput() {
  if (saved_) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved_->settings);
    delete saved_;
  }
}

void KeyInput::raw_mode(bool on) {
  if (!terminal_) return;
  termios settings = saved_->settings;
  if (on) {
    // Keys arrive one at a time, unechoed; Ctrl-C still interrupts.
    settings.c_lflag &= tcflag_t(~(ICANON | ECHO));
    settings.c_cc[VMIN] = 0;
    settings.c_cc[VTIME] = 0;
  }
  tcsetattr(STDIN_FILENO, TCSANOW, &settings);
  raw_ = on;
}

std::optional<char> KeyInput::next_key(int timeout_ms) {
  if (!buffered_.empty()) {
    const char key = buffered_.front();
    buffered_.erase(0, 1);
    return key;
  }
  if (closed_) {
    if (timeout_ms > 0) ::usleep(useconds_t(timeout_ms) * 1000);
    return std::nullopt;
  }
  pollfd input{STDIN_FILENO, POLLIN, 0};
  if (::poll(&input, 1, timeout_ms) <= 0) return std::nullopt;
  char chunk[64];
  const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
  if (got <= 0) {
    closed_ = !terminal_;  // a pipe that ended; a terminal just had nothing
    return std::nullopt;
  }
  buffered_.append(chunk, std::size_t(got));
  return next_key(0);
}

std::string KeyInput::read_line(const std::string& prompt, const std::function<void()>& while_waiting) {
  std::printf("\n%s", prompt.c_str());
  std::fflush(stdout);
  raw_mode(false);
  std::string line;
  while (true) {
    const auto newline = buffered_.find('\n');
    if (newline != std::string::npos) {
      line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      break;
    }
    pollfd input{STDIN_FILENO, POLLIN, 0};
    if (!closed_ && ::poll(&input, 1, 100) == 0) {
      while_waiting();
      continue;
    }
    char chunk[256];
    const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (got <= 0) {
      line = std::exchange(buffered_, {});
      closed_ = !terminal_;
      break;
    }
    buffered_.append(chunk, std::size_t(got));
  }
  if (terminal_) raw_mode(true);
  if (!terminal_) std::printf("%s\n", line.c_str());  // echo what a script typed, for the log
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace holdspace::cli
