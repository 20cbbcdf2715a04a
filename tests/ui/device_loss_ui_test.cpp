// The app during a session whose output dies: the JACK server under it is killed, then started
// again. The app must notice at once, record device_lost in the journal (where its Session view
// reads it from), go on running without a crash or a hang, bring the music back by itself when
// the server returns (device_restored), and still close when asked.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <thread>

#include "journal/journal.h"
#include "support/child_process.h"
#include "support/jack_server.h"
#include "support/test_audio.h"
#include "support/x_display.h"

using namespace holdspace;
using namespace std::chrono_literals;

namespace {

int count_of(const std::filesystem::path& data, journal::EventType type) {
  auto store = journal::Journal::open(data);
  if (!store) return -1;
  auto id = store.value()->resolve_session_id("last");
  if (!id) return -1;
  auto events = store.value()->events(id.value());
  if (!events) return -1;
  int count = 0;
  for (const auto& event : events.value()) count += event.type == type ? 1 : 0;
  return count;
}

// Polls the journal until it holds one event of `type`; returns how long that took, or nothing
// if it never came within `limit`.
std::optional<std::chrono::milliseconds> wait_for_one(const std::filesystem::path& data, journal::EventType type,
                                                      std::chrono::milliseconds limit) {
  const auto began = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - began < limit) {
    std::this_thread::sleep_for(100ms);
    if (count_of(data, type) == 1) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began);
    }
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("the app notices its output die mid-session, records it, runs on, and plays again when the "
          "device returns",
          "[ui][fault]") {
  test::XDisplay display;
  test::JackServer jack;
  test::TempDir dir;
  ::setenv("DISPLAY", display.name().c_str(), 1);
  test::ChildProcess app({HOLDSPACE_APP, "--plan", std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo.toml",
                          "--client", "LOST2", "--start", "--data-dir", dir.path().string()},
                         dir / "app.log");
  std::this_thread::sleep_for(3s);
  REQUIRE(count_of(dir.path(), journal::EventType::DeviceLost) == 0);

  jack.stop();
  const auto lost = wait_for_one(dir.path(), journal::EventType::DeviceLost, 5s);
  INFO(test::read_text(dir / "app.log"));
  REQUIRE(lost);
  // Within a second or so: the loss is shown as soon as the callback has been missing 0.5 s.
  CHECK(*lost < 2500ms);

  std::this_thread::sleep_for(2s);
  CHECK(::kill(app.pid(), 0) == 0);  // still running

  jack.start_again();
  const auto restored = wait_for_one(dir.path(), journal::EventType::DeviceRestored, 8s);
  REQUIRE(restored);
  CHECK(*restored < 5s);
  ::kill(app.pid(), SIGTERM);  // and it closes without hanging on the lost device's instance
  CHECK(app.wait(10.0) != -1);
}
