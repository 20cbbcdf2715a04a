// The journal's private state, shared by the write path (journal.cpp) and the review queries
// (journal_queries.cpp). Every public Journal call takes the mutex, so the control thread can
// append while another thread lists sessions.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "journal/journal.h"
#include "journal/sqlite_db.h"

namespace holdspace::journal {

// Prepared once per connection; every query the journal runs more than once is here.
struct Statements {
  sqlite::Statement insert_event;
  sqlite::Statement stored_event;    // one event by key, to recognise a write that did land
  sqlite::Statement max_sequence;
  sqlite::Statement session_events;
  sqlite::Statement all_sessions;
  sqlite::Statement client_sessions;
  sqlite::Statement newest_session;
  sqlite::Statement newest_unfinished;
  sqlite::Statement session_exists;
  sqlite::Statement sessions_like;   // id prefix, with how many match
};

struct Journal::Impl {
  std::filesystem::path folder;
  std::filesystem::path file;
  mutable std::mutex mutex;

  // The connection is declared before its statements so they are finalized first.
  sqlite::Database db;
  Statements statements;

  // Events with their sequence assigned that are not on disk yet, oldest first. They are
  // written before anything newer, so each session's order on disk is the order of append().
  std::deque<Event> pending;
  // The last sequence handed out per session (on disk or pending).
  std::unordered_map<std::string, std::int64_t> last_sequence;
  // Why the last connect() failed, in SQLite's terms (errno included).
  sqlite::Failure connect_failure;
  // Why the events in `pending` are still there: the last failed write or connect.
  sqlite::Failure last_failure;

  // Opens the file, sets the pragmas, migrates and prepares. The message names the file. On
  // failure no connection stays open (db.handle() is null), so no file is held between
  // attempts. A failed write that a fresh connection may cure (the disk went read-only, an I/O
  // error, the file moved) closes the connection too; the next write or query reconnects.
  std::optional<std::string> connect();
  std::optional<std::string> configure();
  std::optional<std::string> prepare_statements();
  // Reconnects if the connection was let go; the error says why it could not.
  std::optional<std::string> ensure_connected();

  // Writes every pending event in one transaction. On failure they all stay pending.
  Status write_pending();
  Result<std::int64_t> next_sequence(const std::string& session_id);
};

// "the journal could not be written (disk full): events are kept in memory and ..."
std::string write_failure_message(const sqlite::Failure& failure);

// Session ids and prefixes as typed; LIKE wildcards in them are matched literally.
std::string like_prefix_pattern(const std::string& prefix);

}  // namespace holdspace::journal
