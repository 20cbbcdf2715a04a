// Typed reads from toml++ nodes, each with the message a therapist sees for a wrong type.
#include "session/plan_fields.h"

#include <cmath>
#include <sstream>

#include "session/plan_suggest.h"

namespace holdspace::session {
namespace {

std::string quoted_list(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += (i + 1 == choices.size()) ? " or " : ", ";
    out += "\"" + choices[i] + "\"";
  }
  return out;
}

}  // namespace

int line_of(const toml::node& node) { return int(node.source().begin.line); }

std::optional<Field<std::string>> read_text(const toml::table& table, std::string_view key,
                                            PlanProblems& problems) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (const auto* text = node->as_string()) return Field<std::string>{text->get(), line_of(*node)};
  problems.error(line_of(*node), std::string(key) + " must be text", "put it in double quotes");
  return std::nullopt;
}

std::optional<Field<double>> read_number(const toml::table& table, std::string_view key,
                                         PlanProblems& problems) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (!node->is_number()) {
    const std::string todo = node->is_string() ? "write it without quotes" : "write a plain number, e.g. 20";
    problems.error(line_of(*node), std::string(key) + " must be a number", todo);
    return std::nullopt;
  }
  const double value = node->value<double>().value_or(0.0);
  if (!std::isfinite(value)) {
    problems.error(line_of(*node), std::string(key) + " must be a finite number",
                   "nan and inf are not allowed");
    return std::nullopt;
  }
  return Field<double>{value, line_of(*node)};
}

std::optional<Field<bool>> read_flag(const toml::table& table, std::string_view key, PlanProblems& problems) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (const auto* flag = node->as_boolean()) return Field<bool>{flag->get(), line_of(*node)};
  const std::string todo = node->is_string() ? "write it without quotes" : "write true or false";
  problems.error(line_of(*node), std::string(key) + " must be true or false", todo);
  return std::nullopt;
}

std::optional<Field<std::string>> read_choice(const toml::table& table, std::string_view key,
                                              const std::vector<std::string>& choices,
                                              PlanProblems& problems) {
  auto field = read_text(table, key, problems);
  if (!field) return std::nullopt;
  for (const std::string& choice : choices) {
    if (field->value == choice) return field;
  }
  const std::string what =
      std::string(key) + " must be " + quoted_list(choices) + ", not \"" + field->value + "\"";
  const auto near = nearest_word(field->value, choices);
  problems.error(field->line, what, near ? "did you mean \"" + *near + "\"?" : "use one of those");
  return std::nullopt;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t") == std::string::npos; }

}  // namespace holdspace::session
