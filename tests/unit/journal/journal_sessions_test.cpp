// Review queries: listing (newest first, per client), the unfinished session, resolving what the
// therapist typed into an id, new ids and the default folder.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "journal_test_support.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

namespace {

// Three sessions: K042 twice (the older one ended), K007 once (still running).
void add_three_sessions(Journal& journal) {
  append_ok(journal, session_start("20261101T090000Z-K042", "K042", "2026-11-01T09:00:00.000Z", "KAP 3 h", 180));
  append_ok(journal, make_event("20261101T090000Z-K042", EventType::PhaseStarted, {{"phase", 0}}, 1'000'000'000));
  append_ok(journal, make_event("20261101T090000Z-K042", EventType::SessionEnded, {{"reason", "ended"}},
                                 190LL * 60 * 1'000'000'000));
  append_ok(journal, session_start("20261108T090000Z-K042", "K042", "2026-11-08T09:00:00.000Z", "KAP 3 h", 180));
  append_ok(journal, make_event("20261108T090000Z-K042", EventType::SessionEnded, {{"reason", "ended"}},
                                 170LL * 60 * 1'000'000'000));
  append_ok(journal, session_start("20261109T140000Z-K007", "K007", "2026-11-09T14:00:00.000Z", "IV infusion", 70));
  append_ok(journal, make_event("20261109T140000Z-K007", EventType::Marker, {{"kind", "dose"}},
                                 30LL * 1'000'000'000));
}

struct EnvGuard {
  std::string name;
  std::optional<std::string> old;
  explicit EnvGuard(std::string variable) : name(std::move(variable)) {
    if (const char* value = std::getenv(name.c_str())) old = value;
  }
  ~EnvGuard() {
    if (old) ::setenv(name.c_str(), old->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

}  // namespace

TEST_CASE("sessions: newest first, filled from session_started and the last event", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  CHECK(journal->sessions().empty());
  add_three_sessions(*journal);

  const auto all = journal->sessions();
  REQUIRE(all.size() == 3);
  CHECK(all[0].session_id == "20261109T140000Z-K007");
  CHECK(all[1].session_id == "20261108T090000Z-K042");
  CHECK(all[2].session_id == "20261101T090000Z-K042");

  const SessionSummary& running = all[0];
  CHECK(running.client == "K007");
  CHECK(running.plan_name == "IV infusion");
  CHECK(running.planned_minutes == 70);
  CHECK(running.started_utc == "2026-11-09T14:00:00.000Z");
  CHECK(running.utc_offset_minutes == 60);
  CHECK(running.actual_minutes == Approx(0.5));
  CHECK_FALSE(running.ended);

  CHECK(all[2].ended);
  CHECK(all[2].actual_minutes == Approx(190));
  CHECK(all[2].planned_minutes == 180);
}

TEST_CASE("sessions: filtered by client, ignoring case", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  add_three_sessions(*journal);
  const auto k042 = journal->sessions(std::string("K042"));
  REQUIRE(k042.size() == 2);
  CHECK(k042[0].session_id == "20261108T090000Z-K042");
  CHECK(k042[1].session_id == "20261101T090000Z-K042");
  CHECK(journal->sessions(std::string("k007")).size() == 1);
  CHECK(journal->sessions(std::string("K999")).empty());
  CHECK(journal->sessions(std::string("K04")).empty());  // a code is matched whole
}

TEST_CASE("sessions: the unfinished session is the newest one without session_ended", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  CHECK_FALSE(journal->unfinished_session());
  add_three_sessions(*journal);
  CHECK(journal->unfinished_session() == std::optional<std::string>("20261109T140000Z-K007"));

  append_ok(*journal, make_event("20261109T140000Z-K007", EventType::SessionEnded, {{"reason", "ended"}}));
  CHECK_FALSE(journal->unfinished_session());

  // A session without its start event (the first write was refused and never retried) still
  // lists, dated by its first event.
  Event orphan = make_event("20261110T080000Z-K1", EventType::PhaseStarted);
  orphan.wall_time_utc = "2026-11-10T08:00:00.000Z";
  append_ok(*journal, orphan);
  CHECK(journal->unfinished_session() == std::optional<std::string>("20261110T080000Z-K1"));
  CHECK(journal->sessions().front().client.empty());

  // And it survives reopening: the answer comes from the file.
  journal.reset();
  auto reopened = open_ok(dir.path());
  CHECK(reopened->unfinished_session() == std::optional<std::string>("20261110T080000Z-K1"));
}

TEST_CASE("resolve_session_id: last, a whole id, a unique prefix, and clear errors", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());

  auto empty_last = journal->resolve_session_id("last");
  REQUIRE_FALSE(empty_last.ok());
  CHECK(empty_last.error().message == "the journal has no sessions yet");

  add_three_sessions(*journal);
  CHECK(journal->resolve_session_id("last").value() == "20261109T140000Z-K007");
  CHECK(journal->resolve_session_id("20261101T090000Z-K042").value() == "20261101T090000Z-K042");
  CHECK(journal->resolve_session_id("20261108").value() == "20261108T090000Z-K042");
  CHECK(journal->resolve_session_id("20261101t").value() == "20261101T090000Z-K042");

  auto none = journal->resolve_session_id("x");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message == "no session matches 'x'");

  auto many = journal->resolve_session_id("2026");
  REQUIRE_FALSE(many.ok());
  CHECK(many.error().message == "'2026' matches 3 sessions; give more of the id");

  auto two = journal->resolve_session_id("202611");
  REQUIRE_FALSE(two.ok());
  CHECK(two.error().message == "'202611' matches 3 sessions; give more of the id");

  // LIKE wildcards are matched literally.
  auto wildcard = journal->resolve_session_id("%");
  REQUIRE_FALSE(wildcard.ok());
  CHECK(wildcard.error().message == "no session matches '%'");
  CHECK_FALSE(journal->resolve_session_id("2026110_T").ok());

  auto blank = journal->resolve_session_id("");
  REQUIRE_FALSE(blank.ok());
  CHECK(blank.error().message.find("'last'") != std::string::npos);
}

TEST_CASE("new_session_id: UTC date-time and a sanitised client code, unique in a process", "[journal]") {
  const std::regex shape("[0-9]{8}T[0-9]{6}Z-K042(-[0-9]+)?");
  const std::string first = new_session_id("K042");
  CHECK(std::regex_match(first, shape));
  CHECK(new_session_id("K042") != first);  // same second, same client: still a new id

  const std::string odd = new_session_id("K 0/4.2; DROP TABLE");
  CHECK(odd.substr(17, 4) == "K042");
  CHECK(odd.find_first_of(" /;.") == std::string::npos);
  CHECK(odd.substr(17).size() <= 16 + 3);
  CHECK(new_session_id("").substr(17).rfind("client", 0) == 0);
  CHECK(new_session_id("\xC3\xA9l\xC3\xA8ve").substr(17).rfind("lve", 0) == 0);
}

TEST_CASE("default_data_dir: XDG_DATA_HOME, else ~/.local/share", "[journal]") {
  EnvGuard xdg("XDG_DATA_HOME");
  EnvGuard home("HOME");
  ::setenv("XDG_DATA_HOME", "/data/xdg", 1);
  ::setenv("HOME", "/home/therapist", 1);
  CHECK(default_data_dir() == std::filesystem::path("/data/xdg/holdspace"));
  ::setenv("XDG_DATA_HOME", "relative/ignored", 1);
  CHECK(default_data_dir() == std::filesystem::path("/home/therapist/.local/share/holdspace"));
  ::unsetenv("XDG_DATA_HOME");
  CHECK(default_data_dir() == std::filesystem::path("/home/therapist/.local/share/holdspace"));
}

TEST_CASE("sessions: 2,000 sessions still list quickly", "[journal][slow]") {
  TempDir dir;
  {
    // Written the fast way (one transaction) as the v1 record; opening migrates and indexes.
    RawDb raw(dir / "journal.sqlite3");
    raw.exec(R"sql(
      CREATE TABLE events (session_id TEXT NOT NULL, sequence INTEGER NOT NULL CHECK (sequence >= 1),
        wall_time_utc TEXT NOT NULL, utc_offset_minutes INTEGER NOT NULL, session_ns INTEGER NOT NULL,
        type TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (session_id, sequence));
      PRAGMA user_version = 1;
      BEGIN;)sql");
    sqlite3_stmt* insert = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw.handle(), "INSERT INTO events VALUES (?1, ?2, ?3, 60, ?4, ?5, ?6)", -1, &insert,
                               nullptr) == SQLITE_OK);
    const std::string plan_toml(4000, '#');  // a plan snapshot of realistic size
    for (int s = 0; s < 2000; ++s) {
      char id[40];
      char wall[40];
      std::snprintf(id, sizeof id, "2026%04dT090000Z-K%d", s, s % 40);
      std::snprintf(wall, sizeof wall, "2026-01-01T%02d:%02d:%02d.000Z", s / 3600, s / 60 % 60, s % 60);
      for (int q = 1; q <= 40; ++q) {
        const bool first = q == 1;
        const bool last = q == 40;
        const nlohmann::json payload =
            first ? nlohmann::json{{"client", "K" + std::to_string(s % 40)}, {"plan_name", "KAP"},
                                   {"planned_minutes", 180}, {"plan_toml", plan_toml}}
                  : nlohmann::json{{"kind", "note"}, {"text", "steady"}};
        const std::string text = payload.dump();
        sqlite3_bind_text(insert, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(insert, 2, q);
        sqlite3_bind_text(insert, 3, wall, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 4, std::int64_t(q) * 60'000'000'000);
        sqlite3_bind_text(insert, 5, first ? "session_started" : last && s % 2 ? "session_ended" : "marker", -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(insert, 6, text.c_str(), -1, SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(insert) == SQLITE_DONE);
        sqlite3_reset(insert);
      }
    }
    sqlite3_finalize(insert);
    raw.exec("COMMIT");
  }
  auto journal = open_ok(dir.path());

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto all = journal->sessions();
  const auto listed = Clock::now();
  const auto one_client = journal->sessions(std::string("K7"));
  const auto unfinished = journal->unfinished_session();
  const auto resolved = journal->resolve_session_id("20261999");
  const auto events = journal->events("20260500T090000Z-K20");
  const auto done = Clock::now();

  REQUIRE(all.size() == 2000);
  CHECK(all.front().session_id == "20261999T090000Z-K39");
  CHECK(all.front().actual_minutes == Approx(40));
  CHECK(one_client.size() == 50);
  CHECK(unfinished == std::optional<std::string>("20261998T090000Z-K38"));
  CHECK(resolved.ok());
  CHECK(events->size() == 40);
  const double list_ms = std::chrono::duration<double, std::milli>(listed - start).count();
  const double rest_ms = std::chrono::duration<double, std::milli>(done - listed).count();
  INFO("list " << list_ms << " ms, the other queries " << rest_ms << " ms");
  CHECK(list_ms < 100);
  CHECK(rest_ms < 100);

  // The listing queries walk an index rather than sorting or scanning events.
  RawDb raw(dir / "journal.sqlite3");
  const auto plan = [&](const std::string& sql) {
    std::string text;
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw.handle(), ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &statement, nullptr) ==
            SQLITE_OK);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      text += reinterpret_cast<const char*>(sqlite3_column_text(statement, 3));
      text += "; ";
    }
    sqlite3_finalize(statement);
    return text;
  };
  const std::string order = " ORDER BY started_utc DESC, session_id DESC";
  for (const std::string& sql :
       {"SELECT * FROM sessions" + order, "SELECT * FROM sessions WHERE client = 'K7'" + order,
        "SELECT session_id FROM sessions WHERE ended = 0" + order + " LIMIT 1"}) {
    const std::string how = plan(sql);
    INFO(sql << " -> " << how);
    CHECK(how.find(" INDEX sessions_") != std::string::npos);
    CHECK(how.find("TEMP B-TREE") == std::string::npos);
  }
}

TEST_CASE("sessions: a session's length ends at session_ended, not at tracks fading after it",
          "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  append_ok(*journal, make_event("L", EventType::SessionStarted, {{"client", "L1"}}));
  auto ended = make_event("L", EventType::SessionEnded, {{"reason", "ended"}});
  ended.session_ns = 60'000'000'000;
  append_ok(*journal, ended);
  auto fading = make_event("L", EventType::TrackEnded, {{"played_seconds", 10.0}});
  fading.session_ns = 68'000'000'000;
  append_ok(*journal, fading);
  const auto list = journal->sessions();
  REQUIRE(list.size() == 1);
  CHECK(list[0].ended);
  CHECK(list[0].actual_minutes == Approx(1.0));
}
