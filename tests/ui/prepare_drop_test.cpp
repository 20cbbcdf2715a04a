// Preparing a playlist in the real app, under Xvfb: two audio files and a stray text file are
// dropped on the window with a real XDND drag (as from a file manager), the first track is
// dragged below the second, and Ctrl+S saves. The playlist and the plan on disk must then say
// exactly that: both tracks, in the new order, the text file left out, and the phase using it.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "playlist/playlist.h"
#include "session/plan.h"
#include "support/child_process.h"
#include "support/test_audio.h"
#include "support/x_display.h"
#include "support/xdnd_drop.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

using test::xdotool;

bool wait_for_file(const std::filesystem::path& path, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!std::filesystem::exists(path)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(100ms);
  }
  return true;
}

}  // namespace

TEST_CASE("files dropped on the Prepare view become the phase's playlist, reordered and saved", "[ui][drop]") {
  test::TempDir dir;
  const auto first = dir / "music/First track.wav";
  const auto second = dir / "music/Ünïcode second.flac";
  const auto stray = dir / "music/notes.txt";
  std::filesystem::create_directories(dir / "music");
  test::write_audio(first, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 3, test::sine(440, 48000, 0.1f));
  test::write_audio(second, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 44100 * 2, test::sine(330, 44100, 0.1f));
  std::ofstream(stray) << "not music\n";
  const auto plan_file = dir / "plan.toml";
  std::ofstream(plan_file) << "name = \"Drop test\"\n\n[[phase]]\nname = \"Arrival\"\nminutes = 20\n";

  test::XDisplay display;
  ::setenv("DISPLAY", display.name().c_str(), 1);
  ::setenv("JACK_DEFAULT_SERVER", "holdspace-no-server-needed", 1);  // preparing needs no sound
  test::ChildProcess app({HOLDSPACE_APP, "--plan", plan_file.string(), "--view", "prepare", "--data-dir",
                          (dir / "data").string(), "--width", "1280", "--height", "800"},
                         dir / "app.log");
  std::string error;
  const bool dropped = test::drop_files_on_window(display.name(), "holdspace", {first, second, stray}, error);
  INFO(error);
  REQUIRE(dropped);
  std::this_thread::sleep_for(2s);  // the app reads the three files' headers and draws the rows

  // The new playlist's rows, as laid out at 1280x800: drag row 1 down onto row 2.
  REQUIRE(xdotool("search --sync --name '^holdspace$' windowfocus --sync") == 0);
  REQUIRE(xdotool("mousemove 700 277 sleep 0.3 mousedown 1 sleep 0.3 mousemove 700 290 sleep 0.3 "
                  "mousemove 700 304 sleep 0.3 mouseup 1 sleep 0.3") == 0);
  REQUIRE(xdotool("key ctrl+s") == 0);
  const auto playlist_file = dir / "arrival.m3u8";
  const bool saved_in_time = wait_for_file(playlist_file, 10s);
  std::this_thread::sleep_for(500ms);  // the plan is written just after the playlist
  app.kill_now();
  INFO(test::read_text(dir / "app.log"));
  REQUIRE(saved_in_time);

  auto saved = playlist::read_playlist(playlist_file);
  REQUIRE(saved.ok());
  REQUIRE(saved->entries.size() == 2);
  CHECK(saved->entries[0].path == second);
  CHECK(saved->entries[1].path == first);
  CHECK(saved->entries[0].duration_seconds == Approx(2.0));

  auto plan = session::load_plan(plan_file);
  REQUIRE(plan.ok());
  REQUIRE(plan->plan.phases.size() == 1);
  CHECK(plan->plan.phases[0].playlist == playlist_file);
  CHECK(plan->plan.phases[0].minutes == 20);
}
