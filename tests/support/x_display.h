// A private X display for UI tests: an Xvfb that only this test's processes can reach, checked
// by connecting to it, and torn down when the test ends.
#pragma once

#include <sys/types.h>

#include <string>

namespace holdspace::test {

class XDisplay {
 public:
  explicit XDisplay(int width = 1280, int height = 800);  // throws if no Xvfb will start
  ~XDisplay();
  XDisplay(const XDisplay&) = delete;
  XDisplay& operator=(const XDisplay&) = delete;
  const std::string& name() const { return name_; }  // ":4711"

 private:
  bool try_start(int number, const std::string& screen);
  void stop();

  pid_t pid_ = -1;
  std::string name_;
};

// Runs `xdotool arguments` (keys, clicks, window searches on the display in $DISPLAY), quietly;
// its exit code.
int xdotool(const std::string& arguments);

}  // namespace holdspace::test
