// PLS reading through read_playlist: numbering, titles, lengths and the syntax slips people make.
#include <catch2/catch.hpp>

#include "playlist_test_support.h"

using namespace holdspace::playlist;
using holdspace::playlist::test::problem_texts;
using holdspace::playlist::test::read_ok;
using holdspace::playlist::test::TempDir;
using holdspace::playlist::test::write_file;

TEST_CASE("pls: entries follow N, not line order, with titles and lengths", "[playlist][pls]") {
  TempDir dir;
  write_file(dir / "session.pls",
             "[playlist]\n"                  // 1
             "NumberOfEntries=3\n"           // 2
             "File3=music/third.ogg\n"       // 3
             "Title3=Third\n"                // 4
             "Length3=-1\n"                  // 5
             "Title1=First\n"                // 6
             "File1=music/first.ogg\n"       // 7
             "Length1=245\n"                 // 8
             "file2=/srv/second.flac\n"      // 9
             "LENGTH2=90.5\n"                // 10
             "Version=2\n");                 // 11
  const Playlist playlist = read_ok(dir / "session.pls");
  CHECK(playlist.problems.empty());
  REQUIRE(playlist.entries.size() == 3);

  CHECK(playlist.entries[0].location == "music/first.ogg");
  CHECK(playlist.entries[0].path == dir.path() / "music/first.ogg");
  CHECK(playlist.entries[0].title == "First");
  REQUIRE(playlist.entries[0].duration_seconds);
  CHECK(*playlist.entries[0].duration_seconds == 245.0);
  CHECK(playlist.entries[0].line == 7);  // the line of its FileN=, not of TitleN=

  CHECK(playlist.entries[1].path == "/srv/second.flac");
  CHECK(playlist.entries[1].title.empty());
  REQUIRE(playlist.entries[1].duration_seconds);
  CHECK(*playlist.entries[1].duration_seconds == Approx(90.5));
  CHECK(playlist.entries[1].line == 9);

  CHECK(playlist.entries[2].title == "Third");
  CHECK_FALSE(playlist.entries[2].duration_seconds);  // -1 means unknown
  CHECK(playlist.entries[2].line == 3);
}

TEST_CASE("pls: gaps in numbering are fine, order is numeric not textual", "[playlist][pls]") {
  TempDir dir;
  write_file(dir / "gaps.pls",
             "[playlist]\n"
             "File10=ten.ogg\n"
             "File2=two.ogg\n"
             "File7=seven.ogg\n");
  const Playlist playlist = read_ok(dir / "gaps.pls");
  REQUIRE(playlist.entries.size() == 3);
  CHECK(playlist.entries[0].location == "two.ogg");
  CHECK(playlist.entries[1].location == "seven.ogg");
  CHECK(playlist.entries[2].location == "ten.ogg");
}

TEST_CASE("pls: syntax slips and URLs are problems with their lines", "[playlist][pls]") {
  TempDir dir;
  write_file(dir / "slips.pls",
             "[playlist]\n"                             // 1
             "File=forgot-the-number.ogg\n"             // 2
             "File1=one.ogg\n"                          // 3
             "just some words\n"                        // 4
             "File2=http://radio.example/stream\n"      // 5
             "Title2=A stream\n"                        // 6
             "File1=one-again.ogg\n"                    // 7
             "File3=\n"                                 // 8
             "Filex=letters.ogg\n"                      // 9
             "Length1=soon\n"                           // 10: lost advice, not a problem
             "NumberOfEntries=5\n");                    // 11
  const Playlist playlist = read_ok(dir / "slips.pls");
  REQUIRE(playlist.entries.size() == 1);
  CHECK(playlist.entries[0].location == "one.ogg");
  CHECK(playlist.entries[0].line == 3);
  CHECK_FALSE(playlist.entries[0].duration_seconds);
  CHECK(problem_texts(playlist.problems) ==
        std::vector<std::string>{
            "line 2: File entry without a number (expected File1=, File2=, ...): "
            "File=forgot-the-number.ogg",
            "line 4: not a PLS line (expected Key=value): just some words",
            "line 5: streams and URLs are not supported offline: http://radio.example/stream",
            "line 7: File1 appears twice; keeping line 3",
            "line 8: File3 is empty",
            "line 9: File entry without a number (expected File1=, File2=, ...): "
            "Filex=letters.ogg",
            "line 11: NumberOfEntries says 5 but the playlist lists 3 files"});
}

TEST_CASE("pls: CRLF, BOM, comments, other sections and file URIs", "[playlist][pls]") {
  TempDir dir;
  write_file(dir / "windows.pls",
             "\xEF\xBB\xBF[Playlist]\r\n"
             "; saved by an old player\r\n"
             "File1=file:///music/a%20b.ogg\r\n"
             "Title1=A B\r\n"
             "NumberOfEntries=1\r\n"
             "[other]\r\n"
             "File9=ignored.ogg\r\n");
  const Playlist playlist = read_ok(dir / "windows.pls");
  CHECK(playlist.problems.empty());
  REQUIRE(playlist.entries.size() == 1);
  CHECK(playlist.entries[0].path == "/music/a b.ogg");
  CHECK(playlist.entries[0].title == "A B");
  CHECK(playlist.entries[0].line == 3);
}

TEST_CASE("pls: a Latin-1 PLS is decoded, a UTF-8 one kept", "[playlist][pls]") {
  TempDir dir;
  write_file(dir / "latin1.pls", "[playlist]\nFile1=Se\xF1or.ogg\nTitle1=Se\xF1or\n");
  const Playlist latin1 = read_ok(dir / "latin1.pls");
  REQUIRE(latin1.entries.size() == 1);
  CHECK(latin1.entries[0].path == dir.path() / "Se\xC3\xB1or.ogg");
  CHECK(latin1.entries[0].title == "Se\xC3\xB1or");

  write_file(dir / "utf8.pls", "[playlist]\nFile1=\xE6\x97\xA5\xE6\x9C\xAC.ogg\n");
  const Playlist utf8 = read_ok(dir / "utf8.pls");
  REQUIRE(utf8.entries.size() == 1);
  CHECK(utf8.entries[0].path == dir.path() / "\xE6\x97\xA5\xE6\x9C\xAC.ogg");
}
