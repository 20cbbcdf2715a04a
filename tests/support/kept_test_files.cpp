#include "support/kept_test_files.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

namespace holdspace::test {
namespace {

constexpr std::uintmax_t kLargestKept = 1 << 20;  // seeds are small; a long render is not one

// FNV-1a: a stable name for the same bytes in every run, with no library needed.
std::string content_name(const std::string& bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char name[17];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash));
  return name;
}

}  // namespace

void keep_test_file(const std::filesystem::path& written) {
  const char* folder = std::getenv("HOLDSPACE_KEEP_TEST_FILES");
  if (!folder || !*folder) return;
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(written, error);
  if (error || size > kLargestKept) return;
  std::ifstream in(written, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::filesystem::create_directories(folder, error);
  const auto kept = std::filesystem::path(folder) / (content_name(bytes) + written.extension().string());
  std::ofstream(kept, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  REQUIRE(out.good());
  keep_test_file(path);
}

}  // namespace holdspace::test
