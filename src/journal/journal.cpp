// The write path: opening the store, and append() with its in-memory queue for when the disk
// refuses. An event is acknowledged only after its transaction has committed (WAL with
// synchronous=FULL: the commit has been fsynced).
#include "journal/journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <regex>
#include <utility>

#include "core/wall_time.h"
#include "journal/journal_impl.h"
#include "journal/private_files.h"
#include "journal/schema.h"

namespace holdspace::journal {
namespace {

// A second holdspace (say, `sessions` while `run` is going) only holds the lock for a moment.
constexpr int kBusyTimeoutMs = 2000;

constexpr const char* kInsertEvent =
    "INSERT INTO events (session_id, sequence, wall_time_utc, utc_offset_minutes, session_ns, type, payload) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kStoredEvent =
    "SELECT wall_time_utc, utc_offset_minutes, session_ns, type, payload FROM events "
    "WHERE session_id = ?1 AND sequence = ?2";
constexpr const char* kMaxSequence = "SELECT max(sequence) FROM events WHERE session_id = ?1";
constexpr const char* kSessionEvents =
    "SELECT sequence, wall_time_utc, utc_offset_minutes, session_ns, type, payload FROM events "
    "WHERE session_id = ?1 ORDER BY sequence";
constexpr const char* kSessionColumns =
    "SELECT session_id, client, plan_name, started_utc, utc_offset_minutes, planned_minutes, "
    "last_session_ns, ended FROM sessions ";
constexpr const char* kNewestFirst = " ORDER BY started_utc DESC, session_id DESC";

std::string payload_text(const nlohmann::json& payload) {
  // replace: a title with broken UTF-8 must not make an event unwritable.
  if (payload.is_null()) return "{}";
  return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Failures a new connection may cure; a full disk or a busy lock needs only a retry.
bool wants_reconnect(const sqlite::Failure& failure, bool connection_read_only) {
  if (connection_read_only) return true;  // opened while the file was not writable
  switch (failure.primary()) {
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return true;
    case SQLITE_READONLY: return failure.code == SQLITE_READONLY_DBMOVED || failure.code == SQLITE_READONLY_RECOVERY;
    default: return false;
  }
}

// SQLite can lose the errno behind an I/O error (it reads errno after later calls have run),
// and "input/output error" would send the therapist looking for a broken disk when it went
// read-only. So the kernel is asked again: can the file still be opened for writing? Only once
// the connection is closed (an I/O error always closes it): closing a second descriptor of a
// file drops every POSIX lock this process holds on it, SQLite's included.
int errno_behind(const sqlite::Failure& failure, const std::filesystem::path& file) {
  if (failure.primary() != SQLITE_IOERR || failure.system_errno != 0) return failure.system_errno;
  const int fd = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return errno;
  ::close(fd);
  return 0;
}

}  // namespace

std::string write_failure_message(const sqlite::Failure& failure) {
  const std::string reason = sqlite::plain_reason(failure);
  const char* when = reason == "disk full" ? "when space returns" : "as soon as the disk allows";
  return "the journal could not be written (" + reason + "): events are kept in memory and will be written " + when;
}

std::optional<std::string> Journal::Impl::connect() {
  statements = Statements{};
  db.close();

  std::string error;
  sqlite::Failure& failure = connect_failure;
  failure = {};
  if (!make_private_directory(folder, error) || !make_private_file(file, error)) {
    failure.code = SQLITE_CANTOPEN;
    failure.system_errno = errno;
    return error;
  }

  auto opened = sqlite::Database::open(file, failure);
  const auto failed = [&](const std::string& what) {
    return file.string() + ": " + what + " (" + sqlite::plain_reason(failure) + ")";
  };
  if (!opened) return failed("cannot open the journal");
  db = std::move(*opened);
  sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
  if (auto error = configure()) {
    // Hold no file between attempts: a disk gone read-only can then be unmounted and repaired.
    statements = Statements{};
    db.close();
    return error;
  }
  return std::nullopt;
}

std::optional<std::string> Journal::Impl::configure() {
  std::string error;
  sqlite::Failure& failure = connect_failure;
  const auto failed = [&](const std::string& what) {
    return file.string() + ": " + what + " (" + sqlite::plain_reason(failure) + ")";
  };

  const auto mode = db.query_text("PRAGMA journal_mode = WAL", failure);
  if (!mode) return failed("cannot open the journal");
  if (*mode != "wal") {
    return file.string() + ": this folder cannot hold a write-ahead log (journal mode '" + *mode +
           "'); give a --data-dir on a local disk";
  }
  if (!db.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", failure)) {
    return failed("cannot open the journal");
  }
  if (!schema::migrate(db, file.string(), error)) {
    failure = db.last_failure();
    return error;
  }

  // SQLite gives its companions the database's mode; this also mends files made by hand.
  restrict_if_present(file);
  restrict_if_present(file.string() + "-wal");
  restrict_if_present(file.string() + "-shm");
  sync_directory(folder);
  return prepare_statements();
}

std::optional<std::string> Journal::Impl::prepare_statements() {
  sqlite::Failure failure;
  bool ok = true;
  const auto prepare = [&](sqlite::Statement& into, const std::string& sql) {
    if (!ok) return;
    auto statement = db.prepare(sql, failure);
    if (statement) {
      into = std::move(*statement);
    } else {
      ok = false;
    }
  };
  prepare(statements.insert_event, kInsertEvent);
  prepare(statements.stored_event, kStoredEvent);
  prepare(statements.max_sequence, kMaxSequence);
  prepare(statements.session_events, kSessionEvents);
  prepare(statements.all_sessions, std::string(kSessionColumns) + kNewestFirst);
  prepare(statements.client_sessions, std::string(kSessionColumns) + "WHERE client = ?1" + kNewestFirst);
  prepare(statements.newest_session, std::string("SELECT session_id FROM sessions") + kNewestFirst + " LIMIT 1");
  prepare(statements.newest_unfinished,
          std::string("SELECT session_id FROM sessions WHERE ended = 0") + kNewestFirst + " LIMIT 1");
  prepare(statements.session_exists, "SELECT 1 FROM sessions WHERE session_id = ?1");
  prepare(statements.sessions_like,
          std::string("SELECT session_id, count(*) OVER () FROM sessions WHERE session_id LIKE ?1 ESCAPE '\\'") +
              kNewestFirst + " LIMIT 1");
  if (!ok) {
    connect_failure = failure;
    return file.string() + ": cannot read the journal (" + sqlite::plain_reason(failure) + ")";
  }
  return std::nullopt;
}

Result<std::int64_t> Journal::Impl::next_sequence(const std::string& session_id) {
  if (const auto known = last_sequence.find(session_id); known != last_sequence.end()) {
    return known->second + 1;
  }
  if (ensure_connected()) {
    return Error{"the journal could not be read (" + sqlite::plain_reason(connect_failure) +
                 "): the event was not recorded"};
  }
  auto& query = statements.max_sequence;
  query.reset().bind(1, session_id);
  const int rc = query.step();
  if (rc != SQLITE_ROW) {
    const auto failure = db.last_failure();
    query.reset();
    return Error{"the journal could not be read (" + sqlite::plain_reason(failure) + "): the event was not recorded"};
  }
  const std::int64_t last = query.integer(0);  // NULL (a new session) reads as 0
  query.reset();
  last_sequence[session_id] = last;
  return last + 1;
}

std::optional<std::string> Journal::Impl::ensure_connected() {
  if (db.handle()) return std::nullopt;
  if (auto error = connect()) {
    if (!pending.empty()) last_failure = connect_failure;
    return error;
  }
  return std::nullopt;
}

Status Journal::Impl::write_pending() {
  if (pending.empty()) return ok_status();
  sqlite::Failure failure;
  if (!db.handle()) {
    if (connect()) {
      last_failure = connect_failure;
      return Error{write_failure_message(connect_failure)};
    }
  }

  const auto fail = [&](sqlite::Failure why) -> Status {
    if (db.in_transaction()) {
      sqlite::Failure ignored;
      db.execute("ROLLBACK", ignored);
    }
    if (wants_reconnect(why, db.read_only())) {
      // Let go of the file now, not at the next attempt: while holdspace holds it open for
      // writing, a disk that went read-only cannot be unmounted, repaired and mounted again.
      statements = Statements{};
      db.close();
    }
    if (!db.handle()) why.system_errno = errno_behind(why, file);
    last_failure = why;
    return Error{write_failure_message(why)};
  };

  if (!db.execute("BEGIN IMMEDIATE", failure)) return fail(failure);
  for (const Event& event : pending) {
    const std::string payload = payload_text(event.payload);
    auto& insert = statements.insert_event;
    insert.reset()
        .bind(1, event.session_id)
        .bind(2, event.sequence)
        .bind(3, event.wall_time_utc)
        .bind(4, event.utc_offset_minutes)
        .bind(5, event.session_ns)
        .bind(6, to_string(event.type))
        .bind(7, payload);
    const int rc = insert.step();
    if (rc == SQLITE_DONE) continue;
    failure = db.last_failure();
    insert.reset();
    if (failure.code != SQLITE_CONSTRAINT_PRIMARYKEY) return fail(failure);

    // A commit that reported failure may still have reached the disk; the same event already
    // there counts as written. Anything else under this key means two writers.
    auto& stored = statements.stored_event;
    stored.reset().bind(1, event.session_id).bind(2, event.sequence);
    const bool same = stored.step() == SQLITE_ROW && stored.text(0) == event.wall_time_utc &&
                      stored.integer(1) == event.utc_offset_minutes && stored.integer(2) == event.session_ns &&
                      stored.text(3) == to_string(event.type) && stored.text(4) == payload;
    stored.reset();
    if (!same) {
      static_cast<void>(fail(failure));  // rolls back; the message below says more
      return Error{"the journal could not be written (session " + event.session_id + " event " +
                   std::to_string(event.sequence) +
                   " is already taken: is another holdspace running?): events are kept in memory"};
    }
  }
  if (!db.execute("COMMIT", failure)) return fail(failure);
  pending.clear();
  last_failure = {};
  return ok_status();
}

Journal::Journal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Journal::~Journal() {
  // Last chance for events that were refused earlier (they were never acknowledged).
  if (impl_) {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->pending.empty()) (void)impl_->write_pending();
  }
}

Result<std::unique_ptr<Journal>> Journal::open(const std::filesystem::path& data_dir) {
  auto impl = std::make_unique<Impl>();
  impl->folder = data_dir;
  impl->file = data_dir / "journal.sqlite3";
  if (auto error = impl->connect()) return Error{*error};
  return std::unique_ptr<Journal>(new Journal(std::move(impl)));
}

Result<std::int64_t> Journal::append(Event event) {
  std::lock_guard lock(impl_->mutex);
  if (event.session_id.empty()) return Error{"an event needs a session id: it was not recorded"};
  if (event.wall_time_utc.empty()) {  // the record always carries a wall time
    const auto now = std::chrono::system_clock::now();
    event.wall_time_utc = iso_utc(now);
    event.utc_offset_minutes = utc_offset_minutes(now);
  }
  auto sequence = impl_->next_sequence(event.session_id);
  if (!sequence) return sequence.error();
  if (event.type == EventType::SessionStarted && *sequence != 1) {
    return Error{"session " + event.session_id + " has already started: it was not started again"};
  }
  event.sequence = *sequence;
  impl_->last_sequence[event.session_id] = event.sequence;
  impl_->pending.push_back(std::move(event));
  auto written = impl_->write_pending();
  if (!written) return written.error();
  return *sequence;
}

Status Journal::flush_pending() {
  std::lock_guard lock(impl_->mutex);
  return impl_->write_pending();
}

std::size_t Journal::pending_count() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->pending.size();
}

std::string Journal::pending_reason() const {
  std::lock_guard lock(impl_->mutex);
  if (impl_->pending.empty()) return {};
  return sqlite::plain_reason(impl_->last_failure);
}

const std::filesystem::path& Journal::path() const { return impl_->file; }

Result<std::string> Journal::diagnostic_pragma(const std::string& pragma) {
  static const std::regex allowed("[a-z_]+( ?= ?[A-Za-z0-9_]+)?");
  if (!std::regex_match(pragma, allowed)) return Error{"not a pragma this journal runs: '" + pragma + "'"};
  std::lock_guard lock(impl_->mutex);
  if (auto error = impl_->ensure_connected()) return Error{*error};
  sqlite::Failure failure;
  auto value = impl_->db.query_text("PRAGMA " + pragma, failure);
  if (!value) return Error{"PRAGMA " + pragma + ": " + failure.message};
  return *value;
}

}  // namespace holdspace::journal
