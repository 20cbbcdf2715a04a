// expand_dropped_paths: what the Prepare view adds when a therapist drops files, folders and
// playlists from the file manager, and the one-line problems it shows for what it cannot use.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "prepare/dropped_files.h"
#include "support/test_audio.h"
#include "unit/prepare/prepare_test_files.h"

using holdspace::prepare::expand_dropped_paths;
using holdspace::prepare::ExpandedDrop;
using holdspace::test::TempDir;
namespace fs = std::filesystem;

using holdspace::test::contains;
using holdspace::test::write_file;
using holdspace::test::write_tone;

namespace {

}  // namespace

TEST_CASE("expand_dropped_paths: a folder gives its audio files, subfolders included, sorted", "[prepare]") {
  TempDir dir("holdspace-prepare");
  const fs::path album = dir / "album";
  write_tone(album / "02 Second.WAV", 0.1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  write_tone(album / "01 first.flac", 0.1, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
  write_tone(album / "extra/03 third.Flac", 0.1, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
  write_file(album / "notes.txt", "liner notes");
  write_file(album / "cover.jpg", "not audio");

  const ExpandedDrop drop = expand_dropped_paths({album});

  CHECK(drop.files == std::vector<fs::path>{album / "01 first.flac", album / "02 Second.WAV",
                                            album / "extra/03 third.Flac"});
  CHECK(drop.problems.empty());
}

// An album numbered without leading zeros must play 1, 2, 10 as a file manager shows it, not
// 1, 10, 2 as a byte-by-byte sort would.
TEST_CASE("expand_dropped_paths: a folder numbered without leading zeros comes in track order",
          "[prepare]") {
  TempDir dir("holdspace-prepare");
  const fs::path album = dir / "album";
  for (const char* name : {"Track 1.wav", "Track 2.wav", "Track 10.wav"}) {
    write_tone(album / name, 0.1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  }

  const ExpandedDrop drop = expand_dropped_paths({album});

  CHECK(drop.files == std::vector<fs::path>{album / "Track 1.wav", album / "Track 2.wav", album / "Track 10.wav"});
}

TEST_CASE("expand_dropped_paths: a folder without audio gives one problem line naming it", "[prepare]") {
  TempDir dir("holdspace-prepare");
  fs::create_directories(dir / "empty");
  write_file(dir / "texts/readme.txt", "no music here");

  const ExpandedDrop drop = expand_dropped_paths({dir / "empty", dir / "texts"});

  CHECK(drop.files.empty());
  REQUIRE(drop.problems.size() == 2);
  CHECK(drop.problems[0] == "no audio files in " + (dir / "empty").string());
  CHECK(drop.problems[1] == "no audio files in " + (dir / "texts").string());
}

TEST_CASE("expand_dropped_paths: a playlist gives its entries in playlist order", "[prepare]") {
  TempDir dir("holdspace-prepare");
  write_tone(dir / "b.wav", 0.1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  write_tone(dir / "sub/a.wav", 0.1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  write_file(dir / "evening.m3u8", "#EXTM3U\n#EXTINF:1,B\nb.wav\nsub/a.wav\n");

  const ExpandedDrop drop = expand_dropped_paths({dir / "evening.m3u8"});

  CHECK(drop.files == std::vector<fs::path>{dir / "b.wav", dir / "sub/a.wav"});
  CHECK(drop.problems.empty());
}

TEST_CASE("expand_dropped_paths: a playlist's bad lines are named with the playlist and line", "[prepare]") {
  TempDir dir("holdspace-prepare");
  write_tone(dir / "a.wav", 0.1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  write_file(dir / "mixed.m3u8", "#EXTM3U\na.wav\nhttp://radio.example/stream\n");

  const ExpandedDrop drop = expand_dropped_paths({dir / "mixed.m3u8"});

  CHECK(drop.files == std::vector<fs::path>{dir / "a.wav"});
  REQUIRE(drop.problems.size() == 1);
  CHECK(drop.problems[0].starts_with("mixed.m3u8: line 3: "));
  CHECK(contains(drop.problems[0], "http://radio.example/stream"));
}

TEST_CASE("expand_dropped_paths: a missing or unreadable playlist gives one problem line", "[prepare]") {
  TempDir dir("holdspace-prepare");
  write_file(dir / "notes.m3u8", std::string("\xFF\xFE" "a\0.\0w\0a\0v\0", 12));  // UTF-16, refused

  const ExpandedDrop drop = expand_dropped_paths({dir / "gone.m3u8", dir / "notes.m3u8"});

  CHECK(drop.files.empty());
  REQUIRE(drop.problems.size() == 2);
  CHECK(drop.problems[0] == (dir / "gone.m3u8").string() + ": playlist not found");
  CHECK(drop.problems[1].starts_with((dir / "notes.m3u8").string() + ": "));
  for (const std::string& problem : drop.problems) CHECK(problem.find('\n') == std::string::npos);
}

TEST_CASE("expand_dropped_paths: files pass through as dropped, in drop order", "[prepare]") {
  TempDir dir("holdspace-prepare");
  write_tone(dir / "z.wav", 0.1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  write_tone(dir / "folder/m.wav", 0.1, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  write_file(dir / "readme.txt", "not audio");

  // Files are not probed here: a missing file or a text file is named when it is added.
  const ExpandedDrop drop =
      expand_dropped_paths({dir / "z.wav", dir / "folder", dir / "readme.txt", dir / "missing.flac"});

  CHECK(drop.files ==
        std::vector<fs::path>{dir / "z.wav", dir / "folder/m.wav", dir / "readme.txt", dir / "missing.flac"});
  CHECK(drop.problems.empty());
}

TEST_CASE("has_audio_extension and has_playlist_extension ignore case", "[prepare]") {
  using holdspace::prepare::has_audio_extension;
  using holdspace::prepare::has_playlist_extension;
  for (const char* name : {"a.wav", "a.WAV", "a.Flac", "a.ogg", "a.OPUS", "a.mp3", "a.aiff"}) {
    INFO(name);
    CHECK(has_audio_extension(name));
    CHECK_FALSE(has_playlist_extension(name));
  }
  for (const char* name : {"a.m3u", "a.M3U8", "a.pls", "a.XSPF"}) {
    INFO(name);
    CHECK(has_playlist_extension(name));
    CHECK_FALSE(has_audio_extension(name));
  }
  for (const char* name : {"a.txt", "a.jpg", "wav", "a.wav.txt"}) {
    INFO(name);
    CHECK_FALSE(has_audio_extension(name));
    CHECK_FALSE(has_playlist_extension(name));
  }
}
