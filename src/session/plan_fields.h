// Reading one typed value from a plan table. A value of the wrong type is reported here, once, so
// the section readers only deal with values that are at least the right kind.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "session/plan_problems.h"

namespace holdspace::session {

template <class T>
struct Field {
  T value{};
  int line = 0;  // where the value is written
};

int line_of(const toml::node& node);

// Each returns nothing when the key is absent or holds the wrong type (reported); callers tell
// the two apart with table.contains(key) when the key is required.
std::optional<Field<std::string>> read_text(const toml::table& table, std::string_view key,
                                            PlanProblems& problems);
// Integers and decimals alike; nan and inf are refused.
std::optional<Field<double>> read_number(const toml::table& table, std::string_view key,
                                         PlanProblems& problems);
std::optional<Field<bool>> read_flag(const toml::table& table, std::string_view key, PlanProblems& problems);
// Text that must be one of choices, with a "did you mean" for a near miss.
std::optional<Field<std::string>> read_choice(const toml::table& table, std::string_view key,
                                              const std::vector<std::string>& choices,
                                              PlanProblems& problems);

// 20 -> "20", 2.5 -> "2.5": numbers as the therapist wrote them, for messages.
std::string number_text(double value);

// Text with only spaces counts as empty.
bool is_blank(const std::string& text);

}  // namespace holdspace::session
