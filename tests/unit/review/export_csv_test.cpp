// export_csv: read back with an independent RFC 4180 reader, one row per event, the flattened
// columns right, and the payload column whole.
#include "journal/export_csv.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "review_session.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

namespace {

using Row = std::vector<std::string>;

// A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks;
// records end with CRLF. Anything malformed fails the test, with where and why.
std::vector<Row> read_csv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  std::string problem;
  bool quoted = false;
  bool was_quoted = false;
  for (std::size_t i = 0; i < text.size() && problem.empty(); ++i) {
    const char c = text[i];
    const std::string at = " at byte " + std::to_string(i);
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      if (!field.empty() || was_quoted) problem = "a quote inside an unquoted field" + at;
      quoted = was_quoted = true;
    } else if (c == ',' || c == '\r') {
      if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))
        problem = "CR without LF" + at;
      row.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      if (c == '\r') {
        ++i;
        rows.push_back(std::move(row));
        row.clear();
      }
    } else if (c == '\n') {
      problem = "a bare LF outside quotes" + at;
    } else if (was_quoted) {
      problem = "text after a closing quote" + at;
    } else {
      field += c;
    }
  }
  if (quoted) problem = "a quoted field never closed";
  if (!field.empty() || !row.empty()) problem = "the last record does not end with CRLF";
  INFO(problem);
  REQUIRE(problem.empty());
  return rows;
}

std::size_t column(const std::string& name) {
  const auto& names = csv_columns();
  const auto found = std::find(names.begin(), names.end(), name);
  REQUIRE(found != names.end());
  return std::size_t(found - names.begin());
}

const Row& row_of(const std::vector<Row>& rows, std::int64_t sequence) {
  return rows.at(std::size_t(sequence));  // row 0 is the header
}

}  // namespace

TEST_CASE("csv: parses back with one row per event and the header first", "[review]") {
  const auto events = kap_session_events();
  const auto rows = read_csv(export_csv(events, build_session_record(events)));
  REQUIRE(rows.size() == events.size() + 1);
  CHECK(rows[0] == csv_columns());
  CHECK(rows[0] == Row{"sequence", "wall_time_utc", "utc_offset_minutes", "session_seconds", "type",
                       "phase", "track", "marker", "systolic", "diastolic", "heart_rate", "spo2",
                       "text", "payload"});
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Row& row = rows[i + 1];
    REQUIRE(row.size() == csv_columns().size());
    CHECK(row[column("sequence")] == std::to_string(events[i].sequence));
    CHECK(row[column("wall_time_utc")] == events[i].wall_time_utc);
    CHECK(row[column("utc_offset_minutes")] == "60");
    CHECK(std::stod(row[column("session_seconds")]) == Approx(double(events[i].session_ns) / 1e9));
    CHECK(row[column("type")] == to_string(events[i].type));
    // The whole payload survives as JSON.
    CHECK(nlohmann::json::parse(row[column("payload")]) == events[i].payload);
  }
}

TEST_CASE("csv: payload flattened into readable columns", "[review]") {
  const auto events = kap_session_events();
  const auto rows = read_csv(export_csv(events, build_session_record(events)));
  const auto find = [&](EventType type, double seconds) -> const Row& {
    for (const Event& event : events) {
      if (event.type == type && event.session_ns == std::llround(seconds * 1e9)) {
        return row_of(rows, event.sequence);
      }
    }
    FAIL("no such event");
    return rows.front();
  };
  const Row& vitals = find(EventType::Marker, 4810);
  CHECK(vitals[column("marker")] == "vitals");
  CHECK(vitals[column("systolic")] == "128");
  CHECK(vitals[column("diastolic")] == "82");
  CHECK(vitals[column("heart_rate")] == "74");
  CHECK(vitals[column("spo2")] == "98");
  CHECK(vitals[column("phase")] == kDosing);  // the phase running then
  CHECK(vitals[column("session_seconds")] == "4810.000");

  const Row& note = find(EventType::Marker, 8400);
  CHECK(note[column("marker")] == "note");
  CHECK(note[column("text")] == kNoteText);  // comma, quotes and line break round-trip
  CHECK(note[column("phase")] == kIntegration);
  CHECK(note[column("systolic")].empty());

  // track_ended names only the file; the title comes from its track_started.
  CHECK(find(EventType::TrackEnded, 10690)[column("track")] == "Home, Again");
  const Row& track = find(EventType::TrackStarted, 9000);
  CHECK(track[column("track")] == "Home, Again");
  CHECK(track[column("phase")] == kIntegration);

  // The phase column follows the undo back to Dosing.
  CHECK(find(EventType::PhaseChangeUndone, 2110)[column("phase")] == kDosing);
  CHECK(find(EventType::Marker, 2400)[column("phase")] == kDosing);
  CHECK(find(EventType::DeviceLost, 5400)[column("text")] == "device unplugged");
  CHECK(find(EventType::ReminderShown, 4800)[column("text")] == "Blood pressure check");
  CHECK(find(EventType::SessionStarted, 0)[column("phase")].empty());
}

TEST_CASE("csv: fields are quoted only when they must be", "[review]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\r") == "\"cr\r\"");
}
