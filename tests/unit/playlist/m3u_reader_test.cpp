// M3U and M3U8 reading through read_playlist, one messy real-world case per section.
#include <catch2/catch.hpp>

#include "playlist_test_support.h"

using namespace holdspace::playlist;
using holdspace::playlist::test::problem_texts;
using holdspace::playlist::test::read_ok;
using holdspace::playlist::test::TempDir;
using holdspace::playlist::test::write_file;

TEST_CASE("m3u: #EXTINF names the next entry, comments and blank lines are skipped", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "set.m3u8",
             "#EXTM3U\n"
             "# chosen for the dosing phase\n"
             "\n"
             "#EXTINF:312,Brian Eno - An Ending (Ascent)\n"
             "music/ascent.ogg\n"
             "#EXTGRP:calm\n"
             "music/plain.ogg\n"
             "#EXTINF:-1,Unknown length\n"
             "music/unknown.ogg\n"
             "#EXTINF:61.5 tvg-id=\"a,b\",Attributes, then a comma\n"
             "music/attributes.ogg\n"
             "#EXTINF:200,Dangling advice with no entry after it\n");
  const Playlist playlist = read_ok(dir / "set.m3u8");

  REQUIRE(playlist.entries.size() == 4);
  CHECK(playlist.problems.empty());
  CHECK(playlist.source == dir / "set.m3u8");

  CHECK(playlist.entries[0].title == "Brian Eno - An Ending (Ascent)");
  REQUIRE(playlist.entries[0].duration_seconds);
  CHECK(*playlist.entries[0].duration_seconds == 312.0);
  CHECK(playlist.entries[0].line == 5);
  CHECK(playlist.entries[0].location == "music/ascent.ogg");
  CHECK(playlist.entries[0].path == dir.path() / "music/ascent.ogg");

  // No #EXTINF: the previous one must not leak onto it.
  CHECK(playlist.entries[1].title.empty());
  CHECK_FALSE(playlist.entries[1].duration_seconds);
  CHECK(playlist.entries[1].line == 7);

  CHECK(playlist.entries[2].title == "Unknown length");
  CHECK_FALSE(playlist.entries[2].duration_seconds);

  CHECK(playlist.entries[3].title == "Attributes, then a comma");
  REQUIRE(playlist.entries[3].duration_seconds);
  CHECK(*playlist.entries[3].duration_seconds == Approx(61.5));
}

TEST_CASE("m3u: relative paths resolve against the playlist folder, absolute ones stay", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "lists/evening.m3u",
             "../music/a.ogg\n"
             "./b.flac\n"
             "sub/../c.wav\n"
             "/srv/music/d.ogg\n");
  const Playlist playlist = read_ok(dir / "lists/evening.m3u");
  REQUIRE(playlist.entries.size() == 4);
  CHECK(playlist.entries[0].path == dir.path() / "music/a.ogg");
  CHECK(playlist.entries[1].path == dir.path() / "lists/b.flac");
  CHECK(playlist.entries[2].path == dir.path() / "lists/c.wav");
  CHECK(playlist.entries[3].path == "/srv/music/d.ogg");
  for (const PlaylistEntry& entry : playlist.entries) CHECK(entry.path.is_absolute());
}

TEST_CASE("m3u: a relative playlist path still yields absolute entries", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "rel.m3u8", "track.ogg\n");
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const auto result = read_playlist("rel.m3u8");
  std::filesystem::current_path(previous);
  REQUIRE(result.ok());
  REQUIRE(result->entries.size() == 1);
  CHECK(result->entries[0].path == std::filesystem::canonical(dir.path()) / "track.ogg");
}

TEST_CASE("m3u: file:// URIs are percent-decoded, with or without localhost", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "uris.m3u8",
             "file:///music/a%20b.ogg\n"
             "file://localhost/music/caf%C3%A9.flac\n"
             "FILE:///music/upper%2dcase%zz.ogg\n"
             "file:/music/single-slash.ogg\n"
             "file://nas/share/remote.ogg\n"
             "plain%20path.ogg\n");
  const Playlist playlist = read_ok(dir / "uris.m3u8");
  REQUIRE(playlist.entries.size() == 5);
  CHECK(playlist.entries[0].path == "/music/a b.ogg");
  CHECK(playlist.entries[0].location == "file:///music/a%20b.ogg");
  CHECK(playlist.entries[1].path == "/music/caf\xC3\xA9.flac");
  // A '%' without two hex digits after it is kept as written.
  CHECK(playlist.entries[2].path == "/music/upper-case%zz.ogg");
  CHECK(playlist.entries[3].path == "/music/single-slash.ogg");
  // In a plain path "%20" is three real characters: only URIs are percent-encoded.
  CHECK(playlist.entries[4].path == dir.path() / "plain%20path.ogg");

  CHECK(problem_texts(playlist.problems) ==
        std::vector<std::string>{
            "line 5: files on another computer are not supported offline: "
            "file://nas/share/remote.ogg"});
}

TEST_CASE("m3u: URLs become problems with their line and are left out", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "mixed.m3u",
             "#EXTM3U\n"
             "#EXTINF:100,Local\n"
             "local.ogg\n"
             "http://radio.example/stream.mp3\n"
             "#EXTINF:-1,Secure stream\n"
             "https://radio.example/live\n"
             "rtsp://camera.example/feed\n"
             "after.ogg\n");
  const Playlist playlist = read_ok(dir / "mixed.m3u");
  REQUIRE(playlist.entries.size() == 2);
  CHECK(playlist.entries[0].location == "local.ogg");
  CHECK(playlist.entries[1].location == "after.ogg");
  // The stream's #EXTINF must not move on to the next local file.
  CHECK(playlist.entries[1].title.empty());
  CHECK(problem_texts(playlist.problems) ==
        std::vector<std::string>{
            "line 4: streams and URLs are not supported offline: http://radio.example/stream.mp3",
            "line 6: streams and URLs are not supported offline: https://radio.example/live",
            "line 7: streams and URLs are not supported offline: rtsp://camera.example/feed"});
}

TEST_CASE("m3u: CRLF, a lone CR and a UTF-8 BOM are absorbed", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "windows.m3u8",
             "\xEF\xBB\xBF#EXTM3U\r\n"
             "#EXTINF:10,First\r\n"
             "first.ogg\r\n"
             "\r\n"
             "second.ogg  \r\n");
  const Playlist windows = read_ok(dir / "windows.m3u8");
  REQUIRE(windows.entries.size() == 2);
  CHECK(windows.entries[0].location == "first.ogg");
  CHECK(windows.entries[0].title == "First");
  CHECK(windows.entries[0].line == 3);
  CHECK(windows.entries[1].location == "second.ogg");
  CHECK(windows.entries[1].line == 5);

  // A BOM on a file with no header must not become part of the first file name.
  write_file(dir / "bom.m3u8", "\xEF\xBB\xBF" "only.ogg\n");
  const Playlist bom = read_ok(dir / "bom.m3u8");
  REQUIRE(bom.entries.size() == 1);
  CHECK(bom.entries[0].path == dir.path() / "only.ogg");

  write_file(dir / "classic-mac.m3u", "one.ogg\rtwo.ogg\r");
  const Playlist mac = read_ok(dir / "classic-mac.m3u");
  REQUIRE(mac.entries.size() == 2);
  CHECK(mac.entries[1].location == "two.ogg");
  CHECK(mac.entries[1].line == 2);
}

TEST_CASE("m3u: non-ASCII names in UTF-8 are kept byte for byte", "[playlist][m3u]") {
  TempDir dir;
  const std::string name = "Arvo P\xC3\xA4rt \xE2\x80\x93 Spiegel im Spiegel \xE9\x9D\x99.flac";
  write_file(dir / "\xC3\xA9t\xC3\xA9.m3u8",
             "#EXTINF:600,\xC3\x89t\xC3\xA9 \xE2\x99\xAA\n" + name + "\n");
  const Playlist playlist = read_ok(dir / "\xC3\xA9t\xC3\xA9.m3u8");
  REQUIRE(playlist.entries.size() == 1);
  CHECK(playlist.entries[0].title == "\xC3\x89t\xC3\xA9 \xE2\x99\xAA");
  CHECK(playlist.entries[0].location == name);
  CHECK(playlist.entries[0].path == dir.path() / name);
}

TEST_CASE("m3u: a legacy .m3u that is not UTF-8 is read as Latin-1", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "legacy.m3u",
             "#EXTINF:200,Caf\xE9 del Mar\n"
             "Caf\xE9/Se\xF1or.mp3\n");
  const Playlist playlist = read_ok(dir / "legacy.m3u");
  REQUIRE(playlist.entries.size() == 1);
  CHECK(playlist.entries[0].title == "Caf\xC3\xA9 del Mar");
  CHECK(playlist.entries[0].location == "Caf\xC3\xA9/Se\xC3\xB1or.mp3");
  CHECK(playlist.entries[0].path == dir.path() / "Caf\xC3\xA9/Se\xC3\xB1or.mp3");
  CHECK(playlist.problems.empty());
}

TEST_CASE("m3u8: a line that is not UTF-8 is a problem, the rest is kept", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "broken.m3u8", "good.ogg\nCaf\xE9.ogg\nalso-good.ogg\n");
  const Playlist playlist = read_ok(dir / "broken.m3u8");
  REQUIRE(playlist.entries.size() == 2);
  CHECK(playlist.entries[1].location == "also-good.ogg");
  REQUIRE(playlist.problems.size() == 1);
  CHECK(playlist.problems[0].line == 2);
  CHECK_THAT(playlist.problems[0].message, Catch::Contains("not valid UTF-8"));
}

TEST_CASE("m3u: Windows paths and colons in names stay as written", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "odd.m3u",
             "music\\calm\\a.mp3\n"
             "C:\\Music\\b.mp3\n"
             "Intro: Breath.ogg\n");
  const Playlist playlist = read_ok(dir / "odd.m3u");
  REQUIRE(playlist.entries.size() == 3);
  CHECK(playlist.problems.empty());
  CHECK(playlist.entries[0].location == "music\\calm\\a.mp3");
  CHECK(playlist.entries[0].path == dir.path() / "music\\calm\\a.mp3");
  // A drive letter is not a URL scheme.
  CHECK(playlist.entries[1].location == "C:\\Music\\b.mp3");
  // A colon is a legal character in a file name; without "//" it is not a URL.
  CHECK(playlist.entries[2].path == dir.path() / "Intro: Breath.ogg");
}

TEST_CASE("m3u: an empty playlist reads as no entries and no problems", "[playlist][m3u]") {
  TempDir dir;
  write_file(dir / "empty.m3u8", "");
  write_file(dir / "header-only.m3u8", "#EXTM3U\n\n");
  CHECK(read_ok(dir / "empty.m3u8").entries.empty());
  const Playlist header_only = read_ok(dir / "header-only.m3u8");
  CHECK(header_only.entries.empty());
  CHECK(header_only.problems.empty());
}
