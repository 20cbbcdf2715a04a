// XSPF reading through read_playlist: URIs, line numbers, and XML that is broken or not XSPF.
#include <catch2/catch.hpp>

#include "playlist_test_support.h"

using namespace holdspace::playlist;
using holdspace::playlist::test::problem_texts;
using holdspace::playlist::test::read_ok;
using holdspace::playlist::test::TempDir;
using holdspace::playlist::test::write_file;

TEST_CASE("xspf: tracks with locations, titles, durations and their lines", "[playlist][xspf]") {
  TempDir dir;
  write_file(dir / "calm.xspf",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                       // 1
             "<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n"         // 2
             "  <title>Calm</title>\n"                                            // 3
             "  <trackList>\n"                                                    // 4
             "    <track>\n"                                                      // 5
             "      <title>Ascent</title>\n"                                      // 6
             "      <location>file:///music/An%20Ending.ogg</location>\n"         // 7
             "      <duration>261500</duration>\n"                                // 8
             "    </track>\n"                                                     // 9
             "    <track>\n"                                                      // 10
             "      <location>\n        music/Caf%C3%A9 &amp; Bar.flac\n      </location>\n"  // 11-13
             "    </track>\n"                                                     // 14
             "    <track><location>http://radio.example/live</location></track>\n"  // 15
             "    <track>\n"                                                      // 16
             "      <title>No location</title>\n"                                 // 17
             "    </track>\n"                                                     // 18
             "    <track><location>/srv/abs.wav</location><duration>x</duration></track>\n"  // 19
             "  </trackList>\n"
             "</playlist>\n");
  const Playlist playlist = read_ok(dir / "calm.xspf");
  REQUIRE(playlist.entries.size() == 3);

  CHECK(playlist.entries[0].path == "/music/An Ending.ogg");
  CHECK(playlist.entries[0].location == "file:///music/An%20Ending.ogg");
  CHECK(playlist.entries[0].title == "Ascent");
  REQUIRE(playlist.entries[0].duration_seconds);
  CHECK(*playlist.entries[0].duration_seconds == Approx(261.5));
  CHECK(playlist.entries[0].line == 7);

  // A relative URI reference: decoded, entity-unescaped, resolved against the playlist folder.
  CHECK(playlist.entries[1].path == dir.path() / "music/Caf\xC3\xA9 & Bar.flac");
  CHECK(playlist.entries[1].line == 11);
  CHECK_FALSE(playlist.entries[1].duration_seconds);

  CHECK(playlist.entries[2].path == "/srv/abs.wav");
  CHECK(playlist.entries[2].line == 19);
  CHECK_FALSE(playlist.entries[2].duration_seconds);

  CHECK(problem_texts(playlist.problems) ==
        std::vector<std::string>{
            "line 15: streams and URLs are not supported offline: http://radio.example/live",
            "line 16: track has no <location>"});
}

TEST_CASE("xspf: the first usable of several locations wins", "[playlist][xspf]") {
  TempDir dir;
  write_file(dir / "alt.xspf",
             "<playlist xmlns=\"http://xspf.org/ns/0/\"><trackList>\n"
             "<track>\n"
             "  <location>https://cdn.example/a.ogg</location>\n"
             "  <location>local/a.ogg</location>\n"
             "</track>\n"
             "</trackList></playlist>\n");
  const Playlist playlist = read_ok(dir / "alt.xspf");
  CHECK(playlist.problems.empty());
  REQUIRE(playlist.entries.size() == 1);
  CHECK(playlist.entries[0].path == dir.path() / "local/a.ogg");
  CHECK(playlist.entries[0].line == 4);
}

TEST_CASE("xspf: BOM, CRLF and a Latin-1 declaration keep lines right", "[playlist][xspf]") {
  TempDir dir;
  write_file(dir / "bom.xspf",
             "\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n"
             "<playlist xmlns=\"http://xspf.org/ns/0/\">\r\n"
             "<trackList>\r\n"
             "<track><location>\xE6\x97\xA5.ogg</location></track>\r\n"
             "</trackList>\r\n"
             "</playlist>\r\n");
  const Playlist bom = read_ok(dir / "bom.xspf");
  REQUIRE(bom.entries.size() == 1);
  CHECK(bom.entries[0].path == dir.path() / "\xE6\x97\xA5.ogg");
  CHECK(bom.entries[0].line == 4);

  write_file(dir / "latin1.xspf",
             "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
             "<playlist xmlns=\"http://xspf.org/ns/0/\"><title>\xE9\xE9\xE9\xE9</title>\n"
             "<trackList>\n"
             "<track><title>Se\xF1or</title>\n"
             "<location>Se\xF1or.ogg</location></track>\n"
             "</trackList></playlist>\n");
  const Playlist latin1 = read_ok(dir / "latin1.xspf");
  REQUIRE(latin1.entries.size() == 1);
  CHECK(latin1.entries[0].title == "Se\xC3\xB1or");
  CHECK(latin1.entries[0].path == dir.path() / "Se\xC3\xB1or.ogg");
  CHECK(latin1.entries[0].line == 5);
}

TEST_CASE("xspf: malformed XML fails with file, line and reason", "[playlist][xspf]") {
  TempDir dir;
  const auto path = dir / "broken.xspf";
  write_file(path,
             "<?xml version=\"1.0\"?>\n"
             "<playlist xmlns=\"http://xspf.org/ns/0/\">\n"
             "  <trackList>\n"
             "    <track>\n"
             "      <location>a.ogg</locaton>\n"
             "    </track>\n"
             "  </trackList>\n"
             "</playlist>\n");
  const auto result = read_playlist(path);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        path.string() + ":5: not valid XSPF: start-end tags mismatch");

  // Cut short: the error lands on the last real line, not one past the end.
  const auto truncated = dir / "truncated.xspf";
  write_file(truncated, "<playlist>\n<trackList>\n<track>\n");
  const auto cut = read_playlist(truncated);
  REQUIRE_FALSE(cut.ok());
  CHECK_THAT(cut.error().message, Catch::StartsWith(truncated.string() + ":3: not valid XSPF: "));

  write_file(dir / "empty.xspf", "");
  const auto empty = read_playlist(dir / "empty.xspf");
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message, Catch::Contains("not valid XSPF"));
}

TEST_CASE("xspf: well-formed XML that is not an XSPF playlist fails", "[playlist][xspf]") {
  TempDir dir;
  write_file(dir / "rss.xspf", "<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n");
  const auto rss = read_playlist(dir / "rss.xspf");
  REQUIRE_FALSE(rss.ok());
  CHECK(rss.error().message ==
        (dir / "rss.xspf").string() + ":2: not valid XSPF: the document is <rss>, not an XSPF <playlist>");

  write_file(dir / "no-list.xspf", "<?xml version=\"1.0\"?>\n\n<playlist><title>x</title></playlist>\n");
  const auto no_list = read_playlist(dir / "no-list.xspf");
  REQUIRE_FALSE(no_list.ok());
  CHECK(no_list.error().message ==
        (dir / "no-list.xspf").string() + ":3: not valid XSPF: <playlist> has no <trackList>");
}

TEST_CASE("xspf: an empty trackList is an empty playlist", "[playlist][xspf]") {
  TempDir dir;
  write_file(dir / "none.xspf", "<playlist xmlns=\"http://xspf.org/ns/0/\"><trackList/></playlist>");
  const Playlist playlist = read_ok(dir / "none.xspf");
  CHECK(playlist.entries.empty());
  CHECK(playlist.problems.empty());
}
