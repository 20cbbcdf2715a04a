#include "cli/terminal.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace holdspace::cli {

bool is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

void print_error(const std::string& message) {
  std::fprintf(stderr, "holdspace-cli: error: %s\n", message.c_str());
}

void print_warning(const std::string& message) {
  std::fprintf(stderr, "holdspace-cli: warning: %s\n", message.c_str());
}

void LiveLine::show(const std::string& text) {
  if (!enabled_) return;
  // \r back to the start, \033[K clears what a longer previous line left behind.
  std::fprintf(stream_, "\r%s\033[K", text.c_str());
  std::fflush(stream_);
  shown_ = true;
}

void LiveLine::finish() {
  if (!enabled_ || !shown_) return;
  std::fputc('\n', stream_);
  std::fflush(stream_);
  shown_ = false;
}

std::string progress_bar(double fraction, int width) {
  if (!std::isfinite(fraction)) fraction = 0.0;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = int(std::lround(fraction * width));
  std::string bar = "[" + std::string(std::size_t(filled), '#') +
                    std::string(std::size_t(width - filled), '-') + "]";
  char percent[8];
  std::snprintf(percent, sizeof percent, " %3d%%", int(std::lround(fraction * 100)));
  return bar + percent;
}

}  // namespace holdspace::cli
