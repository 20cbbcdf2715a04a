// append() and reading back: sequence numbers, every field kept, the same events after reopening.
#include "journal_test_support.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

TEST_CASE("journal: append assigns 1, 2, 3 per session and reads back every field", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  CHECK(journal->path() == dir.path() / "journal.sqlite3");

  CHECK(append_ok(*journal, session_start("A", "K042", "2026-11-21T19:00:00.000Z")) == 1);
  Event phase = make_event("A", EventType::PhaseStarted, {{"phase", 0}, {"name", "Intention"}, {"reason", "start"}}, 5);
  phase.wall_time_utc = "2026-11-21T19:00:00.005Z";
  phase.utc_offset_minutes = -300;
  phase.sequence = 99;  // the journal decides, not the caller
  CHECK(append_ok(*journal, phase) == 2);
  CHECK(append_ok(*journal, session_start("B", "K007", "2026-11-21T19:01:00.000Z")) == 1);
  const nlohmann::json vitals{{"kind", "vitals"}, {"systolic", 120}};
  CHECK(append_ok(*journal, make_event("A", EventType::Marker, vitals, 60'000'000'000)) == 3);
  CHECK(append_ok(*journal, make_event("B", EventType::DuckOn, {{"depth_db", -12.5}})) == 2);
  CHECK(journal->pending_count() == 0);

  auto events = journal->events("A");
  REQUIRE(events.ok());
  REQUIRE(events->size() == 3);
  for (std::size_t i = 0; i < events->size(); ++i) {
    CHECK((*events)[i].sequence == std::int64_t(i + 1));
    CHECK((*events)[i].session_id == "A");
  }
  const Event& read = (*events)[1];
  CHECK(read.type == EventType::PhaseStarted);
  CHECK(read.wall_time_utc == "2026-11-21T19:00:00.005Z");
  CHECK(read.utc_offset_minutes == -300);
  CHECK(read.session_ns == 5);
  CHECK(read.payload == nlohmann::json({{"phase", 0}, {"name", "Intention"}, {"reason", "start"}}));
  CHECK((*events)[2].payload["systolic"] == 120);
  CHECK((*events)[2].session_ns == 60'000'000'000);

  auto other = journal->events("B");
  REQUIRE(other.ok());
  REQUIRE(other->size() == 2);
  CHECK((*other)[1].payload["depth_db"] == -12.5);
}

TEST_CASE("journal: reopening the store gives the same events, and sequences continue", "[journal]") {
  TempDir dir;
  std::vector<Event> written;
  {
    auto journal = open_ok(dir.path());
    append_ok(*journal, session_start("S", "K1", "2026-11-21T19:00:00.000Z"));
    for (int i = 0; i < 30; ++i) {
      const auto type = all_event_types()[std::size_t(1 + i % 18)];
      append_ok(*journal, make_event("S", type, {{"i", i}, {"text", "caf\xC3\xA9 \xE2\x99\xAA"}}, i * 1'000'000'000LL));
    }
    written = journal->events("S").value();
  }
  auto reopened = open_ok(dir.path());
  auto again = reopened->events("S");
  REQUIRE(again.ok());
  REQUIRE(again->size() == written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    INFO("event " << i);
    CHECK((*again)[i].sequence == written[i].sequence);
    CHECK((*again)[i].type == written[i].type);
    CHECK((*again)[i].wall_time_utc == written[i].wall_time_utc);
    CHECK((*again)[i].utc_offset_minutes == written[i].utc_offset_minutes);
    CHECK((*again)[i].session_ns == written[i].session_ns);
    CHECK((*again)[i].payload == written[i].payload);
  }
  // The counter starts from what is on disk.
  CHECK(append_ok(*reopened, make_event("S", EventType::SessionResumed, {{"gap_seconds", 12}})) == 32);
  CHECK(append_ok(*reopened, make_event("S", EventType::SessionEnded, {{"reason", "ended"}})) == 33);
}

TEST_CASE("journal: an event without a wall time gets one", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  Event event = make_event("W", EventType::SessionStarted);
  event.wall_time_utc.clear();
  event.utc_offset_minutes = 12345;
  append_ok(*journal, event);
  const Event read = journal->events("W").value().at(0);
  REQUIRE(read.wall_time_utc.size() == 24);  // 2026-11-21T19:47:03.123Z
  CHECK(read.wall_time_utc[10] == 'T');
  CHECK(read.wall_time_utc.back() == 'Z');
  CHECK(read.utc_offset_minutes != 12345);
}

TEST_CASE("journal: bad events are refused with one line, and nothing is lost", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  append_ok(*journal, session_start("D", "K1", "2026-11-21T19:00:00.000Z"));

  auto no_id = journal->append(make_event("", EventType::Marker));
  REQUIRE_FALSE(no_id.ok());
  CHECK(no_id.error().message.find("session id") != std::string::npos);

  auto twice = journal->append(session_start("D", "K1", "2026-11-21T19:05:00.000Z"));
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().message == "session D has already started: it was not started again");
  CHECK(journal->pending_count() == 0);

  // Broken UTF-8 in a tag must not make the event unwritable.
  const nlohmann::json broken{{"title", std::string("bad \xFF\xFE title")}};
  CHECK(append_ok(*journal, make_event("D", EventType::TrackStarted, broken)) == 2);
  auto events = journal->events("D");
  REQUIRE(events.ok());
  CHECK(events->size() == 2);
  CHECK(events->back().payload["title"].get<std::string>().rfind("bad ", 0) == 0);

  auto missing = journal->events("nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "no session 'nope' in the journal");
}

TEST_CASE("journal: two journals on one folder see each other's sessions", "[journal]") {
  TempDir dir;
  auto writer = open_ok(dir.path());
  auto reader = open_ok(dir.path());
  append_ok(*writer, session_start("X", "K9", "2026-11-21T19:00:00.000Z"));
  append_ok(*writer, make_event("X", EventType::PhaseStarted));
  CHECK(reader->sessions().size() == 1);
  CHECK(reader->events("X").value().size() == 2);
}
