// Every input the fuzz targets (tests/fuzz) found a crash or a broken promise with, replayed
// through the public entry points on each `make test`. The inputs are kept verbatim, as libFuzzer
// minimised them, in tests/fuzz/regressions/<target>/.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "playlist/playlist.h"
#include "session/plan.h"

namespace {

const std::filesystem::path kRegressions = std::filesystem::path(HOLDSPACE_SOURCE_DIR) / "tests/fuzz/regressions";

std::vector<std::filesystem::path> inputs_of(const std::string& target) {
  std::vector<std::filesystem::path> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(kRegressions / target)) inputs.push_back(entry.path());
  REQUIRE_FALSE(inputs.empty());
  return inputs;
}

bool is_one_line(const std::string& text) { return text.find_first_of("\r\n") == std::string::npos; }

}  // namespace

TEST_CASE("fuzz regressions: XSPF inputs read with one-line problems", "[fuzz][playlist][xspf]") {
  for (const auto& input : inputs_of("fuzz_xspf")) {
    INFO(input.string());
    const auto read = holdspace::playlist::read_playlist(input);
    if (!read) {
      CHECK(is_one_line(read.error().message));
      continue;
    }
    for (const auto& problem : read->problems) CHECK(is_one_line(holdspace::playlist::format_problem(problem)));
  }
}

TEST_CASE("fuzz regressions: a line break in an XSPF location is shown as \\n", "[fuzz][playlist][xspf]") {
  const auto read = holdspace::playlist::read_playlist(kRegressions / "fuzz_xspf/location-with-line-break.xspf");
  REQUIRE(read.ok());
  CHECK(read->entries.empty());
  REQUIRE(read->problems.size() == 1);
  CHECK(read->problems[0].message == "streams and URLs are not supported offline: tp:\\n>");
}

TEST_CASE("fuzz regressions: plan inputs fail or warn in one line", "[fuzz][plan]") {
  for (const auto& input : inputs_of("fuzz_plan")) {
    INFO(input.string());
    const auto loaded = holdspace::session::load_plan(input);
    if (!loaded) {
      CHECK(is_one_line(loaded.error().message));
      continue;
    }
    for (const auto& warning : loaded->warnings) {
      CHECK(is_one_line(holdspace::session::format_warning(input, warning)));
    }
  }
}

TEST_CASE("fuzz regressions: a line break in a plan's bell path is shown as \\n", "[fuzz][plan]") {
  const auto input = kRegressions / "fuzz_plan/bell-with-line-break.toml";
  const auto loaded = holdspace::session::load_plan(input);
  REQUIRE_FALSE(loaded.ok());
  const std::string folder = std::filesystem::absolute(input).lexically_normal().parent_path().string();
  CHECK(loaded.error().message == input.string() + ":1: bell file not found: " + folder + "/\\n" +
                                      " (paths are relative to the plan's folder)");
}

// toml++ 3.3 asserts here in a debug build of its own (marzer/tomlplusplus#301); the release
// library the app links must give its normal parse error, which the plan loader passes on.
TEST_CASE("fuzz regressions: a control character opening a table header is a TOML error", "[fuzz][plan]") {
  const auto input = kRegressions / "fuzz_plan/table-header-with-control-character.toml";
  const auto loaded = holdspace::session::load_plan(input);
  REQUIRE_FALSE(loaded.ok());
  CHECK_THAT(loaded.error().message, Catch::StartsWith(input.string() + ":2: ") &&
                                         Catch::Contains("'\\u001B'") &&
                                         Catch::EndsWith(" (fix the TOML on that line)"));
}

// U+FE7F where toml++ 3.3 asks whether a character is whitespace: undefined behaviour in its
// Unicode tables (marzer/tomlplusplus#190, #295), which UBSan stops at when toml++ is compiled
// with it. Debian's release library, which the app links, refuses the line like any other.
TEST_CASE("fuzz regressions: a non-ASCII character where a key should start is a TOML error", "[fuzz][plan]") {
  const auto input = kRegressions / "fuzz_plan/non-ascii-where-whitespace-may-be.toml";
  const auto loaded = holdspace::session::load_plan(input);
  REQUIRE_FALSE(loaded.ok());
  CHECK_THAT(loaded.error().message, Catch::StartsWith(input.string() + ":1: ") &&
                                         Catch::Contains("expected keys, tables, whitespace or comments") &&
                                         Catch::EndsWith(" (fix the TOML on that line)"));
}
