// The store itself: owner-only folder and files, WAL with synchronous=FULL on the journal's own
// connection, the schema version, and migrating a file written by an older schema.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "journal/schema.h"
#include "journal_test_support.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

namespace {

// The whole v1 schema, as a v1 holdspace would have left the file.
void write_v1_journal(const std::filesystem::path& file) {
  RawDb raw(file);
  raw.exec(R"sql(
    CREATE TABLE events (session_id TEXT NOT NULL, sequence INTEGER NOT NULL CHECK (sequence >= 1),
      wall_time_utc TEXT NOT NULL, utc_offset_minutes INTEGER NOT NULL, session_ns INTEGER NOT NULL,
      type TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (session_id, sequence));
    PRAGMA user_version = 1;
    INSERT INTO events VALUES
      ('OLD-A', 1, '2026-10-01T09:00:00.000Z', 120, 0, 'session_started',
       '{"client":"K5","plan_name":"KAP 3 h","planned_minutes":180,"plan_toml":""}'),
      ('OLD-A', 2, '2026-10-01T09:00:01.000Z', 120, 1000000000, 'phase_started', '{"phase":0}'),
      ('OLD-A', 3, '2026-10-01T12:05:00.000Z', 120, 11100000000000, 'session_ended', '{"reason":"ended"}'),
      ('OLD-B', 1, '2026-10-02T09:00:00.000Z', 120, 0, 'session_started',
       '{"client":"K6","plan_name":"IV","planned_minutes":70,"plan_toml":""}'),
      ('OLD-B', 2, '2026-10-02T09:30:00.000Z', 120, 1800000000000, 'marker', '{"kind":"dose"}');
  )sql");
}

}  // namespace

TEST_CASE("store: folder 0700 and files 0600 whatever the umask", "[journal][privacy]") {
  TempDir dir;
  const auto data_dir = dir / "share/holdspace";
  const mode_t old_umask = ::umask(0);  // the most permissive: modes must come from the journal
  auto journal = Journal::open(data_dir);
  ::umask(old_umask);
  REQUIRE(journal.ok());
  append_ok(**journal, session_start("P", "K1", "2026-11-21T19:00:00.000Z"));

  CHECK(file_mode(data_dir) == 0700);
  CHECK(file_mode(dir / "share") == 0700);  // a parent it had to create is private too
  CHECK(file_mode(data_dir / "journal.sqlite3") == 0600);
  REQUIRE(std::filesystem::exists(data_dir / "journal.sqlite3-wal"));
  CHECK(file_mode(data_dir / "journal.sqlite3-wal") == 0600);
  REQUIRE(std::filesystem::exists(data_dir / "journal.sqlite3-shm"));
  CHECK(file_mode(data_dir / "journal.sqlite3-shm") == 0600);
}

TEST_CASE("store: an existing folder and file are made private", "[journal][privacy]") {
  TempDir dir;
  const auto data_dir = dir / "holdspace";
  std::filesystem::create_directories(data_dir);
  ::chmod(data_dir.c_str(), 0755);
  std::ofstream(data_dir / "journal.sqlite3").flush();
  ::chmod((data_dir / "journal.sqlite3").c_str(), 0644);

  auto journal = open_ok(data_dir);
  CHECK(file_mode(data_dir) == 0700);
  CHECK(file_mode(data_dir / "journal.sqlite3") == 0600);
}

TEST_CASE("store: WAL and synchronous=FULL on the journal's connection", "[journal]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  CHECK(journal->diagnostic_pragma("journal_mode").value() == "wal");
  CHECK(journal->diagnostic_pragma("synchronous").value() == "2");  // FULL
  CHECK(journal->diagnostic_pragma("foreign_keys").value() == "1");
  CHECK(std::stoi(journal->diagnostic_pragma("busy_timeout").value()) > 0);

  // journal_mode is a property of the file: a second connection sees it too.
  RawDb raw(journal->path());
  CHECK(raw.text("PRAGMA journal_mode") == "wal");

  // Only pragmas, only plain ones.
  CHECK_FALSE(journal->diagnostic_pragma("user_version; DROP TABLE events").ok());
  CHECK_FALSE(journal->diagnostic_pragma("").ok());
  CHECK(journal->events("x").ok() == false);
  CHECK(raw.text("SELECT count(*) FROM sqlite_schema WHERE name = 'events'") == "1");
}

TEST_CASE("store: the schema carries its version and marks the file as a holdspace journal", "[journal][schema]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  CHECK(schema::current_version() == 3);
  CHECK(schema::migrations().front().version == 1);
  CHECK(journal->diagnostic_pragma("user_version").value() == std::to_string(schema::current_version()));
  CHECK(journal->diagnostic_pragma("application_id").value() == std::to_string(schema::kApplicationId));
  journal.reset();
  // Reopening a current file changes nothing.
  auto again = open_ok(dir.path());
  CHECK(again->diagnostic_pragma("user_version").value() == std::to_string(schema::current_version()));
}

TEST_CASE("store: a v1 journal is migrated, and its sessions list", "[journal][schema]") {
  TempDir dir;
  write_v1_journal(dir / "journal.sqlite3");

  auto journal = open_ok(dir.path());
  CHECK(journal->diagnostic_pragma("user_version").value() == std::to_string(schema::current_version()));
  const auto all = journal->sessions();
  REQUIRE(all.size() == 2);
  CHECK(all[0].session_id == "OLD-B");
  CHECK(all[0].client == "K6");
  CHECK(all[0].plan_name == "IV");
  CHECK(all[0].planned_minutes == 70);
  CHECK(all[0].actual_minutes == Approx(30));
  CHECK(all[0].utc_offset_minutes == 120);
  CHECK_FALSE(all[0].ended);
  CHECK(all[1].session_id == "OLD-A");
  CHECK(all[1].ended);
  CHECK(all[1].actual_minutes == Approx(185));
  CHECK(journal->unfinished_session() == std::optional<std::string>("OLD-B"));
  CHECK(journal->events("OLD-A").value().size() == 3);

  // The migrated file takes new events, and the listing follows them.
  const Event ended = make_event("OLD-B", EventType::SessionEnded, {{"reason", "ended"}}, 3'600'000'000'000);
  CHECK(append_ok(*journal, ended) == 3);
  CHECK_FALSE(journal->unfinished_session());
  CHECK(journal->sessions().front().actual_minutes == Approx(60));
}

TEST_CASE("store: a journal cut off in its first write (a hot rollback journal left) opens, and takes sessions",
          "[journal][kill]") {
  TempDir dir;
  const auto file = dir / "journal.sqlite3";
  // A process that dies inside its first transaction, before WAL is on: SQLite's rollback
  // journal for it is left behind, "hot". The kill tests met this once, under ASan, when a kill
  // landed 28 ms after the writer started.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    sqlite3_exec(db,
                 "PRAGMA cache_size = 1; BEGIN; CREATE TABLE cut_off (x);"
                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                 "  INSERT INTO cut_off SELECT randomblob(500) FROM n;",
                 nullptr, nullptr, nullptr);
    ::_exit(0);  // no COMMIT, no close: as a SIGKILL leaves it
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(std::filesystem::exists(dir / "journal.sqlite3-journal"));

  auto journal = open_ok(dir.path());  // rolls the cut-off transaction back, then sets up as new
  CHECK_FALSE(std::filesystem::exists(dir / "journal.sqlite3-journal"));
  CHECK(journal->diagnostic_pragma("journal_mode").value() == "wal");
  CHECK(journal->diagnostic_pragma("integrity_check").value() == "ok");
  append_ok(*journal, session_start("AFTER", "K7", "2026-11-22T16:00:00.000Z"));
  REQUIRE(journal->sessions().size() == 1);
  CHECK(journal->sessions().front().session_id == "AFTER");
  RawDb raw(file);
  CHECK(raw.text("SELECT count(*) FROM sqlite_schema WHERE name = 'cut_off'") == "0");
}

TEST_CASE("store: a newer schema or a foreign database is refused with one line", "[journal][schema]") {
  TempDir dir;
  SECTION("newer") {
    {
      RawDb raw(dir / "journal.sqlite3");
      raw.exec("CREATE TABLE events (x); PRAGMA user_version = 99;");
    }
    auto opened = Journal::open(dir.path());
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message == (dir / "journal.sqlite3").string() +
                                        ": written by a newer holdspace (journal schema 99, this one reads up to 3); "
                                        "update holdspace");
    RawDb raw(dir / "journal.sqlite3");
    CHECK(raw.text("PRAGMA user_version") == "99");  // untouched
  }
  SECTION("another program's database") {
    {
      RawDb raw(dir / "journal.sqlite3");
      raw.exec("CREATE TABLE recipes (name TEXT)");
    }
    auto opened = Journal::open(dir.path());
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.find("is not a holdspace journal") != std::string::npos);
    CHECK(opened.error().message.find('\n') == std::string::npos);
  }
  SECTION("not a database at all") {
    std::ofstream(dir / "journal.sqlite3") << std::string(8192, 'x');
    auto opened = Journal::open(dir.path());
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.rfind((dir / "journal.sqlite3").string() + ": ", 0) == 0);
    CHECK(opened.error().message.find("damaged") != std::string::npos);
  }
  SECTION("the folder is a file") {
    std::ofstream(dir / "taken") << "x";
    auto opened = Journal::open(dir / "taken");
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.find("taken") != std::string::npos);
  }
}
