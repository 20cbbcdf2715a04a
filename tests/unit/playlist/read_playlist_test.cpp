// read_playlist as a whole: choosing the format, and the playlists it refuses outright.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "playlist_test_support.h"

using namespace holdspace::playlist;
using holdspace::playlist::test::read_ok;
using holdspace::playlist::test::TempDir;
using holdspace::playlist::test::write_file;

namespace {
const std::string kM3u = "#EXTM3U\n#EXTINF:5,Sniffed\na.ogg\n";
const std::string kPls = "[playlist]\nFile1=a.ogg\nTitle1=Sniffed\n";
const std::string kXspf =
    "<?xml version=\"1.0\"?>\n<playlist xmlns=\"http://xspf.org/ns/0/\"><trackList>\n"
    "<track><location>a.ogg</location><title>Sniffed</title></track></trackList></playlist>\n";
}  // namespace

TEST_CASE("read_playlist: the extension picks the format, in any case", "[playlist]") {
  TempDir dir;
  for (const char* name : {"A.M3U", "b.M3u8", "c.PLS", "d.XSPF"}) {
    const std::string extension = std::filesystem::path(name).extension().string();
    const std::string& content = (extension == ".PLS")    ? kPls
                                 : (extension == ".XSPF") ? kXspf
                                                          : kM3u;
    write_file(dir / name, content);
    const Playlist playlist = read_ok(dir / name);
    INFO(name);
    REQUIRE(playlist.entries.size() == 1);
    CHECK(playlist.entries[0].path == dir.path() / "a.ogg");
    CHECK(playlist.entries[0].title == "Sniffed");
  }
}

TEST_CASE("read_playlist: an unknown extension falls back to the content", "[playlist]") {
  TempDir dir;
  write_file(dir / "m3u.txt", "\xEF\xBB\xBF" + kM3u);
  write_file(dir / "pls.ini", "\n  " + kPls);
  write_file(dir / "xspf.xml", kXspf);
  write_file(dir / "no-extension", kPls);
  for (const char* name : {"m3u.txt", "pls.ini", "xspf.xml", "no-extension"}) {
    INFO(name);
    const Playlist playlist = read_ok(dir / name);
    REQUIRE(playlist.entries.size() == 1);
    CHECK(playlist.entries[0].title == "Sniffed");
  }
}

TEST_CASE("read_playlist: content of no known format is refused with a hint", "[playlist]") {
  TempDir dir;
  write_file(dir / "notes.txt", "buy milk\nmusic/a.ogg\n");
  const auto result = read_playlist(dir / "notes.txt");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message == (dir / "notes.txt").string() +
                                      ": not a playlist holdspace can read (use .m3u8, .pls or .xspf)");

  write_file(dir / "blank.cue", "");
  REQUIRE_FALSE(read_playlist(dir / "blank.cue").ok());
}

TEST_CASE("read_playlist: an audio file given as a playlist is refused, not listed", "[playlist]") {
  TempDir dir;
  holdspace::playlist::test::write_wav(dir / "track.wav", 0.1);
  const auto as_wav = read_playlist(dir / "track.wav");
  REQUIRE_FALSE(as_wav.ok());
  CHECK_THAT(as_wav.error().message, Catch::EndsWith("not a playlist holdspace can read (use .m3u8, .pls or .xspf)"));

  // Renamed to .m3u, its bytes still hold NULs: binary, not a list of paths.
  std::filesystem::copy_file(dir / "track.wav", dir / "renamed.m3u");
  const auto renamed = read_playlist(dir / "renamed.m3u");
  REQUIRE_FALSE(renamed.ok());
  CHECK_THAT(renamed.error().message, Catch::Contains("not a playlist holdspace can read"));
}

TEST_CASE("read_playlist: a missing playlist, a folder or a FIFO fails with one clear line", "[playlist]") {
  TempDir dir;
  const auto missing = read_playlist(dir / "nowhere.m3u8");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == (dir / "nowhere.m3u8").string() + ": playlist not found");

  std::filesystem::create_directory(dir / "folder.m3u");
  const auto folder = read_playlist(dir / "folder.m3u");
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().message == (dir / "folder.m3u").string() + ": is a folder, not a playlist file");

  // Reading a FIFO would wait forever for a writer.
  REQUIRE(::mkfifo((dir / "pipe.m3u").c_str(), 0600) == 0);
  const auto pipe = read_playlist(dir / "pipe.m3u");
  REQUIRE_FALSE(pipe.ok());
  CHECK(pipe.error().message == (dir / "pipe.m3u").string() + ": not a regular file, so not a playlist");
}

TEST_CASE("read_playlist: a UTF-16 playlist gets advice instead of garbage", "[playlist]") {
  TempDir dir;
  write_file(dir / "notepad.m3u", std::string("\xFF\xFE" "a\0.\0o\0g\0g\0", 12));
  const auto result = read_playlist(dir / "notepad.m3u");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        (dir / "notepad.m3u").string() + ": saved as UTF-16; save it as UTF-8 and try again");
}

TEST_CASE("read_playlist: problems come sorted by line", "[playlist]") {
  TempDir dir;
  // PLS finds URL problems after reading every line; they still come out in line order.
  write_file(dir / "order.pls",
             "[playlist]\n"
             "File1=http://a.example/\n"
             "nonsense\n"
             "File2=http://b.example/\n");
  const Playlist playlist = read_ok(dir / "order.pls");
  REQUIRE(playlist.problems.size() == 3);
  CHECK(playlist.problems[0].line == 2);
  CHECK(playlist.problems[1].line == 3);
  CHECK(playlist.problems[2].line == 4);
}

TEST_CASE("format_problem: a line number when there is one", "[playlist]") {
  CHECK(format_problem({4, "streams and URLs are not supported offline: http://x/"}) ==
        "line 4: streams and URLs are not supported offline: http://x/");
  CHECK(format_problem({0, "no playable tracks in this playlist"}) ==
        "no playable tracks in this playlist");
}
