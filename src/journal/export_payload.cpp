#include "journal/export_payload.h"

#include <cmath>

namespace holdspace::journal {
namespace {

const nlohmann::json* field(const nlohmann::json& payload, const char* key) {
  if (!payload.is_object()) return nullptr;
  const auto found = payload.find(key);
  return found == payload.end() ? nullptr : &*found;
}

}  // namespace

std::optional<double> payload_number(const nlohmann::json& payload, const char* key) {
  const nlohmann::json* value = field(payload, key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  const double number = value->get<double>();
  if (!std::isfinite(number)) return std::nullopt;
  return number;
}

std::optional<std::int64_t> payload_integer(const nlohmann::json& payload, const char* key) {
  const nlohmann::json* value = field(payload, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_integer()) return value->get<std::int64_t>();
  // A whole number that went through a double on the way (3.0) still counts.
  if (value->is_number_float()) {
    const double number = value->get<double>();
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 9e15) {
      return static_cast<std::int64_t>(number);
    }
  }
  return std::nullopt;
}

std::string payload_text(const nlohmann::json& payload, const char* key) {
  const nlohmann::json* value = field(payload, key);
  if (value == nullptr || !value->is_string()) return {};
  return value->get<std::string>();
}

}  // namespace holdspace::journal
