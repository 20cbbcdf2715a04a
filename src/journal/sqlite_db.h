// Thin RAII over the SQLite C API for the journal: one connection, prepared statements, and
// error codes turned into words a therapist can act on. Nothing here knows about events.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace holdspace::journal::sqlite {

// What went wrong in one SQLite call: the extended code, the errno behind it, and the text.
struct Failure {
  int code = SQLITE_OK;  // extended result code
  int system_errno = 0;
  std::string message;
  int primary() const { return code & 0xff; }
};

// A short reason in the therapist's words: "disk full", "read-only", ...
std::string plain_reason(const Failure& failure);

class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Clears the previous run (results and bindings) so the statement can be used again.
  Statement& reset();
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

  sqlite3_stmt* handle() const { return statement_; }

 private:
  friend class Database;
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  sqlite3_stmt* statement_ = nullptr;
};

class Database {
 public:
  Database() = default;
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens read-write, creating the file if needed. On failure, returns nothing and fills failure.
  static std::optional<Database> open(const std::filesystem::path& file, Failure& failure);

  // Statements kept for the connection's life (SQLITE_PREPARE_PERSISTENT).
  std::optional<Statement> prepare(std::string_view sql, Failure& failure);
  // Runs one or more statements without results. False on failure.
  bool execute(const std::string& sql, Failure& failure);
  // The first column of the first row of a query, as text ("" when there is no row).
  std::optional<std::string> query_text(const std::string& sql, Failure& failure);

  // The last error on this connection.
  Failure last_failure() const;
  bool in_transaction() const;
  bool read_only() const;
  void close();
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace holdspace::journal::sqlite
