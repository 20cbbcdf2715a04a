// BackgroundAnalysis: requests that return at once, lookups that never wait, waiting for one
// file, and a prompt stop when it is destroyed mid-work.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "loudness/analyzer.h"
#include "unit/loudness/loudness_test_files.h"

using namespace holdspace;
using State = loudness::BackgroundAnalysis::State;
using namespace std::chrono_literals;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Four minutes: long enough that measuring it takes a good fraction of a second.
void write_long_track(const std::filesystem::path& path) {
  std::vector<float> noise(4096);
  std::uint32_t seed = 1;
  for (float& value : noise) {
    seed = seed * 1664525u + 1013904223u;
    value = 0.2f * (float(seed >> 8) / float(1u << 24) - 0.5f);
  }
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 240,
                    [&noise](std::int64_t frame, int channel) { return noise[std::size_t((frame * 2 + channel) % 4096)]; });
}

}  // namespace

TEST_CASE("background analysis answers lookups and waits, and reports failures", "[loudness][background]") {
  test::TempDir dir;
  test::write_tone(dir / "a.wav", -22.0, 3.0);
  test::write_tone(dir / "b.wav", -28.0, 3.0);
  std::ofstream(dir / "bad.flac") << "no";
  auto cache = loudness::LoudnessCache::open(dir / "loudness.sqlite");
  REQUIRE(cache.ok());

  loudness::BackgroundAnalysis analysis(cache->get(), 2);
  std::atomic<int> finished_calls{0};
  analysis.set_on_finished([&] { ++finished_calls; });
  CHECK(analysis.lookup(dir / "a.wav").state == State::Unknown);
  CHECK_FALSE(analysis.wait_for(dir / "a.wav", 10s));  // never requested: no wait at all

  analysis.request({dir / "a.wav", dir / "b.wav", dir / "bad.flac", dir / "a.wav"});
  CHECK(analysis.total() == 3);
  for (const char* name : {"a.wav", "b.wav", "bad.flac"}) REQUIRE(analysis.wait_for(dir / name, 30s));
  CHECK(analysis.done() == 3);
  // The callback runs just after a result is published, so it may trail wait_for a moment.
  for (int i = 0; i < 500 && finished_calls < 3; ++i) std::this_thread::sleep_for(2ms);
  CHECK(finished_calls == 3);

  const auto a = analysis.lookup(dir / "a.wav");
  CHECK(a.state == State::Ready);
  CHECK(a.loudness.integrated_lufs == Approx(-22.0).margin(0.1));
  CHECK(analysis.lookup(dir / "sub" / ".." / "b.wav").loudness.integrated_lufs == Approx(-28.0).margin(0.1));
  const auto bad = analysis.lookup(dir / "bad.flac");
  CHECK(bad.state == State::Failed);
  CHECK(bad.error.rfind((dir / "bad.flac").string() + ": ", 0) == 0);

  SECTION("asking again for finished, unchanged files does nothing") {
    analysis.request({dir / "a.wav", dir / "b.wav"});
    CHECK(analysis.total() == 3);
    CHECK(analysis.done() == 3);
    CHECK(analysis.lookup(dir / "a.wav").state == State::Ready);
  }
  SECTION("a file changed on disk is measured again") {
    test::write_tone(dir / "a.wav", -30.0, 4.0);
    analysis.request({dir / "a.wav"});
    CHECK(analysis.total() == 3);
    REQUIRE(analysis.wait_for(dir / "a.wav", 30s));
    CHECK(analysis.done() == 3);
    CHECK(analysis.lookup(dir / "a.wav").loudness.integrated_lufs == Approx(-30.0).margin(0.1));
  }
  SECTION("a second analysis finds it all in the cache") {
    loudness::BackgroundAnalysis again(cache->get(), 1);
    again.request({dir / "a.wav"});
    REQUIRE(again.wait_for(dir / "a.wav", 30s));
    CHECK(again.lookup(dir / "a.wav").from_cache);
  }
}

TEST_CASE("background analysis never blocks its caller and stops promptly when destroyed", "[loudness][background]") {
  test::TempDir dir;
  std::vector<std::filesystem::path> files;
  for (int i = 0; i < 2; ++i) {
    files.push_back(dir / ("long" + std::to_string(i) + ".wav"));
    if (i == 0) {
      write_long_track(files.back());
    } else {
      std::filesystem::create_symlink(files.front(), files.back());  // another file to it, no more disk
    }
  }
  // How long one of these takes to measure, so "promptly" is measured against it.
  const auto measure_start = std::chrono::steady_clock::now();
  REQUIRE(loudness::measure_file(files.front()).ok());
  const double one_file = seconds_since(measure_start);
  INFO("one file takes " << one_file << " s");
  REQUIRE(one_file > 0.15);

  auto analysis = std::make_unique<loudness::BackgroundAnalysis>(nullptr, 1);
  auto start = std::chrono::steady_clock::now();
  analysis->request(files);
  CHECK(analysis->lookup(files[0]).state == State::Pending);
  CHECK(analysis->lookup(files[1]).state == State::Pending);
  CHECK_FALSE(analysis->wait_for(files[1], 10ms));
  CHECK(seconds_since(start) < 0.2);

  std::this_thread::sleep_for(50ms);  // the first file is under way
  start = std::chrono::steady_clock::now();
  analysis.reset();
  const double stopping = seconds_since(start);
  INFO("stopping took " << stopping << " s");
  CHECK(stopping < 0.25 * one_file);
}
