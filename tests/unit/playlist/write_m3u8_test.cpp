// write_m3u8: exact output, relative versus absolute paths, and reading it back unchanged.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "playlist_test_support.h"

using namespace holdspace::playlist;
using holdspace::playlist::test::read_file;
using holdspace::playlist::test::read_ok;
using holdspace::playlist::test::TempDir;
using holdspace::playlist::test::write_file;

namespace {
PlaylistEntry entry(std::filesystem::path path, std::string title, std::optional<double> seconds) {
  PlaylistEntry made;
  made.location = path.string();
  made.path = std::move(path);
  made.title = std::move(title);
  made.duration_seconds = seconds;
  return made;
}
}  // namespace

TEST_CASE("write_m3u8: #EXTINF with whole seconds, relative under the folder", "[playlist][write]") {
  TempDir dir;
  Playlist playlist;
  playlist.entries = {
      entry(dir / "music/An Ending.ogg", "Ascent", 261.5),
      entry("/srv/elsewhere/b.flac", "Elsewhere", 59.4),
      entry(dir / "c.wav", "", std::nullopt),
      entry(dir.path().parent_path() / "sibling/d.ogg", "Line\nbreak", -3.0),
      entry(dir / "#1 hit.ogg", "Hash", 1.0),
      entry(dir / "intro:a.ogg", "Colon", 2.0),
  };
  const auto out = dir / "out.m3u8";
  REQUIRE(write_m3u8(playlist, out).ok());
  CHECK(read_file(out) ==
        "#EXTM3U\n"
        "#EXTINF:262,Ascent\n"
        "music/An Ending.ogg\n"
        "#EXTINF:59,Elsewhere\n"
        "/srv/elsewhere/b.flac\n"
        "#EXTINF:-1,\n"
        "c.wav\n"
        "#EXTINF:-1,Line break\n" +
            (dir.path().parent_path() / "sibling/d.ogg").string() +
            "\n"
            "#EXTINF:1,Hash\n"
            "./#1 hit.ogg\n"
            "#EXTINF:2,Colon\n"
            "./intro:a.ogg\n");
  // Nothing left behind from the atomic replace.
  CHECK_FALSE(std::filesystem::exists(dir / "out.m3u8.holdspace-tmp"));
}

TEST_CASE("write_m3u8: what it writes reads back as the same playlist", "[playlist][write]") {
  TempDir dir;
  write_file(dir / "in/source.pls",
             "[playlist]\n"
             "File1=../music/Caf\xC3\xA9 \xE2\x99\xAA.ogg\n"
             "Title1=Caf\xC3\xA9\n"
             "Length1=200\n"
             "File2=file:///srv/abs%20path.flac\n"
             "Length2=-1\n"
             "File3=../music/sub/#3.ogg\n"
             "Title3=Third\n"
             "Length3=12\n");
  const Playlist original = read_ok(dir / "in/source.pls");
  REQUIRE(original.entries.size() == 3);

  const auto out = dir / "out.m3u8";  // a different folder: relative paths must be rewritten
  REQUIRE(write_m3u8(original, out).ok());
  const Playlist copy = read_ok(out);
  REQUIRE(copy.entries.size() == original.entries.size());
  CHECK(copy.problems.empty());
  for (std::size_t i = 0; i < copy.entries.size(); ++i) {
    INFO("entry " << i);
    CHECK(copy.entries[i].path == original.entries[i].path);
    CHECK(copy.entries[i].title == original.entries[i].title);
    CHECK(copy.entries[i].duration_seconds == original.entries[i].duration_seconds);
  }
  CHECK(copy.entries[0].location == "music/Caf\xC3\xA9 \xE2\x99\xAA.ogg");
  CHECK(copy.entries[1].location == "/srv/abs path.flac");
}

TEST_CASE("write_m3u8: replaces an existing file and keeps its mode, new files are owner-only",
          "[playlist][write]") {
  TempDir dir;
  Playlist playlist;
  playlist.entries = {entry(dir / "a.ogg", "A", 1.0)};

  const auto fresh = dir / "fresh.m3u8";
  REQUIRE(write_m3u8(playlist, fresh).ok());
  CHECK((std::filesystem::status(fresh).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));

  const auto existing = dir / "existing.m3u8";
  write_file(existing, "old content\n");
  std::filesystem::permissions(existing, std::filesystem::perms::owner_read |
                                             std::filesystem::perms::owner_write |
                                             std::filesystem::perms::group_read);
  REQUIRE(write_m3u8(playlist, existing).ok());
  CHECK(read_file(existing) == "#EXTM3U\n#EXTINF:1,A\na.ogg\n");
  CHECK((std::filesystem::status(existing).permissions() & std::filesystem::perms::group_read) ==
        std::filesystem::perms::group_read);
}

TEST_CASE("write_m3u8: a folder that does not exist is a clear error", "[playlist][write]") {
  TempDir dir;
  const auto out = dir / "missing-folder/out.m3u8";
  const auto status = write_m3u8(Playlist{}, out);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message == out.string() + ": cannot write playlist: No such file or directory");
}

TEST_CASE("write_m3u8: a name with a line break cannot be written", "[playlist][write]") {
  TempDir dir;
  Playlist playlist;
  playlist.entries = {entry(dir / "two\nlines.ogg", "", std::nullopt)};
  const auto status = write_m3u8(playlist, dir / "out.m3u8");
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.error().message, Catch::Contains("contains a line break"));
  CHECK_FALSE(std::filesystem::exists(dir / "out.m3u8"));
}
