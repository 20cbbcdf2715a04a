// The schema, as a list of migration steps. The events table is the record; everything else is
// derived from it (and could be rebuilt from it by a later step).
#include "journal/schema.h"

namespace holdspace::journal::schema {
namespace {

// v1: the record itself. One row per event; (session_id, sequence) is the key, and reading a
// session's events in order is a walk of that key.
constexpr const char* kV1 = R"sql(
CREATE TABLE events (
  session_id         TEXT    NOT NULL,
  sequence           INTEGER NOT NULL CHECK (sequence >= 1),
  wall_time_utc      TEXT    NOT NULL,
  utc_offset_minutes INTEGER NOT NULL,
  session_ns         INTEGER NOT NULL,
  type               TEXT    NOT NULL,
  payload            TEXT    NOT NULL,
  PRIMARY KEY (session_id, sequence)
);
)sql";

// v2: one row per session for fast listing, kept by a trigger in the same transaction as the
// event insert (so it can never disagree with the record), and filled from the events that
// are already there. Newest first, per client, and "unfinished" each have an index, so listing
// stays quick at thousands of sessions.
constexpr const char* kV2 = R"sql(
CREATE TABLE sessions (
  session_id         TEXT    NOT NULL PRIMARY KEY,
  client             TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
  plan_name          TEXT    NOT NULL DEFAULT '',
  planned_minutes    REAL    NOT NULL DEFAULT 0,
  started_utc        TEXT    NOT NULL DEFAULT '',
  utc_offset_minutes INTEGER NOT NULL DEFAULT 0,
  last_sequence      INTEGER NOT NULL DEFAULT 0,
  last_session_ns    INTEGER NOT NULL DEFAULT 0,
  ended              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_newest ON sessions (started_utc DESC, session_id DESC);
CREATE INDEX sessions_by_client ON sessions (client, started_utc DESC, session_id DESC);
CREATE INDEX sessions_unfinished ON sessions (ended, started_utc DESC, session_id DESC);

CREATE TRIGGER events_keep_sessions AFTER INSERT ON events
BEGIN
  INSERT INTO sessions (session_id, started_utc, utc_offset_minutes, last_sequence, last_session_ns)
    VALUES (NEW.session_id, NEW.wall_time_utc, NEW.utc_offset_minutes, NEW.sequence, NEW.session_ns)
    ON CONFLICT (session_id) DO UPDATE SET
      last_session_ns = CASE WHEN excluded.last_sequence > last_sequence
                             THEN excluded.last_session_ns ELSE last_session_ns END,
      last_sequence = max(last_sequence, excluded.last_sequence);
  UPDATE sessions SET
      client = coalesce(json_extract(NEW.payload, '$.client'), ''),
      plan_name = coalesce(json_extract(NEW.payload, '$.plan_name'), ''),
      planned_minutes = coalesce(json_extract(NEW.payload, '$.planned_minutes'), 0),
      started_utc = NEW.wall_time_utc,
      utc_offset_minutes = NEW.utc_offset_minutes
    WHERE NEW.type = 'session_started' AND session_id = NEW.session_id;
  UPDATE sessions SET ended = 1
    WHERE NEW.type = 'session_ended' AND session_id = NEW.session_id;
END;

INSERT INTO sessions (session_id, started_utc, utc_offset_minutes, last_sequence, last_session_ns, ended)
  SELECT span.session_id, first.wall_time_utc, first.utc_offset_minutes, last.sequence, last.session_ns,
         EXISTS (SELECT 1 FROM events e
                  WHERE e.session_id = span.session_id AND e.type = 'session_ended')
    FROM (SELECT session_id, min(sequence) AS first_sequence, max(sequence) AS last_sequence
            FROM events GROUP BY session_id) AS span
    JOIN events AS first ON first.session_id = span.session_id AND first.sequence = span.first_sequence
    JOIN events AS last ON last.session_id = span.session_id AND last.sequence = span.last_sequence;
UPDATE sessions SET (client, plan_name, planned_minutes, started_utc, utc_offset_minutes) =
  (SELECT coalesce(json_extract(e.payload, '$.client'), ''),
          coalesce(json_extract(e.payload, '$.plan_name'), ''),
          coalesce(json_extract(e.payload, '$.planned_minutes'), 0),
          e.wall_time_utc, e.utc_offset_minutes
     FROM events e
    WHERE e.session_id = sessions.session_id AND e.type = 'session_started'
    ORDER BY e.sequence LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM events e
                 WHERE e.session_id = sessions.session_id AND e.type = 'session_started');
)sql";

// v3: a session's length is where it ended. Tracks fading out under session_ended are still
// recorded after it, but they no longer stretch the length `sessions` shows. The trigger is
// written out again in full (not shared with v2): a migration is history and must keep
// meaning what it meant when it shipped.
constexpr const char* kV3 = R"sql(
DROP TRIGGER events_keep_sessions;
CREATE TRIGGER events_keep_sessions AFTER INSERT ON events
BEGIN
  INSERT INTO sessions (session_id, started_utc, utc_offset_minutes, last_sequence, last_session_ns)
    VALUES (NEW.session_id, NEW.wall_time_utc, NEW.utc_offset_minutes, NEW.sequence, NEW.session_ns)
    ON CONFLICT (session_id) DO UPDATE SET
      last_session_ns = CASE WHEN excluded.last_sequence > last_sequence AND ended = 0
                             THEN excluded.last_session_ns ELSE last_session_ns END,
      last_sequence = max(last_sequence, excluded.last_sequence);
  UPDATE sessions SET
      client = coalesce(json_extract(NEW.payload, '$.client'), ''),
      plan_name = coalesce(json_extract(NEW.payload, '$.plan_name'), ''),
      planned_minutes = coalesce(json_extract(NEW.payload, '$.planned_minutes'), 0),
      started_utc = NEW.wall_time_utc,
      utc_offset_minutes = NEW.utc_offset_minutes
    WHERE NEW.type = 'session_started' AND session_id = NEW.session_id;
  UPDATE sessions SET ended = 1
    WHERE NEW.type = 'session_ended' AND session_id = NEW.session_id;
END;
UPDATE sessions SET last_session_ns =
  (SELECT e.session_ns FROM events e
    WHERE e.session_id = sessions.session_id AND e.type = 'session_ended'
    ORDER BY e.sequence LIMIT 1)
  WHERE ended = 1;
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps{
      {1, "the events table: one row per event", kV1},
      {2, "the sessions table, kept by a trigger, for fast listing", kV2},
      {3, "a session's length ends at session_ended", kV3},
  };
  return steps;
}

int current_version() { return migrations().back().version; }

bool migrate(sqlite::Database& db, const std::string& file_name, std::string& error) {
  sqlite::Failure failure;
  const auto fail = [&](const std::string& what) {
    error = file_name + ": " + what;
    if (failure.code != SQLITE_OK) error += " (" + sqlite::plain_reason(failure) + ")";
    if (db.in_transaction()) {
      sqlite::Failure ignored;
      db.execute("ROLLBACK", ignored);
    }
    return false;
  };

  // IMMEDIATE: a second holdspace opening the same file waits here instead of migrating twice.
  if (!db.execute("BEGIN IMMEDIATE", failure)) return fail("cannot read the journal");
  const auto version_text = db.query_text("PRAGMA user_version", failure);
  const auto application_text = db.query_text("PRAGMA application_id", failure);
  const auto table_count = db.query_text("SELECT count(*) FROM sqlite_schema", failure);
  if (!version_text || !application_text || !table_count) return fail("cannot read the journal");
  const int version = std::stoi(*version_text);
  const int application = std::stoi(*application_text);

  if (application != 0 && application != kApplicationId) {
    failure = {};
    return fail("is not a holdspace journal; give another --data-dir");
  }
  if (version == 0 && std::stoi(*table_count) != 0) {
    failure = {};
    return fail("is not a holdspace journal (it holds other tables); give another --data-dir");
  }
  if (version > current_version()) {
    error = file_name + ": written by a newer holdspace (journal schema " + std::to_string(version) +
            ", this one reads up to " + std::to_string(current_version()) + "); update holdspace";
    db.execute("ROLLBACK", failure);
    return false;
  }
  if (version == current_version()) return db.execute("COMMIT", failure) || fail("cannot read the journal");

  for (const Migration& step : migrations()) {
    if (step.version <= version) continue;
    if (!db.execute(step.sql, failure)) {
      return fail("cannot update the journal to schema " + std::to_string(step.version));
    }
  }
  const std::string stamp = "PRAGMA user_version = " + std::to_string(current_version()) +
                            "; PRAGMA application_id = " + std::to_string(kApplicationId);
  if (!db.execute(stamp, failure) || !db.execute("COMMIT", failure)) {
    return fail("cannot update the journal to schema " + std::to_string(current_version()));
  }
  return true;
}

}  // namespace holdspace::journal::schema
