// Helpers for the plan tests: a fresh folder per test holding a playlist whose tracks exist and a
// real (short) bell, so a plan written into it meets the same checks as a therapist's plan.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>

#include "session/plan.h"
#include "support/kept_test_files.h"
#include "support/test_audio.h"

namespace holdspace::session::test {

using holdspace::test::write_file;

// The folder a test plan lives in:
//   plan.toml            written by each test
//   music/calm.m3u8      two tracks, both present (only looked up, never decoded, by load_plan)
//   music/a.ogg, b.ogg
//   bell.wav             a real 0.2 s WAV, because the bell is probed as audio
class PlanFolder {
 public:
  PlanFolder() : dir_("holdspace-plan-test") {
    write_file(dir_ / "music/calm.m3u8", "#EXTM3U\na.ogg\nb.ogg\n");
    write_file(dir_ / "music/a.ogg", "not decoded by load_plan");
    write_file(dir_ / "music/b.ogg", "not decoded by load_plan");
    holdspace::test::write_audio(dir_ / "bell.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 1600,
                                 holdspace::test::sine(440, 8000, 0.1f));
  }

  const std::filesystem::path& path() const { return dir_.path(); }
  std::filesystem::path operator/(const std::string& name) const { return dir_ / name; }
  std::filesystem::path plan_path() const { return dir_ / "plan.toml"; }

  Result<LoadedPlan> load(std::string_view toml) const {
    write_file(plan_path(), toml);
    return load_plan(plan_path());
  }

  LoadedPlan load_ok(std::string_view toml) const {
    Result<LoadedPlan> loaded = load(toml);
    INFO((loaded ? std::string("loaded") : loaded.error().message));
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }

  // The error for a plan that must be refused, without the "<file>:" prefix, which every error
  // must carry (checked here, once).
  std::string error_of(std::string_view toml) const {
    Result<LoadedPlan> loaded = load(toml);
    REQUIRE_FALSE(loaded.ok());
    const std::string& message = loaded.error().message;
    const std::string prefix = plan_path().string() + ":";
    REQUIRE(message.starts_with(prefix));
    CHECK(message.find('\n') == std::string::npos);
    return message.substr(prefix.size());
  }

 private:
  holdspace::test::TempDir dir_;
};

// The smallest plan that loads: a name and one phase. Tests append to it or replace lines.
inline const std::string kPlanHead = "name = \"Test plan\"\n";
inline const std::string kOnePhase =
    "[[phase]]\n"
    "name = \"Calm\"\n"
    "minutes = 10\n"
    "playlist = \"music/calm.m3u8\"\n";

}  // namespace holdspace::session::test
