// The command line when its journal's disk fills up mid-session: `holdspace-cli run` on a JACK
// dummy device, its data folder on a small tmpfs, run under a pseudo-terminal (script(1)) so its
// live status line is drawn as a therapist would see it.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "failing_disk.h"
#include "journal/journal.h"
#include "support/child_process.h"
#include "support/jack_server.h"
#include "support/test_audio.h"

using namespace holdspace;
using namespace std::chrono_literals;
using journal::EventType;

namespace {

const std::string kCli = HOLDSPACE_CLI;
const std::string kDemoPlan = std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo.toml";

// Polls the log until `text` shows up (true) or `seconds` pass (false).
bool wait_for(const std::filesystem::path& log, const std::string& text, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (test::read_text(log).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

}  // namespace

TEST_CASE("journal fault: the command line shows a full disk at once, and the record catches up",
          "[journal][fault][cli][device]") {
  test::JackServer jack;
  test::TempDir dir;
  test::SmallTmpfs disk(dir / "disk", 2 * 1024 * 1024);
  const auto data_dir = disk.path() / "holdspace";
  const auto log = dir / "run.log";
  const std::string command = kCli + " run " + kDemoPlan + " --client T02 --data-dir " + data_dir.string() +
                              " --buffer 256";
  test::ChildProcess run({"/usr/bin/script", "-qefc", command, "/dev/null"}, log);
  REQUIRE(wait_for(log, "session ", 10.0));
  std::this_thread::sleep_for(1500ms);

  disk.fill();
  run.type("d");  // the dose, on a full disk
  // The alert comes as a line of its own and heads the status line, both within a redraw.
  const std::string alert = "The session record cannot be written (disk full): 1 event is kept in memory";
  CHECK(wait_for(log, "! journal: " + alert, 2.0));
  CHECK(wait_for(log, "\r! " + alert, 2.0));
  std::this_thread::sleep_for(1000ms);
  run.type("o");  // a booster, still on the full disk
  CHECK(wait_for(log, "\r! The session record cannot be written (disk full): 2 events are kept in memory", 2.0));

  disk.free_space();
  CHECK(wait_for(log, "! journal: The session record is written again: 2 events kept in memory from ", 3.0));
  run.type("qy\n");
  const int exit_code = run.wait(20.0);
  INFO(test::read_text(log));
  REQUIRE(exit_code == 0);

  auto store = journal::Journal::open(data_dir);
  REQUIRE(store.ok());
  const auto events = store.value()->events(store.value()->resolve_session_id("last").value()).value();
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].sequence == std::int64_t(i + 1));
  std::vector<std::string> kinds;
  std::int64_t held = -1;
  for (const auto& event : events) {
    if (event.type == EventType::Marker) kinds.push_back(event.payload["kind"]);
    if (event.type == EventType::JournalRecovered) {
      CHECK(event.payload["reason"] == "disk full");
      held = event.payload["events_held"];
    }
  }
  CHECK(kinds == std::vector<std::string>{"dose", "booster"});
  CHECK(held == 2);
  CHECK(std::any_of(events.begin(), events.end(), [](const auto& e) { return e.type == EventType::SessionEnded; }));
}
