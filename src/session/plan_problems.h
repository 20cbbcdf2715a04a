// Everything wrong with a plan, gathered in one pass over the file, so the one error reported is
// the one the therapist should fix first rather than whichever check happened to run first.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "session/plan.h"

namespace holdspace::session {

class PlanProblems {
 public:
  explicit PlanProblems(std::string source_name);

  // Something written wrongly: an unknown key, a wrong type, a value out of range.
  void error(int line, const std::string& what, const std::string& todo);
  // Something left out. Ranked after every other error, because a misspelt key ("nmae") also
  // shows up as a missing one, on the header line above it, and the spelling is the real cause.
  void missing(int line, const std::string& what, const std::string& todo);
  void warn(int line, const std::string& what, const std::string& todo);

  bool has_errors() const { return !errors_.empty(); }
  // "<file>:<line>: <what is wrong> (<what to do>)", the first in file order.
  Error first_error() const;
  // In file order.
  std::vector<PlanWarning> warnings() const;

 private:
  struct Found {
    bool left_out = false;
    int line = 0;
    std::string message;
  };
  std::string source_name_;
  std::vector<Found> errors_;
  std::vector<PlanWarning> warnings_;
};

}  // namespace holdspace::session
