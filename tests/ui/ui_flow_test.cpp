// A therapist's flow through the real app, driven with xdotool under Xvfb: a stray burst of
// Next presses gives one phase change, then Dose, Talk and End. The journal is then read back
// and must hold exactly these events, in this order.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "journal/journal.h"
#include "support/child_process.h"
#include "support/jack_server.h"
#include "support/test_audio.h"
#include "support/x_display.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

using test::xdotool;

}  // namespace

TEST_CASE("a session driven by keys in the app is recorded exactly", "[ui][flow]") {
  test::XDisplay display;
  test::JackServer jack;
  test::TempDir dir;
  ::setenv("DISPLAY", display.name().c_str(), 1);
  test::ChildProcess app({HOLDSPACE_APP, "--plan", std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo.toml",
                          "--client", "FLOW1", "--start", "--data-dir", dir.path().string()},
                         dir / "app.log");
  std::this_thread::sleep_for(3s);
  REQUIRE(xdotool("search --sync --name '^holdspace$' windowfocus --sync") == 0);
  std::this_thread::sleep_for(500ms);
  REQUIRE(xdotool("key --delay 80 n n n n") == 0);  // a burst: arm, confirm, arm, confirm
  std::this_thread::sleep_for(1s);
  xdotool("key d");
  std::this_thread::sleep_for(500ms);
  xdotool("key t");
  std::this_thread::sleep_for(500ms);
  xdotool("key q");
  std::this_thread::sleep_for(500ms);
  xdotool("key y");
  std::this_thread::sleep_for(1s);
  app.kill_now();
  INFO(test::read_text(dir / "app.log"));

  auto store = journal::Journal::open(dir.path());
  REQUIRE(store.ok());
  auto id = store.value()->resolve_session_id("last");
  REQUIRE(id.ok());
  std::vector<std::string> kinds;
  for (const auto& event : store.value()->events(id.value()).value()) {
    const std::string type(journal::to_string(event.type));
    if (type.rfind("track_", 0) == 0) continue;  // the music's own record, timed by the audio
    kinds.push_back(type == "marker" ? "marker:" + event.payload.value("kind", std::string()) : type);
  }
  const std::vector<std::string> expected{"session_started", "phase_started", "phase_started", "marker:dose",
                                          "duck_on", "reminder_shown", "session_ended"};
  CHECK(kinds == expected);
}
