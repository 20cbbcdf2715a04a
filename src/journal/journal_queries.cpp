// Review queries: the session list (from the sessions table the trigger keeps), one session's
// events in order, the unfinished session to resume, and turning what the therapist typed into
// a session id.
#include <utility>

#include "journal/journal.h"
#include "journal/journal_impl.h"

namespace holdspace::journal {
namespace {

constexpr double kNsPerMinute = 60e9;

SessionSummary summary_from(const sqlite::Statement& row) {
  SessionSummary summary;
  summary.session_id = row.text(0);
  summary.client = row.text(1);
  summary.plan_name = row.text(2);
  summary.started_utc = row.text(3);
  summary.utc_offset_minutes = static_cast<int>(row.integer(4));
  summary.planned_minutes = row.real(5);
  summary.actual_minutes = static_cast<double>(row.integer(6)) / kNsPerMinute;
  summary.ended = row.integer(7) != 0;
  return summary;
}

std::optional<std::string> first_id(sqlite::Statement& query) {
  std::optional<std::string> id;
  if (query.step() == SQLITE_ROW) id = query.text(0);
  query.reset();
  return id;
}

}  // namespace

std::string like_prefix_pattern(const std::string& prefix) {
  std::string pattern;
  for (const char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + '%';
}

std::vector<SessionSummary> Journal::sessions(const std::optional<std::string>& client) {
  std::lock_guard lock(impl_->mutex);
  if (impl_->ensure_connected()) return {};
  auto& query = client ? impl_->statements.client_sessions : impl_->statements.all_sessions;
  query.reset();
  if (client) query.bind(1, *client);
  std::vector<SessionSummary> found;
  while (query.step() == SQLITE_ROW) found.push_back(summary_from(query));
  query.reset();
  return found;
}

Result<std::vector<Event>> Journal::events(const std::string& session_id) {
  std::lock_guard lock(impl_->mutex);
  if (auto error = impl_->ensure_connected()) return Error{*error};
  auto& query = impl_->statements.session_events;
  query.reset().bind(1, session_id);
  std::vector<Event> found;
  int rc = SQLITE_ROW;
  while ((rc = query.step()) == SQLITE_ROW) {
    Event event;
    event.session_id = session_id;
    event.sequence = query.integer(0);
    event.wall_time_utc = query.text(1);
    event.utc_offset_minutes = static_cast<int>(query.integer(2));
    event.session_ns = query.integer(3);
    const std::string type = query.text(4);
    const auto known = event_type_from(type);
    if (!known) {
      query.reset();
      return Error{impl_->file.string() + ": session " + session_id + " event " + std::to_string(event.sequence) +
                   " has a type this holdspace does not know ('" + type + "'); update holdspace"};
    }
    event.type = *known;
    event.payload = nlohmann::json::parse(query.text(5), nullptr, false);
    if (event.payload.is_discarded()) {
      query.reset();
      return Error{impl_->file.string() + ": session " + session_id + " event " + std::to_string(event.sequence) +
                   " has a damaged payload"};
    }
    found.push_back(std::move(event));
  }
  query.reset();
  if (rc != SQLITE_DONE) {
    return Error{impl_->file.string() + ": cannot read session " + session_id + " (" +
                 sqlite::plain_reason(impl_->db.last_failure()) + ")"};
  }
  // Events still waiting for the disk are part of the session as the program knows it; they
  // follow everything on disk, because they were sequenced after it.
  for (const Event& waiting : impl_->pending) {
    if (waiting.session_id == session_id) found.push_back(waiting);
  }
  if (found.empty()) return Error{"no session '" + session_id + "' in the journal"};
  return found;
}

std::optional<std::string> Journal::unfinished_session() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->ensure_connected()) return std::nullopt;
  return first_id(impl_->statements.newest_unfinished);
}

Result<std::string> Journal::resolve_session_id(const std::string& id_or_last) {
  std::lock_guard lock(impl_->mutex);
  if (id_or_last.empty()) return Error{"give a session id, or 'last' for the newest session"};
  if (auto error = impl_->ensure_connected()) return Error{*error};
  auto& statements = impl_->statements;
  if (id_or_last == "last") {
    if (auto newest = first_id(statements.newest_session)) return *newest;
    return Error{"the journal has no sessions yet"};
  }
  statements.session_exists.reset().bind(1, id_or_last);
  if (first_id(statements.session_exists)) return id_or_last;

  // A prefix, as typed (LIKE ignores ASCII case, so "20261121t" finds "20261121T...").
  auto& like = statements.sessions_like;
  like.reset().bind(1, like_prefix_pattern(id_or_last));
  std::optional<std::string> match;
  std::int64_t count = 0;
  if (like.step() == SQLITE_ROW) {
    match = like.text(0);
    count = like.integer(1);
  }
  like.reset();
  if (count == 0) return Error{"no session matches '" + id_or_last + "'"};
  if (count > 1) {
    return Error{"'" + id_or_last + "' matches " + std::to_string(count) + " sessions; give more of the id"};
  }
  return *match;
}

}  // namespace holdspace::journal
