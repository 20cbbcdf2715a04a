// check_playlist against real files: good WAVs, missing files, impostors, folders, unreadables.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "playlist/playlist_check.h"
#include "playlist_test_support.h"

using namespace holdspace::playlist;
using holdspace::playlist::test::problem_texts;
using holdspace::playlist::test::read_ok;
using holdspace::playlist::test::TempDir;
using holdspace::playlist::test::write_file;
using holdspace::playlist::test::write_wav;

TEST_CASE("check_playlist: good files give their info and the total length", "[playlist][check]") {
  TempDir dir;
  write_wav(dir / "music/one.wav", 0.5);
  write_wav(dir / "music/\xC3\xA9t\xC3\xA9 two.wav", 0.25, 48000);
  write_file(dir / "good.m3u8",
             "#EXTM3U\n"
             "#EXTINF:999,Claims the wrong length\n"
             "music/one.wav\n"
             "music/%C3%A9t%C3%A9%20two.wav\n"  // a plain path: this name does not exist
             "file:///" + (dir / "music/%C3%A9t%C3%A9%20two.wav").string().substr(1) + "\n");
  const Playlist playlist = read_ok(dir / "good.m3u8");
  const PlaylistCheck check = check_playlist(playlist);

  REQUIRE(check.entries.size() == 3);
  REQUIRE(check.entries[0].info);
  CHECK(check.entries[0].problem.empty());
  CHECK(check.entries[0].info->sample_rate == 44100);
  CHECK(check.entries[0].info->channels == 2);
  CHECK(check.entries[0].info->frames == 22050);
  CHECK(check.entries[0].entry.title == "Claims the wrong length");

  CHECK_FALSE(check.entries[1].info);
  REQUIRE(check.entries[2].info);
  CHECK(check.entries[2].info->sample_rate == 48000);

  // The files' own lengths count, never what the playlist claims.
  CHECK(check.total_seconds == Approx(0.75));
  CHECK(check.has_problems());
  CHECK(problem_texts(check.problems) ==
        std::vector<std::string>{"line 4: file not found: " +
                                 (dir / "music/%C3%A9t%C3%A9%20two.wav").string()});
}

TEST_CASE("check_playlist: an all-good playlist has no problems", "[playlist][check]") {
  TempDir dir;
  write_wav(dir / "a.wav", 0.1);
  write_file(dir / "fine.pls", "[playlist]\nFile1=a.wav\nNumberOfEntries=1\n");
  const PlaylistCheck check = check_playlist(read_ok(dir / "fine.pls"));
  CHECK_FALSE(check.has_problems());
  REQUIRE(check.entries.size() == 1);
  CHECK(check.entries[0].info);
  CHECK(check.total_seconds == Approx(0.1));
}

TEST_CASE("check_playlist: missing, folder and not-audio entries, with parse problems, by line",
          "[playlist][check]") {
  TempDir dir;
  write_wav(dir / "real.wav", 0.2);
  write_file(dir / "fake.ogg", "this is a text file wearing an .ogg name\n");
  std::filesystem::create_directory(dir / "a-folder.ogg");
  write_file(dir / "mixed.m3u8",
             "#EXTM3U\n"              // 1
             "real.wav\n"             // 2
             "gone.ogg\n"             // 3
             "http://x.example/s\n"   // 4
             "fake.ogg\n"             // 5
             "a-folder.ogg\n");       // 6
  const PlaylistCheck check = check_playlist(read_ok(dir / "mixed.m3u8"));

  REQUIRE(check.entries.size() == 4);
  CHECK(check.entries[0].problem.empty());
  CHECK(check.entries[1].problem == "file not found: " + (dir / "gone.ogg").string());
  CHECK_FALSE(check.entries[2].info);
  // The probe's own one-line reason, not a guess of ours.
  CHECK_FALSE(check.entries[2].problem.empty());
  CHECK_THAT(check.entries[2].problem, !Catch::Contains("file not found"));
  CHECK_THAT(check.entries[2].problem, !Catch::Contains("permission denied"));
  CHECK(check.entries[2].problem.find('\n') == std::string::npos);
  CHECK(check.entries[3].problem == "is a folder, not an audio file: " + (dir / "a-folder.ogg").string());

  REQUIRE(check.problems.size() == 4);
  CHECK(check.problems[0].line == 3);
  CHECK(check.problems[1].line == 4);
  CHECK_THAT(check.problems[1].message, Catch::StartsWith("streams and URLs are not supported"));
  CHECK(check.problems[2].line == 5);
  CHECK(check.problems[2].message == check.entries[2].problem);
  CHECK(check.problems[3].line == 6);
  CHECK(check.total_seconds == Approx(0.2));
}

TEST_CASE("check_playlist: a playlist with nothing playable says so", "[playlist][check]") {
  TempDir dir;
  write_file(dir / "empty.m3u8", "#EXTM3U\n");
  const PlaylistCheck empty = check_playlist(read_ok(dir / "empty.m3u8"));
  CHECK(problem_texts(empty.problems) ==
        std::vector<std::string>{"no playable tracks in this playlist"});
  CHECK(empty.total_seconds == 0.0);

  write_file(dir / "streams.m3u8", "https://radio.example/\n");
  const PlaylistCheck streams = check_playlist(read_ok(dir / "streams.m3u8"));
  REQUIRE(streams.problems.size() == 2);
  CHECK(streams.problems[0].line == 0);
  CHECK(streams.problems[1].line == 1);
}

TEST_CASE("check_playlist: a FIFO is refused without opening it", "[playlist][check]") {
  TempDir dir;
  REQUIRE(::mkfifo((dir / "pipe.ogg").c_str(), 0600) == 0);
  write_file(dir / "pipe.m3u8", "pipe.ogg\n");
  // Probing a FIFO would block forever; finishing at all is half of this test.
  const PlaylistCheck check = check_playlist(read_ok(dir / "pipe.m3u8"));
  REQUIRE(check.entries.size() == 1);
  CHECK(check.entries[0].problem == "not a regular file: " + (dir / "pipe.ogg").string());
}

namespace {

// Runs check_playlist in a child that has given up root, since root reads any file regardless
// of its mode. Returns the problem text, or nullopt when the switch to another user failed.
std::optional<std::string> check_as_nobody(const Playlist& playlist) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(77);
    const std::string problem = check_playlist(playlist).entries.at(0).problem;
    const ssize_t written = ::write(pipe_fds[1], problem.data(), problem.size());
    ::_exit(written == static_cast<ssize_t>(problem.size()) ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::string problem;
  char buffer[512];
  ssize_t n = 0;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) problem.append(buffer, std::size_t(n));
  ::close(pipe_fds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) return std::nullopt;
  REQUIRE(WEXITSTATUS(status) == 0);
  return problem;
}

}  // namespace

TEST_CASE("check_playlist: an unreadable file says permission denied", "[playlist][check]") {
  TempDir dir;
  write_wav(dir / "locked.wav", 0.1);
  write_file(dir / "locked.m3u8", "locked.wav\n");
  const Playlist playlist = read_ok(dir / "locked.m3u8");
  std::filesystem::permissions(dir / "locked.wav", std::filesystem::perms::none);
  const std::string expected = "cannot read (permission denied): " + (dir / "locked.wav").string();

  if (::geteuid() != 0) {
    const PlaylistCheck check = check_playlist(playlist);
    REQUIRE(check.entries.size() == 1);
    CHECK(check.entries[0].problem == expected);
    CHECK_FALSE(check.entries[0].info);
    return;
  }
  // As root: let the other user through the folder, then check as that user.
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all |
                                               std::filesystem::perms::group_exec |
                                               std::filesystem::perms::others_exec);
  const std::optional<std::string> problem = check_as_nobody(playlist);
  if (!problem) {
    WARN("skipped: running as root and cannot switch to uid 65534 to test permissions");
    return;
  }
  CHECK(*problem == expected);
}
