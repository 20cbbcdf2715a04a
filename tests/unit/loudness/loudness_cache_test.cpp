// The loudness cache on a real SQLite file: hits that skip decoding, misses when a file changes,
// and many threads at once.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "journal/sqlite_db.h"
#include "loudness/analyzer.h"
#include "loudness/loudness_cache.h"
#include "unit/loudness/loudness_test_files.h"

using namespace holdspace;
using loudness::Loudness;
using loudness::LoudnessCache;

namespace {

std::unique_ptr<LoudnessCache> open_cache(const std::filesystem::path& file) {
  auto cache = LoudnessCache::open(file);
  INFO((cache ? std::string() : cache.error().message));
  REQUIRE(cache.ok());
  return std::move(cache).value();
}

std::string query(const std::filesystem::path& db_file, const std::string& sql) {
  journal::sqlite::Failure failure;
  auto db = journal::sqlite::Database::open(db_file, failure);
  REQUIRE(db);
  auto text = db->query_text(sql, failure);
  INFO(failure.message);
  REQUIRE(text);
  return *text;
}

}  // namespace

TEST_CASE("the cache lives in the data folder as loudness.sqlite", "[loudness][cache]") {
  CHECK(LoudnessCache::default_file("/data/holdspace") == "/data/holdspace/loudness.sqlite");
}

TEST_CASE("a cache hit does not decode the file again", "[loudness][cache]") {
  test::TempDir dir;
  auto cache = open_cache(dir / "data" / "loudness.sqlite");
  const auto track = dir / "track.wav";
  test::write_tone(track, -23.0, 5.0);
  const auto first = loudness::analyze_file(track, cache.get());
  REQUIRE(first.loudness.ok());
  CHECK_FALSE(first.from_cache);
  CHECK(first.loudness->integrated_lufs == Approx(-23.0).margin(0.1));

  // Same size and modification time, different audio: only a lookup can still say -23.
  const auto stamp = std::filesystem::last_write_time(track);
  const auto size = std::filesystem::file_size(track);
  test::write_tone(track, -35.0, 5.0);
  std::filesystem::last_write_time(track, stamp);
  REQUIRE(std::filesystem::file_size(track) == size);

  const auto second = loudness::analyze_file(track, cache.get());
  REQUIRE(second.loudness.ok());
  CHECK(second.from_cache);
  CHECK(second.loudness->integrated_lufs == Approx(first.loudness->integrated_lufs));
  CHECK(cache->find(track)->integrated_lufs == Approx(first.loudness->integrated_lufs));

  SECTION("a changed modification time misses, and the new audio is measured") {
    std::filesystem::last_write_time(track, stamp + std::chrono::seconds(1));
    CHECK_FALSE(cache->find(track).has_value());
    const auto third = loudness::analyze_file(track, cache.get());
    REQUIRE(third.loudness.ok());
    CHECK_FALSE(third.from_cache);
    CHECK(third.loudness->integrated_lufs == Approx(-35.0).margin(0.1));
    CHECK(cache->find(track)->integrated_lufs == Approx(-35.0).margin(0.1));
  }
  SECTION("a changed size misses") {
    test::write_tone(track, -23.0, 6.0);
    std::filesystem::last_write_time(track, stamp);
    CHECK_FALSE(cache->find(track).has_value());
  }
  SECTION("the same file by another spelling of its path hits") {
    const auto spelled = dir / "data" / ".." / "track.wav";
    CHECK(cache->find(spelled).has_value());
  }
  SECTION("a row from another analyser version misses") {
    cache.reset();
    query(dir / "data" / "loudness.sqlite", "UPDATE loudness SET analyser = 'holdspace-0 libebur128-1.0.0'");
    cache = open_cache(dir / "data" / "loudness.sqlite");
    CHECK_FALSE(cache->find(track).has_value());
  }
  SECTION("a deleted file misses") {
    std::filesystem::remove(track);
    CHECK_FALSE(cache->find(track).has_value());
  }
}

TEST_CASE("the cache is a real SQLite file in WAL mode, private, and survives reopening", "[loudness][cache]") {
  test::TempDir dir;
  const auto db_file = dir / "data" / "loudness.sqlite";
  const auto track = dir / "a.wav";
  test::write_tone(track, -20.0, 3.0);
  {
    auto cache = open_cache(db_file);
    REQUIRE(cache->store(track, Loudness{-20.0, 1.5, -19.0, 3.0}).ok());
  }
  CHECK(query(db_file, "PRAGMA journal_mode") == "wal");
  CHECK(query(db_file, "SELECT count(*) FROM loudness") == "1");
  CHECK(query(db_file, "SELECT path FROM loudness") == std::filesystem::absolute(track).string());
  CHECK(query(db_file, "SELECT analyser FROM loudness") == loudness::analyser_version());
  struct stat info {};
  REQUIRE(::stat(db_file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE(::stat(db_file.parent_path().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);

  auto reopened = open_cache(db_file);
  const auto found = reopened->find(track);
  REQUIRE(found.has_value());
  CHECK(found->integrated_lufs == -20.0);
  CHECK(found->range_lu == 1.5);
  CHECK(found->true_peak_dbtp == -19.0);
  CHECK(found->seconds == 3.0);
}

TEST_CASE("the cache refuses to keep values no real track has", "[loudness][cache]") {
  test::TempDir dir;
  auto cache = open_cache(dir / "loudness.sqlite");
  test::write_tone(dir / "a.wav", -20.0, 1.0);
  CHECK_FALSE(cache->store(dir / "a.wav", Loudness{std::nan(""), 0, -3, 1}).ok());
  CHECK_FALSE(cache->store(dir / "a.wav", Loudness{-10, 0, 40, 1}).ok());
  CHECK_FALSE(cache->store(dir / "gone.wav", Loudness{-10, 0, -3, 1}).ok());
  CHECK_FALSE(cache->find(dir / "a.wav").has_value());

  // A row edited by hand to nonsense is a miss, not a gain.
  REQUIRE(cache->store(dir / "a.wav", Loudness{-20, 0, -19, 1}).ok());
  cache.reset();
  query(dir / "loudness.sqlite", "UPDATE loudness SET true_peak_dbtp = 99");
  cache = open_cache(dir / "loudness.sqlite");
  CHECK_FALSE(cache->find(dir / "a.wav").has_value());
}

TEST_CASE("a damaged cache file is set aside and the cache starts anew", "[loudness][cache]") {
  test::TempDir dir;
  const auto db_file = dir / "loudness.sqlite";
  std::ofstream(db_file) << std::string(8192, 'x');
  auto cache = open_cache(db_file);
  CHECK(std::filesystem::exists(dir / "loudness.sqlite.damaged"));
  test::write_tone(dir / "a.wav", -20.0, 1.0);
  REQUIRE(cache->store(dir / "a.wav", Loudness{-20, 0, -19, 1}).ok());
  CHECK(cache->find(dir / "a.wav").has_value());
}

TEST_CASE("a cache that cannot be created is one line naming the file", "[loudness][cache]") {
  test::TempDir dir;
  std::ofstream(dir / "plain-file") << "x";
  auto cache = LoudnessCache::open(dir / "plain-file" / "loudness.sqlite");
  REQUIRE_FALSE(cache.ok());
  CHECK(cache.error().message.find((dir / "plain-file").string()) != std::string::npos);
  CHECK(cache.error().message.find('\n') == std::string::npos);
}

TEST_CASE("many threads store and find at once", "[loudness][cache]") {
  test::TempDir dir;
  auto cache = open_cache(dir / "loudness.sqlite");
  constexpr int kFiles = 12;
  constexpr int kThreads = 8;
  constexpr int kRounds = 60;
  for (int f = 0; f < kFiles; ++f) std::ofstream(dir / ("t" + std::to_string(f) + ".wav")) << f;
  const auto value_of = [](int f) { return Loudness{-20.0 - f, 0.5 * f, -10.0 - f, 60.0 + f}; };

  std::atomic<int> failures{0};
  std::atomic<int> hits{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        const int f = (t * 7 + round) % kFiles;
        const auto file = dir / ("t" + std::to_string(f) + ".wav");
        if (!cache->store(file, value_of(f)).ok()) ++failures;
        const auto found = cache->find(file);
        if (!found || found->integrated_lufs != value_of(f).integrated_lufs ||
            found->seconds != value_of(f).seconds) {
          ++failures;
        } else {
          ++hits;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
  CHECK(hits == kThreads * kRounds);
  CHECK(query(dir / "loudness.sqlite", "SELECT count(*) FROM loudness") == std::to_string(kFiles));
}
