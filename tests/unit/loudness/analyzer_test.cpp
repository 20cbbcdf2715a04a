// analyze_files: many files on many threads, results in input order, progress to the end, and a
// bad file that stops nothing else.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "loudness/analyzer.h"
#include "unit/loudness/loudness_test_files.h"

using namespace holdspace;

TEST_CASE("analyze_files keeps input order, reports progress and gets past a bad file", "[loudness][analyzer]") {
  test::TempDir dir;
  const std::vector<double> levels = {-20.0, -26.0, -31.0, -17.0, -23.0, -29.0, -14.0};
  std::vector<std::filesystem::path> files;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    files.push_back(dir / ("track" + std::to_string(i) + ".wav"));
    test::write_tone(files.back(), levels[i], 4.0 + double(i % 3));
  }
  const auto bad = dir / "bad.ogg";
  std::ofstream(bad) << "not audio";
  files.insert(files.begin() + 3, bad);

  const auto caller = std::this_thread::get_id();
  std::vector<std::pair<int, int>> progress;
  bool on_caller_thread = true;
  const int threads = GENERATE(0, 1, 3);
  const auto results = loudness::analyze_files(files, nullptr, threads, [&](int done, int total) {
    progress.emplace_back(done, total);
    on_caller_thread = on_caller_thread && std::this_thread::get_id() == caller;
  });

  REQUIRE(results.size() == files.size());
  std::size_t level = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    CHECK(results[i].file == files[i]);
    CHECK_FALSE(results[i].from_cache);
    if (files[i] == bad) {
      REQUIRE_FALSE(results[i].loudness.ok());
      CHECK(results[i].loudness.error().message.rfind(bad.string() + ": ", 0) == 0);
      continue;
    }
    REQUIRE(results[i].loudness.ok());
    CHECK(results[i].loudness->integrated_lufs == Approx(levels[level++]).margin(0.1));
  }
  REQUIRE_FALSE(progress.empty());
  CHECK(progress.front() == std::pair(0, int(files.size())));
  CHECK(progress.back() == std::pair(int(files.size()), int(files.size())));
  for (std::size_t i = 1; i < progress.size(); ++i) CHECK(progress[i].first >= progress[i - 1].first);
  CHECK(on_caller_thread);
}

TEST_CASE("analyze_files serves a second run from the cache and a repeated file once", "[loudness][analyzer]") {
  test::TempDir dir;
  auto cache = loudness::LoudnessCache::open(dir / "loudness.sqlite");
  REQUIRE(cache.ok());
  test::write_tone(dir / "a.wav", -21.0, 3.0);
  test::write_tone(dir / "b.wav", -27.0, 3.0);
  const std::vector<std::filesystem::path> files = {dir / "a.wav", dir / "b.wav", dir / "a.wav"};

  const auto first = loudness::analyze_files(files, cache->get(), 2, {});
  REQUIRE(first.size() == 3);
  for (const auto& result : first) {
    REQUIRE(result.loudness.ok());
    CHECK_FALSE(result.from_cache);
  }
  CHECK(first[2].loudness->integrated_lufs == first[0].loudness->integrated_lufs);

  const auto second = loudness::analyze_files(files, cache->get(), 2, {});
  for (std::size_t i = 0; i < files.size(); ++i) {
    REQUIRE(second[i].loudness.ok());
    CHECK(second[i].from_cache);
    CHECK(second[i].loudness->integrated_lufs == first[i].loudness->integrated_lufs);
  }
}

TEST_CASE("a cancelled analysis returns every file as cancelled", "[loudness][analyzer]") {
  test::TempDir dir;
  test::write_tone(dir / "a.wav", -21.0, 3.0);
  test::write_tone(dir / "b.wav", -21.0, 3.0);
  const std::atomic<bool> cancel{true};
  int last_done = -1;
  const auto results = loudness::analyze_files({dir / "a.wav", dir / "b.wav"}, nullptr, 2,
                                               [&](int done, int) { last_done = done; }, &cancel);
  REQUIRE(results.size() == 2);
  for (const auto& result : results) {
    REQUIRE_FALSE(result.loudness.ok());
    CHECK(result.loudness.error().message == result.file.string() + ": analysis cancelled");
  }
  CHECK(last_done == 2);
}

TEST_CASE("analyze_files with no files reports an empty, finished run", "[loudness][analyzer]") {
  std::vector<std::pair<int, int>> progress;
  const auto results =
      loudness::analyze_files({}, nullptr, 0, [&](int done, int total) { progress.emplace_back(done, total); });
  CHECK(results.empty());
  REQUIRE_FALSE(progress.empty());
  CHECK(progress.back() == std::pair(0, 0));
}
