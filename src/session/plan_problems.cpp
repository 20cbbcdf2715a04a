// PlanProblems: collects and ranks what is wrong with a plan.
#include "session/plan_problems.h"

#include <algorithm>
#include <utility>

#include "core/message_text.h"

namespace holdspace::session {
namespace {

// What a plan says (a name, a path) is quoted in these; one with a line break in it must not
// break the message in two.
std::string sentence(const std::string& what, const std::string& todo) {
  return message_text(todo.empty() ? what : what + " (" + todo + ")");
}

}  // namespace

PlanProblems::PlanProblems(std::string source_name) : source_name_(std::move(source_name)) {}

void PlanProblems::error(int line, const std::string& what, const std::string& todo) {
  errors_.push_back(Found{false, line, sentence(what, todo)});
}

void PlanProblems::missing(int line, const std::string& what, const std::string& todo) {
  errors_.push_back(Found{true, line, sentence(what, todo)});
}

void PlanProblems::warn(int line, const std::string& what, const std::string& todo) {
  warnings_.push_back(PlanWarning{line, sentence(what, todo)});
}

Error PlanProblems::first_error() const {
  const auto first = std::min_element(errors_.begin(), errors_.end(), [](const Found& a, const Found& b) {
    if (a.left_out != b.left_out) return !a.left_out;
    return a.line < b.line;
  });
  if (first == errors_.end()) return Error{source_name_ + ": no problem found"};
  return Error{source_name_ + ":" + std::to_string(first->line) + ": " + first->message};
}

std::vector<PlanWarning> PlanProblems::warnings() const {
  std::vector<PlanWarning> sorted = warnings_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const PlanWarning& a, const PlanWarning& b) { return a.line < b.line; });
  return sorted;
}

}  // namespace holdspace::session
