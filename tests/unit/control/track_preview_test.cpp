// The Prepare view's preview, on an engine driven by hand (no device): the track is heard at
// the preview level, fades in rather than jumping, fades out on stop, and then leaves the mixer
// free for a session.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "audio/audio_engine.h"
#include "control/track_preview.h"
#include "support/test_audio.h"

using namespace holdspace;

namespace {

using holdspace::test::kRate;
constexpr int kBlock = 480;  // 10 ms

// Runs the engine for `seconds` and returns the output's peak in each 10 ms block.
std::vector<float> run(audio::AudioEngine& engine, control::TrackPreview& preview, double seconds) {
  std::vector<float> peaks;
  std::vector<float> block(kBlock * 2);
  for (int i = 0; i < int(seconds * kRate / kBlock); ++i) {
    engine.decoder().fill_all();
    engine.mixer().process(block.data(), kBlock, 2);
    preview.poll();
    float peak = 0.0f;
    for (float sample : block) peak = std::max(peak, std::fabs(sample));
    peaks.push_back(peak);
  }
  return peaks;
}

}  // namespace

TEST_CASE("a preview plays quietly, fades in and out, then frees the engine", "[preview]") {
  test::TempDir dir;
  const auto tone = dir / "tone.wav";
  test::write_audio(tone, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate, 2, kRate * 5, test::sine(440, kRate, 0.5f));
  audio::AudioEngine engine({kRate, 4.0});
  control::TrackPreview preview(engine);
  REQUIRE(preview.play(tone).ok());
  CHECK(preview.playing());

  const auto start = run(engine, preview, 1.0);
  const float level = 0.5f * std::pow(10.0f, float(control::TrackPreview::kLevelDb) / 20.0f);
  CHECK(start.front() < level * 0.5f);            // the first 10 ms are still fading in
  CHECK(start.back() == Approx(level).epsilon(0.02));  // then steady at the preview level
  CHECK(*std::max_element(start.begin(), start.end()) <= level * 1.02f);

  preview.stop();
  CHECK_FALSE(preview.playing());
  const auto end = run(engine, preview, 0.6);
  CHECK(end.front() > level * 0.5f);  // no cut: it is still fading
  CHECK(end.back() == 0.0f);
  CHECK(preview.idle());
}

TEST_CASE("a file that is not audio is refused with its reason", "[preview]") {
  test::TempDir dir;
  const auto text = dir / "notes.wav";
  std::FILE* file = std::fopen(text.c_str(), "w");
  std::fputs("not audio\n", file);
  std::fclose(file);
  audio::AudioEngine engine({kRate, 4.0});
  control::TrackPreview preview(engine);
  auto played = preview.play(text);
  REQUIRE_FALSE(played.ok());
  CHECK(played.error().message.find("notes.wav") != std::string::npos);
}
