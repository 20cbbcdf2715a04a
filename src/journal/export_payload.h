// Tolerant reads of event payload fields for the review side. A journal written by an older or
// newer holdspace may lack a field or hold it with another type; a review must show what it can
// and never throw on it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace holdspace::journal {

// The field as a number when it is one (integers included), else nothing.
std::optional<double> payload_number(const nlohmann::json& payload, const char* key);
// The field as a whole number when it is one, else nothing.
std::optional<std::int64_t> payload_integer(const nlohmann::json& payload, const char* key);
// The field as text when it is a string, else "".
std::string payload_text(const nlohmann::json& payload, const char* key);

}  // namespace holdspace::journal
