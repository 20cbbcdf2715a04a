// measure_file against signals whose loudness and true peak are known from EBU Tech 3341, and
// against files that cannot be measured.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numbers>

#include "loudness/loudness.h"
#include "unit/loudness/loudness_test_files.h"

using namespace holdspace;

namespace {

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == std::string::npos; }

}  // namespace

TEST_CASE("a stereo 1 kHz sine measures its EBU Tech 3341 loudness", "[loudness]") {
  const double dbfs = GENERATE(-23.0, -33.0);
  const int rate = GENERATE(44100, 48000);
  test::TempDir dir;
  const auto file = dir / "tone.wav";
  test::write_tone(file, dbfs, 20.0, rate);
  auto measured = loudness::measure_file(file);
  REQUIRE(measured.ok());
  CHECK(measured->integrated_lufs == Approx(dbfs).margin(0.1));
  CHECK(measured->range_lu == Approx(0.0).margin(0.1));  // a steady tone has no range
  CHECK(measured->true_peak_dbtp == Approx(dbfs).margin(0.2));
  CHECK(measured->seconds == Approx(20.0).margin(1e-9));
}

TEST_CASE("a mono file is measured as the engine plays it, in both ears", "[loudness]") {
  test::TempDir dir;
  test::write_audio(dir / "mono.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 1, 48000 * 10,
                    test::sine(1000.0, 48000, float(std::pow(10.0, -23.0 / 20.0))));
  auto measured = loudness::measure_file(dir / "mono.wav");
  REQUIRE(measured.ok());
  CHECK(measured->integrated_lufs == Approx(-23.0).margin(0.1));
}

TEST_CASE("an Ogg Vorbis tone measures through the decoder", "[loudness]") {
  test::TempDir dir;
  test::write_audio(dir / "tone.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 2, 44100 * 10,
                    test::sine(1000.0, 44100, float(std::pow(10.0, -20.0 / 20.0))));
  auto measured = loudness::measure_file(dir / "tone.ogg");
  REQUIRE(measured.ok());
  CHECK(measured->integrated_lufs == Approx(-20.0).margin(0.1));
}

TEST_CASE("the true peak finds the peak between samples", "[loudness]") {
  // fs/4 at 45 degrees: every sample is +-0.707 (-3 dBFS), but the wave between them reaches 1.0
  // (0 dBTP). EBU Tech 3341 allows +0.2 / -0.4 dB.
  test::TempDir dir;
  const auto file = dir / "intersample.wav";
  test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 5, [](std::int64_t frame, int) {
    return float(std::sin(2.0 * std::numbers::pi * double(frame) / 4.0 + std::numbers::pi / 4.0));
  });
  const auto samples = test::read_audio(file);
  float sample_peak = 0.0f;
  for (const float s : samples.samples) sample_peak = std::max(sample_peak, std::abs(s));
  REQUIRE(20.0 * std::log10(sample_peak) == Approx(-3.01).margin(0.01));

  auto measured = loudness::measure_file(file);
  REQUIRE(measured.ok());
  CHECK(measured->true_peak_dbtp <= 0.2);
  CHECK(measured->true_peak_dbtp >= -0.4);
}

TEST_CASE("silence cannot be measured, and says so naming the file", "[loudness]") {
  test::TempDir dir;
  const float level = GENERATE(0.0f, 0.0001f);  // digital silence, and a tone at -80 dBFS
  const auto file = dir / "quiet.wav";
  test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 5,
                    level == 0.0f ? test::constant(0.0f) : test::sine(1000.0, 48000, level));
  auto measured = loudness::measure_file(file);
  REQUIRE_FALSE(measured.ok());
  CHECK(measured.error().message == file.string() + ": silent: nothing above -70 LUFS to measure");
}

TEST_CASE("absurd and broken sample values are refused, naming the file", "[loudness]") {
  test::TempDir dir;
  const auto file = dir / "broken.wav";
  SECTION("far beyond full scale") {
    test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 5, test::sine(1000.0, 48000, 100.0f));
  }
  SECTION("an infinite sample") {
    test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 5, [](std::int64_t frame, int) {
      return frame == 48000 ? INFINITY : 0.3f * float(std::sin(double(frame) * 0.1));
    });
  }
  auto measured = loudness::measure_file(file);
  REQUIRE_FALSE(measured.ok());
  INFO(measured.error().message);
  CHECK(measured.error().message.rfind(file.string() + ": ", 0) == 0);
  CHECK(measured.error().message.find("damaged") != std::string::npos);
  CHECK(one_line(measured.error().message));
}

TEST_CASE("a NaN sample does not make the measurement a NaN", "[loudness]") {
  // libebur128 passes over NaN samples; what it measures of the rest must be a real number.
  test::TempDir dir;
  const auto file = dir / "nan.wav";
  test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 48000 * 5, [](std::int64_t frame, int) {
    return frame % 9600 == 0 ? std::nanf("") : 0.3f * float(std::sin(double(frame) * 0.1));
  });
  auto measured = loudness::measure_file(file);
  if (measured.ok()) {
    CHECK(std::isfinite(measured->integrated_lufs));
    CHECK(std::isfinite(measured->true_peak_dbtp));
    CHECK(std::isfinite(measured->range_lu));
  } else {
    CHECK(measured.error().message.rfind(file.string() + ": ", 0) == 0);
  }
}

TEST_CASE("a file that is not audio, or is missing, is one line naming it", "[loudness]") {
  test::TempDir dir;
  const auto text = dir / "notes.wav";
  std::ofstream(text) << "these are the therapist's notes, not audio\n";
  auto not_audio = loudness::measure_file(text);
  REQUIRE_FALSE(not_audio.ok());
  CHECK(not_audio.error().message.rfind(text.string() + ": not an audio file", 0) == 0);
  CHECK(one_line(not_audio.error().message));

  const auto missing = dir / "gone.flac";
  auto absent = loudness::measure_file(missing);
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().message == missing.string() + ": file not found");

  auto folder = loudness::measure_file(dir.path());
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().message.rfind(dir.path().string() + ": ", 0) == 0);
}

TEST_CASE("a cancelled measurement stops and says so", "[loudness]") {
  test::TempDir dir;
  test::write_tone(dir / "tone.wav", -20.0, 5.0);
  const std::atomic<bool> cancel{true};
  auto measured = loudness::measure_file(dir / "tone.wav", &cancel);
  REQUIRE_FALSE(measured.ok());
  CHECK(measured.error().message == (dir / "tone.wav").string() + ": analysis cancelled");
}

TEST_CASE("the analyser version names the method and libebur128", "[loudness]") {
  CHECK(loudness::analyser_version().rfind("holdspace-", 0) == 0);
  CHECK(loudness::analyser_version().find("libebur128-1.") != std::string::npos);
}
