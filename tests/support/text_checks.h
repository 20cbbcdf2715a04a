// Checks on text a test reads back: program output, logs, exported files.
#pragma once

#include <string>

namespace holdspace::test {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace holdspace::test
