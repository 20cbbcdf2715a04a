#include "journal/export_csv.h"

#include <map>

#include "journal/export_format.h"
#include "journal/export_payload.h"

namespace holdspace::journal {
namespace {

std::string optional_number(const nlohmann::json& payload, const char* key) {
  const auto value = payload_number(payload, key);
  return value ? number_text(*value) : std::string();
}

// track_ended and track_skipped carry no title: use the one its track_started gave that file.
std::string track_column(const nlohmann::json& payload,
                         std::map<std::string, std::string>& titles) {
  TrackRecord track;
  track.title = payload_text(payload, "title");
  track.path = payload_text(payload, "path");
  if (track.path.empty() && track.title.empty()) return {};
  if (!track.title.empty()) {
    titles[track.path] = track.title;
  } else if (const auto known = titles.find(track.path); known != titles.end()) {
    track.title = known->second;
  }
  return track.display_title();
}

// The words a reader wants in the one free-text column: the note or reminder, else why
// something happened (skip, device loss, end), else which device.
std::string text_column(const nlohmann::json& payload) {
  for (const char* key : {"text", "reason", "device"}) {
    std::string text = payload_text(payload, key);
    if (!text.empty()) return text;
  }
  return {};
}

}  // namespace

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> columns = {
      "sequence", "wall_time_utc", "utc_offset_minutes", "session_seconds", "type",       "phase",
      "track",    "marker",        "systolic",           "diastolic",       "heart_rate", "spo2",
      "text",     "payload"};
  return columns;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string export_csv(const std::vector<Event>& events, const SessionRecord& record) {
  std::string out;
  const auto row = [&out](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_field(fields[i]);
    }
    out += "\r\n";
  };
  row(csv_columns());
  // Events that name no phase (markers, pauses …) belong to the phase running at the time.
  int current_phase = -1;
  std::map<std::string, std::string> titles;
  for (const Event& event : events) {
    const nlohmann::json& p = event.payload;
    const auto named_phase = payload_integer(p, "phase");
    if (event.type == EventType::PhaseStarted || event.type == EventType::PhaseChangeUndone) {
      if (named_phase) current_phase = int(*named_phase);
    }
    const int phase = named_phase ? int(*named_phase) : current_phase;
    const bool is_marker = event.type == EventType::Marker;
    row({std::to_string(event.sequence), event.wall_time_utc,
         std::to_string(event.utc_offset_minutes), seconds_decimal(event.session_ns),
         std::string(to_string(event.type)),
         phase >= 0 && event.type != EventType::SessionStarted ? record.phase_name(phase) : "",
         track_column(p, titles), is_marker ? payload_text(p, "kind") : "",
         optional_number(p, "systolic"), optional_number(p, "diastolic"),
         optional_number(p, "heart_rate"), optional_number(p, "spo2"), text_column(p),
         p.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  }
  return out;
}

}  // namespace holdspace::journal
