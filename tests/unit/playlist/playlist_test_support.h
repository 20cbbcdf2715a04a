// Helpers for the playlist tests: a fresh folder per test, files with exact bytes, short WAVs.
#pragma once

#include <sndfile.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "playlist/playlist.h"
#include "support/kept_test_files.h"
#include "support/test_audio.h"

namespace holdspace::playlist::test {

using holdspace::test::TempDir;

using holdspace::test::write_file;

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A real, quiet stereo sine, so the checker meets a file libsndfile genuinely decodes.
inline void write_wav(const std::filesystem::path& path, double seconds, int rate = 44100) {
  std::filesystem::create_directories(path.parent_path());
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 2;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  REQUIRE(file != nullptr);
  const auto frames = static_cast<sf_count_t>(std::llround(seconds * rate));
  std::vector<float> samples(static_cast<std::size_t>(frames) * 2);
  for (sf_count_t i = 0; i < frames; ++i) {
    const float value = 0.1f * static_cast<float>(std::sin(2.0 * std::numbers::pi * 440.0 * double(i) / rate));
    samples[static_cast<std::size_t>(i) * 2] = value;
    samples[static_cast<std::size_t>(i) * 2 + 1] = value;
  }
  CHECK(sf_writef_float(file, samples.data(), frames) == frames);
  sf_close(file);
}

// read_playlist that must succeed; on failure the test shows the message.
inline Playlist read_ok(const std::filesystem::path& path) {
  Result<Playlist> result = read_playlist(path);
  INFO((result.ok() ? std::string("ok") : result.error().message));
  REQUIRE(result.ok());
  return std::move(result).value();
}

inline std::vector<std::string> problem_texts(const std::vector<PlaylistProblem>& problems) {
  std::vector<std::string> texts;
  for (const PlaylistProblem& problem : problems) texts.push_back(format_problem(problem));
  return texts;
}

}  // namespace holdspace::playlist::test
