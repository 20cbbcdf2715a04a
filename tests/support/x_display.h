// A private X display for UI tests: Xvfb on a free display number (it tells us which through
// -displayfd), torn down when the test ends.
#pragma once

#include <sys/types.h>

#include <string>

namespace holdspace::test {

class XDisplay {
 public:
  explicit XDisplay(int width = 1280, int height = 800);  // throws if Xvfb will not start
  ~XDisplay();
  XDisplay(const XDisplay&) = delete;
  XDisplay& operator=(const XDisplay&) = delete;
  const std::string& name() const { return name_; }  // ":93"

 private:
  pid_t pid_ = -1;
  std::string name_;
};

}  // namespace holdspace::test
