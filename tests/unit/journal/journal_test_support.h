// Helpers for the journal tests: events made in one line, a journal opened or the test fails,
// and a second, plain SQLite connection to look at the file the way another program would.
#pragma once

#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "journal/journal.h"
#include "support/test_audio.h"

namespace holdspace::journal::test {

using holdspace::test::TempDir;

inline Event make_event(const std::string& session_id, EventType type,
                        nlohmann::json payload = nlohmann::json::object(), std::int64_t session_ns = 0) {
  Event event;
  event.session_id = session_id;
  event.type = type;
  event.payload = std::move(payload);
  event.session_ns = session_ns;
  event.wall_time_utc = "2026-11-21T19:47:03.123Z";
  event.utc_offset_minutes = 60;
  return event;
}

inline Event session_start(const std::string& session_id, const std::string& client, const std::string& wall_time,
                           const std::string& plan = "KAP 3 h", double planned_minutes = 180) {
  Event event = make_event(session_id, EventType::SessionStarted,
                           {{"client", client}, {"plan_name", plan}, {"plan_path", "/plans/kap-3h.toml"},
                            {"plan_toml", "name = \"" + plan + "\"\n"}, {"planned_minutes", planned_minutes}});
  event.wall_time_utc = wall_time;
  return event;
}

inline std::unique_ptr<Journal> open_ok(const std::filesystem::path& dir) {
  auto opened = Journal::open(dir);
  INFO((opened ? std::string() : opened.error().message));
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

inline std::int64_t append_ok(Journal& journal, Event event) {
  auto written = journal.append(std::move(event));
  INFO((written ? std::string() : written.error().message));
  REQUIRE(written.ok());
  return written.value();
}

inline unsigned file_mode(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

// A plain connection of its own, as another program would open the file.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& file) {
    REQUIRE(sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    INFO(sql << ": " << (message ? message : ""));
    sqlite3_free(message);
    REQUIRE(rc == SQLITE_OK);
  }
  // The first column of the first row, as text ("" when there is none).
  std::string text(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    INFO(sql << ": " << sqlite3_errmsg(db_));
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0)) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return value;
  }
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace holdspace::journal::test
