// The building blocks every reader shares: encodings, line splitting and location resolution.
#include <catch2/catch.hpp>

#include "playlist/playlist_location.h"
#include "playlist/playlist_text.h"

using namespace holdspace::playlist;

TEST_CASE("is_valid_utf8 rejects what Latin-1 text looks like", "[playlist][text]") {
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("caf\xC3\xA9 \xE2\x99\xAA \xF0\x9F\x8E\xB5"));
  CHECK_FALSE(is_valid_utf8("caf\xE9"));             // Latin-1 é
  CHECK_FALSE(is_valid_utf8("\xC3"));                 // cut short
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));             // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));         // a UTF-16 surrogate
  CHECK(latin1_to_utf8("Se\xF1or \xFF") == "Se\xC3\xB1or \xC3\xBF");
}

TEST_CASE("split_playlist_lines numbers lines as an editor does", "[playlist][text]") {
  const auto lines = split_playlist_lines("\xEF\xBB\xBF" "a\r\nb\n\rc\rd\n", TextEncoding::utf8);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].text == "a");
  CHECK(lines[1].text == "b");
  CHECK(lines[2].text.empty());
  CHECK(lines[2].number == 3);
  CHECK(lines[3].text == "c");
  CHECK(lines[4].text == "d");
  CHECK(lines[4].number == 5);

  const auto strict = split_playlist_lines("ok\nbad\xE9\n", TextEncoding::utf8);
  REQUIRE(strict.size() == 2);
  CHECK(strict[0].valid_utf8);
  CHECK_FALSE(strict[1].valid_utf8);

  const auto legacy = split_playlist_lines("ok\nbad\xE9\n", TextEncoding::utf8_or_latin1);
  REQUIRE(legacy.size() == 2);
  CHECK(legacy[1].valid_utf8);
  CHECK(legacy[1].text == "bad\xC3\xA9");
}

TEST_CASE("line_at_offset counts LF, CRLF and CR alike", "[playlist][text]") {
  const std::string text = "one\r\ntwo\nthree\rfour\n";
  CHECK(line_at_offset(text, 0) == 1);
  CHECK(line_at_offset(text, 5) == 2);   // 't' of two
  CHECK(line_at_offset(text, 9) == 3);   // 't' of three
  CHECK(line_at_offset(text, 15) == 4);  // 'f' of four
  CHECK(line_at_offset(text, text.size()) == 4);
}

TEST_CASE("resolve_location: paths, URIs and refusals", "[playlist][location]") {
  const std::filesystem::path folder = "/lists/calm";
  const auto path = [&](std::string_view written, LocationSyntax syntax = LocationSyntax::path) {
    const auto result = resolve_location(written, folder, syntax);
    return result.ok() ? result.value().string() : "error: " + result.error().message;
  };
  CHECK(path("a.ogg") == "/lists/calm/a.ogg");
  CHECK(path("../b.ogg") == "/lists/b.ogg");
  CHECK(path("/abs/c.ogg") == "/abs/c.ogg");
  CHECK(path("a%20b.ogg") == "/lists/calm/a%20b.ogg");
  CHECK(path("a%20b.ogg", LocationSyntax::uri) == "/lists/calm/a b.ogg");
  CHECK(path("file:///x/a%20b.ogg") == "/x/a b.ogg");
  CHECK(path("file://LocalHost/x/y.ogg") == "/x/y.ogg");
  CHECK(path("file:///x/caf%E9.ogg") == "/x/caf\xC3\xA9.ogg");  // a Latin-1 era URI
  CHECK(path("file:///x/%00.ogg") == "error: not a valid file name: file:///x/%00.ogg");
  CHECK(path("file://server/share/a.ogg") ==
        "error: files on another computer are not supported offline: file://server/share/a.ogg");
  CHECK(path("https://example.org/a.mp3") ==
        "error: streams and URLs are not supported offline: https://example.org/a.mp3");
  CHECK(path("spotify:track:4uLU6hMCjMI75M1A2tKUQC", LocationSyntax::uri) ==
        "error: streams and URLs are not supported offline: spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  CHECK(path("Intro: Breath.ogg") == "/lists/calm/Intro: Breath.ogg");
  CHECK(path("C:\\Music\\a.mp3") == "/lists/calm/C:\\Music\\a.mp3");
  CHECK(percent_decode("%41%4a%zz%4") == "AJ%zz%4");
  CHECK(has_uri_scheme("http://x"));
  CHECK_FALSE(has_uri_scheme("C:\\x"));
  CHECK_FALSE(has_uri_scheme("a b:c"));
}
