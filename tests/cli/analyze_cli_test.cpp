// holdspace-cli analyze run as a user runs it: real files, a real cache in a private data folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/child_process.h"
#include "support/test_audio.h"
#include "support/text_checks.h"

using namespace holdspace;

namespace {

struct AnalyzeRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

AnalyzeRun analyze(const test::TempDir& dir, const std::string& arguments) {
  const auto err_file = dir / "stderr.txt";
  const std::string command = std::string(HOLDSPACE_CLI) + " analyze " + arguments + " --data-dir " +
                              (dir / "data").string() + " 2>" + err_file.string();
  const test::ShellRun shell = test::run_shell(command);
  return {shell.exit_code, shell.output, test::read_text(err_file)};
}

using test::contains;

std::size_t lines(const std::string& text) { return std::size_t(std::count(text.begin(), text.end(), '\n')); }

// The row of the table that ends with this track's name.
std::string row_of(const std::string& table, const std::string& name) {
  std::size_t start = 0;
  while (start < table.size()) {
    const std::size_t end = table.find('\n', start);
    const std::string line = table.substr(start, end - start);
    if (line.size() >= name.size() && line.compare(line.size() - name.size(), name.size(), name) == 0) return line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return {};
}

void write_tone(const std::filesystem::path& path, double dbfs) {
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 4,
                    test::sine(1000.0, 48000, float(std::pow(10.0, dbfs / 20.0))));
}

// Quiet music (-40 LUFS) with one near full-scale click: it wants a big boost but has no room.
void write_quiet_with_click(const std::filesystem::path& path) {
  const auto tone = test::sine(1000.0, 48000, 0.01f);
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 4,
                    [tone](std::int64_t frame, int channel) { return frame == 96000 ? 0.9f : tone(frame, channel); });
}

}  // namespace

TEST_CASE("analyze prints each track's loudness, range, true peak and gain", "[cli][analyze]") {
  test::TempDir dir;
  write_tone(dir / "steady.wav", -23.0);
  write_tone(dir / "quiet.wav", -33.0);
  write_quiet_with_click(dir / "click.wav");
  std::ofstream(dir / "list.m3u8") << "#EXTM3U\nsteady.wav\nquiet.wav\nclick.wav\n";
  const AnalyzeRun run = analyze(dir, (dir / "list.m3u8").string());
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());  // no terminal: no progress bar
  CHECK(contains(run.out, "LUFS"));
  CHECK(contains(run.out, "TRUE PEAK"));
  // -23 LUFS to -18: +5 dB, nothing held back.
  const std::string steady = row_of(run.out, "steady.wav");
  CHECK(contains(steady, "-23.0"));
  CHECK(contains(steady, "+5.0 dB  "));
  // -33 LUFS wants +15: held to +12.
  CHECK(contains(row_of(run.out, "quiet.wav"), "+12.0 dB r"));
  // The click leaves under 1 dB below the -1 dBTP ceiling.
  CHECK(contains(row_of(run.out, "click.wav"), " dB p"));
  CHECK(contains(run.out, "p  boost held back so true peaks stay under the -1.0 dBTP ceiling"));
  CHECK(contains(run.out, "r  held to the +/-12 dB limit"));
  CHECK(contains(run.out, "3 tracks: 3 measured, 0 from the cache, 0 failed; target -18.0 LUFS, ceiling -1.0 dBTP"));

  const AnalyzeRun again = analyze(dir, (dir / "list.m3u8").string() + " --target -23");
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "3 tracks: 0 measured, 3 from the cache, 0 failed; target -23.0 LUFS"));
  CHECK(contains(row_of(again.out, "steady.wav"), "+0.0 dB  "));
}

TEST_CASE("analyze --json gives every figure, and the second run comes from the cache", "[cli][analyze]") {
  test::TempDir dir;
  write_tone(dir / "a.wav", -20.0);
  write_tone(dir / "b.wav", -12.0);
  const std::string files = (dir / "a.wav").string() + " " + (dir / "b.wav").string();
  const AnalyzeRun first = analyze(dir, files + " --json --threads 2");
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  const auto json = nlohmann::json::parse(first.out);
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 2);
  CHECK(json[0]["file"] == (dir / "a.wav").string());
  CHECK(json[0]["integrated_lufs"].get<double>() == Approx(-20.0).margin(0.1));
  CHECK(json[0]["true_peak_dbtp"].get<double>() == Approx(-20.0).margin(0.2));
  CHECK(json[0]["range_lu"].get<double>() == Approx(0.0).margin(0.1));
  CHECK(json[0]["seconds"].get<double>() == Approx(4.0));
  CHECK(json[0]["gain_db"].get<double>() == Approx(2.0).margin(0.1));
  CHECK(json[1]["gain_db"].get<double>() == Approx(-6.0).margin(0.1));
  CHECK(json[1]["limited_by_peak"] == false);
  CHECK(json[1]["error"].is_null());
  CHECK(json[0]["from_cache"] == false);
  CHECK(std::filesystem::exists(dir / "data" / "loudness.sqlite"));

  const AnalyzeRun second = analyze(dir, files + " --json");
  REQUIRE(second.exit_code == 0);
  const auto cached = nlohmann::json::parse(second.out);
  CHECK(cached[0]["from_cache"] == true);
  CHECK(cached[1]["from_cache"] == true);
  CHECK(cached[0]["integrated_lufs"] == json[0]["integrated_lufs"]);
}

TEST_CASE("analyze reports a bad file in one line, shows the rest and exits 1", "[cli][analyze]") {
  test::TempDir dir;
  write_tone(dir / "good.wav", -20.0);
  std::ofstream(dir / "notes.wav") << "not audio at all";
  write_tone(dir / "after.wav", -24.0);
  const AnalyzeRun run = analyze(dir, (dir / "good.wav").string() + " " + (dir / "notes.wav").string() + " " +
                                   (dir / "after.wav").string());
  INFO(run.out << run.err);
  CHECK(run.exit_code == 1);
  CHECK(lines(run.err) == 1);
  CHECK(run.err.rfind("holdspace-cli: warning: " + (dir / "notes.wav").string() + ": not an audio file", 0) == 0);
  CHECK(contains(row_of(run.out, "good.wav"), "+2.0 dB"));
  CHECK(contains(row_of(run.out, "after.wav"), "+6.0 dB"));
  CHECK(contains(row_of(run.out, "notes.wav"), "-6.0 dB !"));
  CHECK(contains(run.out, "!  not analysed: plays at a safe -6.0 dB"));
  CHECK(contains(run.out, "3 tracks: 2 measured, 0 from the cache, 1 failed"));

  const AnalyzeRun json = analyze(dir, (dir / "notes.wav").string() + " --json");
  CHECK(json.exit_code == 1);
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed[0]["integrated_lufs"].is_null());
  CHECK(parsed[0]["gain_db"] == -6.0);
  CHECK(parsed[0]["error"].get<std::string>().rfind((dir / "notes.wav").string() + ": ", 0) == 0);
}

TEST_CASE("analyze of a missing playlist is one clear line", "[cli][analyze]") {
  test::TempDir dir;
  const AnalyzeRun run = analyze(dir, "/nowhere/session.m3u8");
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(lines(run.err) == 1);
  CHECK(contains(run.err, "holdspace-cli: error: "));
  CHECK(contains(run.err, "/nowhere/session.m3u8"));
}

TEST_CASE("analyze checks its options", "[cli][analyze]") {
  test::TempDir dir;
  write_tone(dir / "a.wav", -20.0);
  CHECK(analyze(dir, (dir / "a.wav").string() + " --ceiling 3").exit_code != 0);
  CHECK(analyze(dir, (dir / "a.wav").string() + " --target 5").exit_code != 0);
  const AnalyzeRun help = analyze(dir, "--help");
  CHECK(help.exit_code == 0);
  for (const char* option : {"--target", "--ceiling", "--threads", "--data-dir", "--json"}) {
    CHECK(contains(help.out, option));
  }
}
