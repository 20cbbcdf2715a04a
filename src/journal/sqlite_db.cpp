// The SQLite wrapper: ownership of the connection and statements, and error words.
#include "journal/sqlite_db.h"

#include <cerrno>
#include <utility>

namespace holdspace::journal::sqlite {

std::string plain_reason(const Failure& failure) {
  // The errno wins when there is one: SQLite reports some ENOSPC writes as I/O errors.
  if (failure.system_errno == ENOSPC || failure.system_errno == EDQUOT) return "disk full";
  if (failure.system_errno == EROFS) return "read-only";
  switch (failure.primary()) {
    case SQLITE_FULL: return "disk full";
    case SQLITE_READONLY: return "read-only";
    case SQLITE_PERM:
    case SQLITE_AUTH: return "permission denied";
    case SQLITE_IOERR: return "input/output error";
    case SQLITE_CANTOPEN: return "the file cannot be opened";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "another program is using it";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return "the file is damaged";
    case SQLITE_NOMEM: return "out of memory";
    default: return failure.message.empty() ? sqlite3_errstr(failure.code) : failure.message;
  }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept : statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

Statement& Statement::reset() {
  // While the journal is disconnected (the disk went read-only) its statements are empty, and
  // sqlite3_clear_bindings does not accept a null statement.
  if (!statement_) return *this;
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

int Statement::step() { return sqlite3_step(statement_); }

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)) : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

Database::~Database() { close(); }

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

std::optional<Database> Database::open(const std::filesystem::path& file, Failure& failure) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    failure.code = rc;
    failure.system_errno = db ? sqlite3_system_errno(db) : 0;
    failure.message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return std::nullopt;
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

std::optional<Statement> Database::prepare(std::string_view sql, Failure& failure) {
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &statement, nullptr);
  if (rc != SQLITE_OK) {
    failure = last_failure();
    sqlite3_finalize(statement);
    return std::nullopt;
  }
  return Statement(statement);
}

bool Database::execute(const std::string& sql, Failure& failure) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    failure = last_failure();
    return false;
  }
  return true;
}

std::optional<std::string> Database::query_text(const std::string& sql, Failure& failure) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    failure = last_failure();
    sqlite3_finalize(statement);
    return std::nullopt;
  }
  Statement owned(statement);
  const int rc = owned.step();
  if (rc == SQLITE_ROW) return owned.text(0);
  if (rc == SQLITE_DONE) return std::string();
  failure = last_failure();
  return std::nullopt;
}

Failure Database::last_failure() const {
  Failure failure;
  if (!db_) {
    failure.code = SQLITE_MISUSE;
    failure.message = "the journal is closed";
    return failure;
  }
  failure.code = sqlite3_extended_errcode(db_);
  failure.system_errno = sqlite3_system_errno(db_);
  failure.message = sqlite3_errmsg(db_);
  return failure;
}

bool Database::in_transaction() const { return db_ && !sqlite3_get_autocommit(db_); }

bool Database::read_only() const { return db_ && sqlite3_db_readonly(db_, "main") == 1; }

void Database::close() {
  if (db_) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
  }
}

}  // namespace holdspace::journal::sqlite
