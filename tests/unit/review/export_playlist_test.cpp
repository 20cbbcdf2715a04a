// export --playlist: the M3U8 of what played reads back with read_playlist in the same order,
// with titles and durations, private to the owner.
#include "journal/export_playlist.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "playlist/playlist.h"
#include "review_session.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

TEST_CASE("played playlist: in order, restarts once, the undone change's track left out",
          "[review]") {
  const auto played = played_playlist(build_session_record(kap_session_events()));
  std::vector<std::string> titles;
  for (const auto& entry : played.entries) titles.push_back(entry.title);
  CHECK(titles == std::vector<std::string>{"Opening", "Still Water", "Guided Body Scan",
                                           "Still Water", "Guided Body Scan", "Ascent",
                                           "Deep Field", "Return", "Home, Again"});
  CHECK(played.entries[5].path == "/music/dosing/ascent.flac");
  CHECK(played.entries[6].duration_seconds == Approx(4200));
}

TEST_CASE("played playlist: the M3U8 reads back the same, mode 0600", "[review]") {
  ReviewTempDir dir;
  const auto out = dir / "K042-played.m3u8";
  const SessionRecord record = build_session_record(kap_session_events());
  REQUIRE(export_played_playlist(record, out).ok());

  const std::string text = read_text(out);
  CHECK(text.rfind("#EXTM3U\n", 0) == 0);
  CHECK(text.find("#EXTINF:600,Opening\n/music/intention/opening.ogg\n") != std::string::npos);
  CHECK(text.find("#EXTINF:1500,Home, Again\n") != std::string::npos);

  auto read = holdspace::playlist::read_playlist(out);
  REQUIRE(read.ok());
  const auto expected = played_playlist(record);
  REQUIRE(read->entries.size() == expected.entries.size());
  for (std::size_t i = 0; i < expected.entries.size(); ++i) {
    CHECK(read->entries[i].path == expected.entries[i].path);
    CHECK(read->entries[i].title == expected.entries[i].title);
    CHECK(read->entries[i].duration_seconds == Approx(*expected.entries[i].duration_seconds));
  }
  struct stat info {};
  REQUIRE(::stat(out.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("played playlist: replacing a readable file makes it private", "[review]") {
  ReviewTempDir dir;
  const auto out = dir / "played.m3u8";
  { std::ofstream(out) << "old\n"; }
  ::chmod(out.c_str(), 0644);
  REQUIRE(export_played_playlist(build_session_record(kap_session_events()), out).ok());
  struct stat info {};
  REQUIRE(::stat(out.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("played playlist: a folder that does not exist is a one-line error", "[review]") {
  ReviewTempDir dir;
  const auto out = dir / "no/such/folder/played.m3u8";
  const auto written = export_played_playlist(build_session_record(kap_session_events()), out);
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().message.find(out.string()) != std::string::npos);
  CHECK(written.error().message.find('\n') == std::string::npos);
}
