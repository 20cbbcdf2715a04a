// What the CLI prints: one-line errors, and a live line (status or progress bar) that redraws in
// place on a terminal and stays quiet when output goes to a file or a pipe.
#pragma once

#include <cstdio>
#include <string>

namespace holdspace::cli {

bool is_terminal(std::FILE* stream);

// "holdspace-cli: error: <message>" on stderr.
void print_error(const std::string& message);
void print_warning(const std::string& message);

// Redraws one line on a terminal; finish() leaves it and moves to a new line.
class LiveLine {
 public:
  explicit LiveLine(std::FILE* stream) : stream_(stream), enabled_(is_terminal(stream)) {}
  bool enabled() const { return enabled_; }
  void show(const std::string& text);
  void finish();

 private:
  std::FILE* stream_;
  bool enabled_;
  bool shown_ = false;
};

// "[##########----------]  50%"
std::string progress_bar(double fraction, int width);

}  // namespace holdspace::cli
