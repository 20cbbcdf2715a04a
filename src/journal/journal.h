// The durable event store: SQLite in WAL mode with synchronous=FULL, one row per event.
// An event counts as acknowledged only once append() has returned ok: it is on disk.
// If a write fails (disk full, read-only), the event is kept in memory, in order, and written
// when the disk allows; nothing acknowledged earlier is ever lost.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "journal/event.h"

namespace holdspace::journal {

struct SessionSummary {
  std::string session_id;
  std::string client;
  std::string plan_name;
  std::string started_utc;     // wall time of session_started
  int utc_offset_minutes = 0;
  double planned_minutes = 0;
  double actual_minutes = 0;   // session_ns of the last event, in minutes
  bool ended = false;
};

// $XDG_DATA_HOME/holdspace, else ~/.local/share/holdspace.
std::filesystem::path default_data_dir();

class Journal {
 public:
  // Opens (creating if needed, mode 0700 folder / 0600 files) <data_dir>/journal.sqlite3,
  // migrating an older schema. The error is one line naming the file.
  // Every call is safe from any thread (one mutex). One program writes a given session.
  static Result<std::unique_ptr<Journal>> open(const std::filesystem::path& data_dir);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Assigns the event its sequence number and writes it, with any events still waiting from
  // an earlier failure first. Ok = this event (and all before it) are committed to disk.
  // On failure the event waits in memory (pending_count() > 0) and the error says why.
  // An empty wall_time_utc is filled with now. Refused outright (not kept): an event with no
  // session id, and a second session_started for a session.
  Result<std::int64_t> append(Event event);
  // Tries again to write what waits in memory.
  Status flush_pending();
  std::size_t pending_count() const;
  // Why events wait, in the therapist's words ("disk full", "read-only", ...); "" when none do.
  std::string pending_reason() const;

  // Review queries. sessions() lists what is on disk, newest first; the client filter ignores
  // case. events() is the session in sequence order, followed by any of its events still
  // waiting in memory.
  std::vector<SessionSummary> sessions(const std::optional<std::string>& client = std::nullopt);
  Result<std::vector<Event>> events(const std::string& session_id);
  // The most recent session that has no session_ended event, if any.
  std::optional<std::string> unfinished_session();
  // "last" resolves to the newest session; otherwise the id itself (or a unique prefix of it).
  Result<std::string> resolve_session_id(const std::string& id_or_last);

  const std::filesystem::path& path() const;

  // Diagnostics and tests: runs "PRAGMA <name>" or "PRAGMA <name> = <value>" on the journal's
  // own connection (e.g. "journal_mode", "synchronous", "user_version") and returns the first
  // column of the first row ("" when there is none). Anything else is refused.
  Result<std::string> diagnostic_pragma(const std::string& pragma);

 private:
  struct Impl;
  explicit Journal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A new session id: "<UTC date-time>-<client>", e.g. "20261121T194703Z-K042". The client code
// keeps only ASCII letters and digits (at most 16; "client" if none are left); a second id for
// the same client in the same second gets "-2", "-3", ...
std::string new_session_id(const std::string& client);

}  // namespace holdspace::journal
