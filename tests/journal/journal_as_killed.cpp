#include "journal_as_killed.h"

#include <catch2/catch.hpp>

namespace holdspace::test {

sqlite3* open_journal_as_killed(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  const int opened = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  INFO(file << ": " << (db ? sqlite3_errmsg(db) : sqlite3_errstr(opened)));
  REQUIRE(opened == SQLITE_OK);
  REQUIRE(sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA query_only = 1", nullptr, nullptr, nullptr) == SQLITE_OK);
  return db;
}

}  // namespace holdspace::test
