// Found by the session kill test: a new process that begins a session for a client within the
// same second as an earlier process did got the same session id (new_session_id only remembers
// its own process), so the journal refused its session_started and its phases and tracks were
// filed under the earlier session. Here the earlier process is played by writing its session
// straight into the journal.
#include <catch2/catch.hpp>
#include <ctime>

#include "audio/audio_engine.h"
#include "control/session_controller.h"
#include "journal/journal.h"
#include "support/test_audio.h"

using namespace holdspace;
using journal::EventType;

namespace {

// The id new_session_id gives in this second (before any suffix).
std::string id_this_second(const std::string& client) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  return std::string(stamp) + "-" + client;
}

}  // namespace

TEST_CASE("a session begun in the same second as another process's session gets its own id", "[journal][session]") {
  test::TempDir dir;
  auto opened = journal::Journal::open(dir / "holdspace");
  REQUIRE(opened.ok());
  journal::Journal& journal = **opened;
  auto plan = session::load_plan(std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo.toml");
  REQUIRE(plan.ok());

  // Each attempt uses its own client, so this process's own memory of ids plays no part. A
  // second boundary between the two starts makes the attempt void; three in a row cannot.
  for (int attempt = 0; attempt < 3; ++attempt) {
    const std::string client = "CLASH" + std::to_string(attempt);
    const std::string other = id_this_second(client);
    for (const EventType type : {EventType::SessionStarted, EventType::SessionEnded}) {
      journal::Event event;
      event.session_id = other;
      event.type = type;
      event.payload = {{"client", client}, {"plan_name", "the other process's session"}};
      REQUIRE(journal.append(event).ok());
    }

    ManualClock clock;
    audio::AudioEngine engine(audio::EngineConfig{});
    auto begun = control::SessionController::begin(plan.value(), client, journal, clock, engine);
    REQUIRE(begun.ok());
    const std::string id = begun.value()->session_id();
    if (id.substr(0, other.size()) != other) continue;  // the second turned over: try again

    INFO("the other session " << other << ", the new one " << id);
    CHECK(id != other);
    CHECK(begun.value()->take_messages().empty());  // nothing was refused
    const auto theirs = journal.events(other);
    REQUIRE(theirs.ok());
    CHECK(theirs->size() == 2);  // untouched: nothing of the new session filed under it
    const auto ours = journal.events(id);
    REQUIRE(ours.ok());
    REQUIRE(ours->size() >= 2);
    CHECK(ours->at(0).type == EventType::SessionStarted);
    CHECK(ours->at(0).sequence == 1);
    CHECK(ours->at(1).type == EventType::PhaseStarted);
    return;
  }
  FAIL("the second turned over during every attempt");
}
