// The session controller on the real journal (a SQLite file) and the real engine, pumped
// offline in step with a manual clock: commands reach the record before the audio, a crash is
// resumed from the record alone, and a journal that refuses writes does not stop the session.
#include <catch2/catch.hpp>

#include <vector>

#include "control/session_controller.h"
#include "support/offline_session.h"
#include "support/test_audio.h"

using namespace holdspace;
using journal::EventType;
using session::Command;

namespace {

const std::filesystem::path kDemoPlan = std::filesystem::path(HOLDSPACE_SOURCE_DIR) / "playlists/demo.toml";

void play(control::SessionController& controller, audio::AudioEngine& engine, ManualClock& clock, double seconds) {
  test::play_offline(controller, engine, clock, seconds);
}

Command command(Command::Type type) {
  Command c;
  c.type = type;
  return c;
}

std::vector<journal::Event> recorded(journal::Journal& store, const std::string& id, EventType type) {
  std::vector<journal::Event> found;
  for (const auto& event : store.events(id).value()) {
    if (event.type == type) found.push_back(event);
  }
  return found;
}

}  // namespace

TEST_CASE("a session's commands and its music are recorded in the journal", "[controller]") {
  test::TempDir dir;
  auto store = journal::Journal::open(dir.path());
  REQUIRE(store.ok());
  auto plan = session::load_plan(kDemoPlan);
  REQUIRE(plan.ok());
  ManualClock clock;
  audio::AudioEngine engine(audio::EngineConfig{});
  auto controller = control::SessionController::begin(plan.value(), "C7", *store.value(), clock, engine);
  REQUIRE(controller.ok());
  auto& session = *controller.value();

  play(session, engine, clock, 3.0);
  REQUIRE(session.command(command(Command::Type::Advance)).ok());
  play(session, engine, clock, 1.0);
  const auto refused = session.command(command(Command::Type::Advance));
  REQUIRE_FALSE(refused.ok());  // within 2 s of the last change
  CHECK(refused.error().message.find("2 s") != std::string::npos);
  play(session, engine, clock, 3.5);

  const auto view = session.snapshot();
  CHECK(view.phase == 1);
  CHECK(view.phase_name == "Settling");
  CHECK(view.phase_elapsed_seconds == Approx(4.5).margin(0.1));
  CHECK(view.track.index == 0);
  CHECK(view.journal_waiting == 0);

  const std::string id = session.session_id();
  CHECK(recorded(*store.value(), id, EventType::PhaseStarted).size() == 2);
  const auto tracks = recorded(*store.value(), id, EventType::TrackStarted);
  REQUIRE(tracks.size() == 2);
  CHECK(tracks[0].payload["phase"] == 0);
  CHECK(tracks[1].payload["phase"] == 1);
  // The first phase's track ended after the 4 s crossfade into the second.
  const auto ended = recorded(*store.value(), id, EventType::TrackEnded);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].payload["played_seconds"].get<double>() == Approx(3.0 + 4.0).margin(0.1));
}

TEST_CASE("a crashed session resumes from the journal alone, at the right track and offset", "[controller]") {
  test::TempDir dir;
  auto store = journal::Journal::open(dir.path());
  REQUIRE(store.ok());
  auto plan = session::load_plan(kDemoPlan);
  REQUIRE(plan.ok());
  ManualClock clock;
  std::string id;
  {
    audio::AudioEngine engine(audio::EngineConfig{});
    auto controller = control::SessionController::begin(plan.value(), "C8", *store.value(), clock, engine);
    REQUIRE(controller.ok());
    play(*controller.value(), engine, clock, 2.5);
    REQUIRE(controller.value()->command(command(Command::Type::Advance)).ok());
    play(*controller.value(), engine, clock, 20.0);
    id = controller.value()->session_id();
  }  // the process "dies" here: nothing more is written
  clock.advance_seconds(30.0);  // holdspace is down for half a minute

  audio::AudioEngine engine(audio::EngineConfig{});
  auto resumed = control::SessionController::resume(id, *store.value(), clock, engine);
  REQUIRE(resumed.ok());
  play(*resumed.value(), engine, clock, 1.0);
  const auto view = resumed.value()->snapshot();
  CHECK(view.phase == 1);
  // The phase clock counts from the phase's true start, through the time holdspace was down.
  CHECK(view.phase_elapsed_seconds == Approx(20.0 + 30.0 + 1.0).margin(0.2));
  const auto tracks = recorded(*store.value(), id, EventType::TrackStarted);
  REQUIRE(tracks.size() == 3);
  CHECK(tracks.back().payload["phase"] == 1);
  CHECK(tracks.back().payload["offset_seconds"].get<double>() == Approx(50.0).margin(1.0));
  CHECK(recorded(*store.value(), id, EventType::SessionResumed).size() == 1);
  CHECK(recorded(*store.value(), id, EventType::PhaseStarted).size() == 2);  // no phase restarted
}

TEST_CASE("an ended session cannot be resumed", "[controller]") {
  test::TempDir dir;
  auto store = journal::Journal::open(dir.path());
  auto plan = session::load_plan(kDemoPlan);
  ManualClock clock;
  audio::AudioEngine engine(audio::EngineConfig{});
  auto controller = control::SessionController::begin(plan.value(), "C9", *store.value(), clock, engine);
  REQUIRE(controller.value()->command(command(Command::Type::End)).ok());
  auto again = control::SessionController::resume(controller.value()->session_id(), *store.value(), clock, engine);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("already ended") != std::string::npos);
}

TEST_CASE("when the journal cannot write, the session goes on and nothing is lost", "[controller]") {
  test::TempDir dir;
  auto store = journal::Journal::open(dir.path());
  REQUIRE(store.ok());
  auto plan = session::load_plan(kDemoPlan);
  ManualClock clock;
  audio::AudioEngine engine(audio::EngineConfig{});
  auto controller = control::SessionController::begin(plan.value(), "C10", *store.value(), clock, engine);
  REQUIRE(controller.ok());
  auto& session = *controller.value();
  play(session, engine, clock, 1.0);
  session.take_messages();

  REQUIRE(store.value()->diagnostic_pragma("query_only=1").ok());  // the disk now refuses writes
  Command dose = command(Command::Type::Marker);
  dose.marker = "dose";
  CHECK(session.command(dose).ok());  // the therapist's press still counts
  play(session, engine, clock, 2.5);
  REQUIRE(session.command(command(Command::Type::Advance)).ok());
  play(session, engine, clock, 1.0);
  auto view = session.snapshot();
  CHECK(view.phase == 1);  // the session moved on
  CHECK(view.journal_waiting >= 2);
  CHECK_FALSE(view.journal_problem.empty());
  const auto alerts = session.take_messages();
  REQUIRE_FALSE(alerts.empty());
  CHECK(alerts.front().find("journal") == 0);

  REQUIRE(store.value()->diagnostic_pragma("query_only=0").ok());  // space is back
  play(session, engine, clock, 0.5);
  view = session.snapshot();
  CHECK(view.journal_waiting == 0);
  const auto events = store.value()->events(session.session_id()).value();
  for (std::size_t i = 0; i < events.size(); ++i) REQUIRE(events[i].sequence == std::int64_t(i + 1));
  CHECK(recorded(*store.value(), session.session_id(), EventType::Marker).size() == 1);
  CHECK(recorded(*store.value(), session.session_id(), EventType::PhaseStarted).size() == 2);
}
