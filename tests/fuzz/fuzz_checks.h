// What the fuzz targets hold the code to besides not crashing: promises the code makes in its
// headers. A broken one aborts, so libFuzzer keeps the input as a crash like any other.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace holdspace::fuzz {

[[noreturn]] inline void broken_promise(std::string_view promise, std::string_view detail) {
  std::fprintf(stderr, "\nbroken promise: %.*s\n%.*s\n", int(promise.size()), promise.data(),
               int(detail.size()), detail.data());
  std::abort();
}

// Every message a therapist sees is one line (DESIGN.md, "What counts as done").
inline void require_one_line(std::string_view what, std::string_view message) {
  if (message.find_first_of("\r\n") != std::string_view::npos) {
    broken_promise(what, message);
  }
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace holdspace::fuzz
