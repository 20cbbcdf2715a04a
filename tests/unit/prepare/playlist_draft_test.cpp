// PlaylistDraft: a playlist being prepared. Every track is probed as it comes in, edits mark the
// draft modified, and what is saved reads back as the same playlist.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "playlist/playlist.h"
#include "prepare/playlist_draft.h"
#include "support/test_audio.h"
#include "unit/prepare/prepare_test_files.h"

using holdspace::prepare::DraftTrack;
using holdspace::prepare::PlaylistDraft;
using holdspace::test::TempDir;
namespace fs = std::filesystem;

using holdspace::test::contains;
using holdspace::test::paths_on_disk;
using holdspace::test::write_file;
using holdspace::test::write_tone;

namespace {

PlaylistDraft open_ok(const fs::path& file) {
  auto draft = PlaylistDraft::open(file);
  INFO((draft ? std::string("opened") : draft.error().message));
  REQUIRE(draft.ok());
  return std::move(draft).value();
}

std::vector<fs::path> paths_of(const PlaylistDraft& draft) {
  std::vector<fs::path> paths;
  for (const DraftTrack& track : draft.tracks()) paths.push_back(track.path);
  return paths;
}

void require_saved(PlaylistDraft& draft) {
  const auto saved = draft.save();
  INFO((saved ? std::string("saved") : saved.error().message));
  REQUIRE(saved.ok());
}

// A folder with a 2 s WAV, a 1.5 s FLAC and a playlist naming both plus one that is not there.
struct Music {
  TempDir dir{"holdspace-prepare"};
  fs::path wav = dir / "music/a.wav";
  fs::path flac = dir / "music/b.flac";
  fs::path missing = dir / "music/missing.wav";
  fs::path playlist = dir / "evening.m3u8";

  Music() {
    write_tone(wav, 2.0);
    write_tone(flac, 1.5, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
    write_file(playlist, "#EXTM3U\n#EXTINF:2,Opening\nmusic/a.wav\nmusic/b.flac\nmusic/missing.wav\n");
  }
};

}  // namespace

TEST_CASE("PlaylistDraft::open probes every track: length, format, or why it will not play", "[prepare]") {
  Music music;
  const PlaylistDraft draft = open_ok(music.playlist);

  CHECK(draft.file() == music.playlist);
  CHECK_FALSE(draft.modified());
  REQUIRE(draft.tracks().size() == 3);

  const DraftTrack& wav = draft.tracks()[0];
  CHECK(wav.path == music.wav);
  CHECK(wav.title == "Opening");
  REQUIRE(wav.playable());
  CHECK(wav.info->seconds() == Approx(2.0));
  CHECK_FALSE(wav.info->format.empty());
  CHECK(wav.problem.empty());

  const DraftTrack& flac = draft.tracks()[1];
  CHECK(flac.title == "b");  // no #EXTINF: the file name
  REQUIRE(flac.playable());
  CHECK(flac.info->seconds() == Approx(1.5));
  CHECK(contains(flac.info->format, "FLAC"));

  const DraftTrack& missing = draft.tracks()[2];
  CHECK_FALSE(missing.playable());
  CHECK(contains(missing.problem, "not found"));
  CHECK(contains(missing.problem, music.missing.string()));

  CHECK(draft.playable_count() == 2);
  CHECK(draft.playable_seconds() == Approx(3.5));
}

TEST_CASE("PlaylistDraft::open fails for a playlist that cannot be read, naming it", "[prepare]") {
  TempDir dir("holdspace-prepare");
  const auto draft = PlaylistDraft::open(dir / "gone.m3u8");
  REQUIRE_FALSE(draft.ok());
  CHECK(contains(draft.error().message, (dir / "gone.m3u8").string()));
}

TEST_CASE("PlaylistDraft::open keeps the playlist's bad lines as messages", "[prepare]") {
  Music music;
  write_file(music.playlist, "#EXTM3U\nmusic/a.wav\nhttps://stream.example/live\n");
  const PlaylistDraft draft = open_ok(music.playlist);
  CHECK(paths_of(draft) == std::vector<fs::path>{music.wav});
  REQUIRE(draft.messages().size() == 1);
  CHECK(draft.messages()[0].starts_with("evening.m3u8: line 3: "));
}

TEST_CASE("PlaylistDraft::add puts audio at the position and leaves out what is not audio", "[prepare]") {
  Music music;
  const fs::path added = music.dir / "new/c.wav";
  const fs::path fake = music.dir / "new/fake.wav";
  write_tone(added, 0.5);
  write_file(fake, "this is a text file with an audio name\n");
  PlaylistDraft draft = open_ok(music.playlist);

  const std::vector<std::string> problems = draft.add({added, fake}, 1);

  CHECK(paths_of(draft) == std::vector<fs::path>{music.wav, added, music.flac, music.missing});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("left out: "));
  CHECK(contains(problems[0], fake.string()));
  CHECK(draft.modified());
  CHECK(draft.playable_count() == 3);
  CHECK(draft.playable_seconds() == Approx(4.0));
}

TEST_CASE("PlaylistDraft::add with no position, or one past the end, appends", "[prepare]") {
  Music music;
  const fs::path first = music.dir / "c.wav";
  const fs::path second = music.dir / "d.wav";
  write_tone(first, 0.5);
  write_tone(second, 0.5);
  PlaylistDraft draft = open_ok(music.playlist);

  CHECK(draft.add({first}).empty());
  CHECK(draft.add({second}, 99).empty());

  CHECK(paths_of(draft) == std::vector<fs::path>{music.wav, music.flac, music.missing, first, second});
}

TEST_CASE("PlaylistDraft::add of nothing playable changes nothing", "[prepare]") {
  Music music;
  write_file(music.dir / "fake.wav", "text");
  PlaylistDraft draft = open_ok(music.playlist);

  const auto problems = draft.add({music.dir / "fake.wav", music.dir / "nowhere.flac"});

  CHECK(problems.size() == 2);
  CHECK(contains(problems[1], "nowhere.flac"));
  CHECK(draft.tracks().size() == 3);
  CHECK_FALSE(draft.modified());
}

TEST_CASE("PlaylistDraft::add expands a dropped folder into its tracks", "[prepare]") {
  Music music;
  write_tone(music.dir / "album/2.wav", 0.25);
  write_tone(music.dir / "album/1.wav", 0.25);
  PlaylistDraft draft(music.dir / "new.m3u8");

  CHECK(draft.add({music.dir / "album"}).empty());

  CHECK(paths_of(draft) == std::vector<fs::path>{music.dir / "album/1.wav", music.dir / "album/2.wav"});
  CHECK(draft.playable_seconds() == Approx(0.5));
}

TEST_CASE("PlaylistDraft::move takes a track to the given index and back", "[prepare]") {
  Music music;
  PlaylistDraft draft = open_ok(music.playlist);

  draft.move(0, 2);
  CHECK(paths_of(draft) == std::vector<fs::path>{music.flac, music.missing, music.wav});
  CHECK(draft.modified());

  draft.move(2, 0);
  CHECK(paths_of(draft) == std::vector<fs::path>{music.wav, music.flac, music.missing});
}

TEST_CASE("PlaylistDraft::move and remove ignore indexes out of range", "[prepare]") {
  Music music;
  PlaylistDraft draft = open_ok(music.playlist);

  draft.move(0, 3);
  draft.move(-1, 0);
  draft.move(1, 1);
  draft.remove(3);
  draft.remove(-1);

  CHECK(paths_of(draft) == std::vector<fs::path>{music.wav, music.flac, music.missing});
  CHECK_FALSE(draft.modified());
}

TEST_CASE("PlaylistDraft::remove drops one track and its length", "[prepare]") {
  Music music;
  PlaylistDraft draft = open_ok(music.playlist);

  draft.remove(0);

  CHECK(paths_of(draft) == std::vector<fs::path>{music.flac, music.missing});
  CHECK(draft.modified());
  CHECK(draft.playable_count() == 1);
  CHECK(draft.playable_seconds() == Approx(1.5));
}

TEST_CASE("PlaylistDraft::save writes an M3U8 that reads back in the same order", "[prepare]") {
  Music music;
  PlaylistDraft draft = open_ok(music.playlist);
  draft.move(0, 1);
  REQUIRE(draft.modified());

  require_saved(draft);

  CHECK_FALSE(draft.modified());
  CHECK(paths_on_disk(music.playlist) == std::vector<fs::path>{music.flac, music.wav, music.missing});
  // Opened again, it is the same draft, lengths and all.
  const PlaylistDraft reopened = open_ok(music.playlist);
  CHECK(paths_of(reopened) == paths_of(draft));
  CHECK(reopened.tracks()[1].title == "Opening");
  CHECK(reopened.playable_seconds() == Approx(3.5));
}

TEST_CASE("A new PlaylistDraft counts as modified, and save creates its file", "[prepare]") {
  Music music;
  const fs::path file = music.dir / "new.m3u8";
  PlaylistDraft draft(file);
  CHECK(draft.modified());
  CHECK(draft.tracks().empty());
  CHECK(draft.playable_seconds() == 0.0);
  REQUIRE_FALSE(fs::exists(file));

  REQUIRE(draft.add({music.flac, music.wav}).empty());
  require_saved(draft);

  CHECK_FALSE(draft.modified());
  CHECK(paths_on_disk(file) == std::vector<fs::path>{music.flac, music.wav});
}

TEST_CASE("PlaylistDraft::set_file marks the draft modified only when the file changes", "[prepare]") {
  Music music;
  PlaylistDraft draft = open_ok(music.playlist);

  draft.set_file(music.playlist);
  CHECK_FALSE(draft.modified());

  draft.set_file(music.dir / "copy.m3u8");
  CHECK(draft.modified());
  require_saved(draft);
  CHECK(paths_on_disk(music.dir / "copy.m3u8") == std::vector<fs::path>{music.wav, music.flac, music.missing});
}

TEST_CASE("probe_track: a text file named .wav is named in its problem", "[prepare]") {
  TempDir dir("holdspace-prepare");
  write_file(dir / "fake.wav", "not audio at all\n");
  const DraftTrack track = holdspace::prepare::probe_track(dir / "fake.wav");
  CHECK_FALSE(track.playable());
  CHECK(contains(track.problem, (dir / "fake.wav").string()));
  CHECK(track.problem.find('\n') == std::string::npos);
  CHECK(track.title == "fake");
}
