// holdspace-cli preflight as a therapist runs it the evening before: the demo plan gives a
// report; a plan with a missing file, or with two neighbouring tracks 10 LU apart, is flagged;
// and tracks made at -30, -18 and -8 LUFS come out of the render matched to the target.
#include <catch2/catch.hpp>

#include <ebur128.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "support/child_process.h"
#include "support/test_audio.h"
#include "support/text_checks.h"

using namespace holdspace;

namespace {

using Run = test::ShellRun;

Run preflight(const std::string& arguments) {
  return test::run_shell(std::string(HOLDSPACE_CLI) + " preflight " + arguments + " 2>&1");
}

using test::contains;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using holdspace::test::kRate;

// A stereo 1 kHz sine at `lufs`: per BS.1770 a full-scale sine in both channels reads 0 LUFS.
void write_tone(const std::filesystem::path& path, double lufs, double seconds) {
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, std::int64_t(seconds * kRate),
                    test::sine(1000.0, kRate, float(std::pow(10.0, lufs / 20.0))));
}

// 20 s of a quiet tone with a burst of full-scale fs/4 at 45 degrees (1, 1, -1, -1: about
// +3 dBTP) every second.
void write_intersample_peaks(const std::filesystem::path& path) {
  const float quiet = float(std::pow(10.0, -28.0 / 20.0));
  test::write_audio(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 20 * kRate, [quiet](std::int64_t frame, int) {
    if (frame % kRate < 64) return (frame / 2) % 2 ? -1.0f : 1.0f;
    return quiet * float(std::sin(2.0 * M_PI * 1000.0 * double(frame) / kRate));
  });
}

// A one-phase plan playing `files` in order, gapless, at full level; `settings` go at the top.
std::filesystem::path write_plan(const test::TempDir& dir, const std::vector<std::string>& files, double minutes,
                                 const std::string& settings = "") {
  std::ofstream(dir / "list.m3u8") << "#EXTM3U\n";
  std::ofstream list(dir / "list.m3u8", std::ios::app);
  for (const auto& file : files) list << file << "\n";
  list.close();
  const auto plan = dir / "plan.toml";
  std::ofstream(plan) << "name = \"Preflight test\"\n" << settings << "\n[[phase]]\nname = \"Only\"\nminutes = " << minutes
                      << "\nplaylist = \"list.m3u8\"\nat_playlist_end = \"silence\"\nfade_in_seconds = 0\n";
  return plan;
}

// Integrated loudness of frames [from, to) of a rendered stereo file.
double loudness_of(const test::DecodedAudio& audio, double from_seconds, double to_seconds) {
  ebur128_state* meter = ebur128_init(2, unsigned(audio.rate), EBUR128_MODE_I);
  const auto from = std::int64_t(from_seconds * audio.rate);
  const auto to = std::min(audio.frames(), std::int64_t(to_seconds * audio.rate));
  ebur128_add_frames_float(meter, audio.samples.data() + from * 2, std::size_t(to - from));
  double lufs = 0.0;
  ebur128_loudness_global(meter, &lufs);
  ebur128_destroy(&meter);
  return lufs;
}

}  // namespace

TEST_CASE("preflight of the demo plan writes a report with the loudness plot and passes", "[cli][preflight]") {
  test::TempDir dir;
  const auto report = dir / "report.html";
  const Run run = preflight(std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo.toml -o " + report.string() +
                            " --data-dir " + (dir / "data").string());
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK(contains(run.output, "ceiling -1.0 dBTP: held"));
  CHECK(contains(run.output, "ready: no problems found"));
  const std::string html = read_file(report);
  CHECK(contains(html, "<svg"));
  CHECK(contains(html, "class=\"loudness\" points=\""));
  for (const char* phase : {"Arrival", "Settling", "Journey", "Return"}) CHECK(contains(html, phase));
  CHECK(std::filesystem::exists(dir / "data/loudness.sqlite"));
}

TEST_CASE("preflight names a missing file with its playlist and line", "[cli][preflight]") {
  test::TempDir dir;
  write_tone(dir / "here.wav", -18, 20);
  const auto plan = write_plan(dir, {"here.wav", "gone.wav"}, 1);
  const Run run = preflight(plan.string() + " --data-dir " + (dir / "data").string());
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.output, (dir / "list.m3u8").string() + ":3:"));
  CHECK(contains(run.output, "gone.wav"));
  CHECK(contains(run.output, "problem"));
}

TEST_CASE("preflight flags a 10 LU jump that normalization cannot close", "[cli][preflight]") {
  test::TempDir dir;
  write_tone(dir / "steady.wav", -18, 20);
  // -28 LUFS with one click near full scale: its true peak leaves no headroom for a boost, so it
  // plays 10 LU under its neighbour.
  const float quiet = float(std::pow(10.0, -28.0 / 20.0));
  test::write_audio(dir / "quiet-with-click.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, 20 * kRate,
                    [quiet](std::int64_t frame, int) {
                      if (frame == 5 * kRate) return 0.95f;
                      return quiet * float(std::sin(2.0 * M_PI * 1000.0 * double(frame) / kRate));
                    });
  const auto plan = write_plan(dir, {"steady.wav", "quiet-with-click.wav"}, 0.75);
  const auto report = dir / "report.html";
  const Run run = preflight(plan.string() + " -o " + report.string() + " --data-dir " + (dir / "data").string());
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.output, "-10.0 LU from \"steady\" to \"quiet-with-click\""));
  CHECK(contains(read_file(report), "Loudness jumps"));
}

TEST_CASE("tracks made at -30, -18 and -8 LUFS play within 0.5 LU of the -18 LUFS target", "[cli][preflight]") {
  test::TempDir dir;
  write_tone(dir / "quiet.wav", -30, 20);
  write_tone(dir / "right.wav", -18, 20);
  write_tone(dir / "loud.wav", -8, 20);
  const auto plan = write_plan(dir, {"quiet.wav", "right.wav", "loud.wav"}, 1);
  const auto wav = dir / "session.wav";
  const Run run = preflight(plan.string() + " --wav " + wav.string() + " --data-dir " + (dir / "data").string());
  INFO(run.output);
  const auto audio = test::read_audio(wav);
  REQUIRE(audio.rate == kRate);
  // Each track's middle, clear of the joins.
  for (int track = 0; track < 3; ++track) {
    INFO("track " << track);
    CHECK(loudness_of(audio, track * 20.0 + 2.0, track * 20.0 + 18.0) == Approx(-18.0).margin(0.5));
  }
}

TEST_CASE("a session's ceiling from the plan holds inter-sample peaks under it", "[cli][preflight]") {
  test::TempDir dir;
  // Its peaks leave no room for a boost, so it plays as it is, and only the limiter stands
  // between those peaks and the ears.
  write_intersample_peaks(dir / "peaks.wav");
  const auto plan = write_plan(dir, {"peaks.wav"}, 0.5, "ceiling_dbtp = -3\n");
  const auto wav = dir / "session.wav";
  const Run run = preflight(plan.string() + " --wav " + wav.string() + " --data-dir " + (dir / "data").string());
  INFO(run.output);
  CHECK(contains(run.output, "ceiling -3.0 dBTP: held"));
  const auto audio = test::read_audio(wav);
  ebur128_state* meter = ebur128_init(2, unsigned(audio.rate), EBUR128_MODE_TRUE_PEAK);
  ebur128_add_frames_float(meter, audio.samples.data(), std::size_t(audio.frames()));
  double peak = 0.0;
  for (unsigned channel = 0; channel < 2; ++channel) {
    double channel_peak = 0.0;
    ebur128_true_peak(meter, channel, &channel_peak);
    peak = std::max(peak, channel_peak);
  }
  ebur128_destroy(&meter);
  CHECK(20.0 * std::log10(peak) <= -3.0);
  CHECK(20.0 * std::log10(peak) > -4.0);  // held at the ceiling, not silenced
}

TEST_CASE("a couples plan is preflighted for both listeners, each against their own ceiling", "[cli][preflight]") {
  test::TempDir dir;
  // Full-scale inter-sample peaks every second: both limiters have work to do.
  write_intersample_peaks(dir / "peaks.wav");
  const auto plan = write_plan(dir, {"peaks.wav"}, 0.5,
                               "ceiling_dbtp = -2\n"
                               "[[listener]]\nname = \"Alex\"\n"
                               "[[listener]]\nname = \"Sam\"\nceiling_dbtp = -6\n");
  const auto wav = dir / "session.wav";
  const Run run = preflight(plan.string() + " --wav " + wav.string() + " --data-dir " + (dir / "data").string());
  INFO(run.output);
  CHECK(contains(run.output, "ceiling -2.0 dBTP: held"));
  CHECK(contains(run.output, "second listener    Sam on channels 3-4"));
  CHECK(contains(run.output, "ceiling -6.0 dBTP: held"));

  // The WAV carries all four channels; each pair sits at its own ceiling, not under the other's.
  const auto audio = test::read_audio(wav);
  REQUIRE(audio.channels == 4);
  ebur128_state* meter = ebur128_init(4, unsigned(audio.rate), EBUR128_MODE_TRUE_PEAK);
  ebur128_add_frames_float(meter, audio.samples.data(), std::size_t(audio.frames()));
  std::array<double, 4> peak_db{};
  for (unsigned channel = 0; channel < 4; ++channel) {
    double peak = 0.0;
    ebur128_true_peak(meter, channel, &peak);
    peak_db[channel] = 20.0 * std::log10(peak);
  }
  ebur128_destroy(&meter);
  INFO("peaks " << peak_db[0] << " " << peak_db[1] << " " << peak_db[2] << " " << peak_db[3]);
  CHECK(std::max(peak_db[0], peak_db[1]) <= -2.0);
  CHECK(std::max(peak_db[0], peak_db[1]) > -3.0);
  CHECK(std::max(peak_db[2], peak_db[3]) <= -6.0);
  CHECK(std::max(peak_db[2], peak_db[3]) > -7.0);
}
