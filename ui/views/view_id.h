// The app's three views, switched by tabs or F1/F2/F3.
#pragma once

#include <optional>
#include <string>

namespace holdspace::ui {

enum class ViewId { Session, Prepare, Review };

inline std::optional<ViewId> view_from_name(const std::string& name) {
  if (name == "session") return ViewId::Session;
  if (name == "prepare") return ViewId::Prepare;
  if (name == "review") return ViewId::Review;
  return std::nullopt;
}

}  // namespace holdspace::ui
