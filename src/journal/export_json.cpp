#include "journal/export_json.h"

#include "journal/export_format.h"

namespace holdspace::journal {
namespace {

using nlohmann::json;

// Times are seconds in session time (a double) in the model, so they read without arithmetic;
// the events keep their exact nanoseconds.
double seconds(std::int64_t ns) { return double(ns) / 1e9; }

json optional_value(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json optional_seconds(const std::optional<std::int64_t>& ns) {
  return ns ? json(seconds(*ns)) : json(nullptr);
}

json session_json(const SessionRecord& record) {
  return {{"id", record.session_id},
          {"client", record.client},
          {"plan_name", record.plan_name},
          {"started_utc", record.started_utc},
          {"utc_offset_minutes", record.utc_offset_minutes},
          {"started_local", local_date_time(record.started_utc, record.utc_offset_minutes)},
          {"planned_seconds", record.planned_seconds()},
          {"actual_seconds", record.actual_seconds()},
          {"paused_seconds", seconds(record.paused_ns())},
          {"ended", record.ended},
          {"end_reason", record.end_reason},
          {"event_count", record.event_count}};
}

json phases_json(const SessionRecord& record) {
  json phases = json::array();
  for (const PhaseRecord& phase : record.phases) {
    json visits = json::array();
    for (const PhaseVisit& visit : record.visits) {
      if (visit.phase != phase.index) continue;
      visits.push_back({{"start_seconds", seconds(visit.start_ns)},
                        {"end_seconds", seconds(visit.end_ns)},
                        {"open", visit.open}});
    }
    json item = {{"index", phase.index},
                 {"name", phase.name},
                 {"planned_seconds", phase.planned_minutes * 60.0},
                 {"extended_seconds", phase.extended_minutes * 60.0},
                 {"started", phase.started()},
                 {"visits", visits}};
    if (phase.started()) {
      item["actual_seconds"] = phase.actual_seconds();
      item["paused_seconds"] = seconds(phase.paused_ns);
      item["difference_seconds"] = phase.difference_seconds();
    } else {
      item["actual_seconds"] = nullptr;
      item["paused_seconds"] = nullptr;
      item["difference_seconds"] = nullptr;
    }
    phases.push_back(std::move(item));
  }
  return phases;
}

json tracks_json(const SessionRecord& record) {
  json tracks = json::array();
  for (const TrackRecord& track : record.tracks) {
    tracks.push_back({{"start_seconds", seconds(track.start_ns)},
                      {"end_seconds", seconds(track.end_ns)},
                      {"played_seconds", track.played_seconds()},
                      {"title", track.title},
                      {"path", track.path},
                      {"phase", track.phase},
                      {"phase_name", track.phase >= 0 ? record.phase_name(track.phase) : ""},
                      {"entry", track.entry},
                      {"offset_seconds", track.offset_seconds},
                      {"duration_seconds", optional_value(track.duration_seconds)},
                      {"end_inferred", track.end_inferred}});
  }
  return tracks;
}

json markers_json(const SessionRecord& record) {
  json markers = json::array();
  for (const MarkerRecord& marker : record.markers) {
    markers.push_back({{"at_seconds", seconds(marker.at_ns)},
                       {"wall_time_utc", marker.wall_time_utc},
                       {"kind", marker.kind},
                       {"systolic", optional_value(marker.systolic)},
                       {"diastolic", optional_value(marker.diastolic)},
                       {"heart_rate", optional_value(marker.heart_rate)},
                       {"spo2", optional_value(marker.spo2)},
                       {"text", marker.text},
                       {"phase", marker.phase},
                       {"phase_name", marker.phase >= 0 ? record.phase_name(marker.phase) : ""}});
  }
  return markers;
}

// The smaller histories: reminders, pauses, devices, audio moves, skips, undos, resumes and
// spells when the disk refused the record.
json history_json(const SessionRecord& record) {
  json reminders = json::array();
  for (const ReminderRecord& reminder : record.reminders) {
    reminders.push_back({{"reminder", reminder.reminder},
                         {"text", reminder.text},
                         {"shown_seconds", seconds(reminder.shown_ns)},
                         {"acknowledged_seconds", optional_seconds(reminder.acknowledged_ns)}});
  }
  json pauses = json::array();
  for (const PauseRecord& pause : record.pauses) {
    pauses.push_back({{"start_seconds", seconds(pause.start_ns)},
                      {"end_seconds", seconds(pause.end_ns)},
                      {"open", pause.open}});
  }
  json outages = json::array();
  for (const DeviceOutage& outage : record.outages) {
    outages.push_back({{"device", outage.device},
                       {"reason", outage.reason},
                       {"lost_seconds", seconds(outage.lost_ns)},
                       {"restored_seconds", optional_seconds(outage.restored_ns)}});
  }
  json audio = json::array();
  for (const AudioMove& move : record.audio_moves) {
    static const char* const names[] = {"volume", "duck_on", "duck_off", "fade_out", "fade_in"};
    audio.push_back({{"at_seconds", seconds(move.at_ns)},
                     {"kind", names[static_cast<int>(move.kind)]},
                     {"value", optional_value(move.value)}});
  }
  json skipped = json::array();
  for (const SkippedTrack& skip : record.skipped) {
    skipped.push_back({{"at_seconds", seconds(skip.at_ns)},
                       {"phase", skip.phase},
                       {"path", skip.path},
                       {"line", skip.line},
                       {"reason", skip.reason}});
  }
  json undone = json::array();
  for (const UndoneChange& undo : record.undone_changes) {
    undone.push_back({{"at_seconds", seconds(undo.at_ns)},
                      {"from_seconds", seconds(undo.from_ns)},
                      {"dropped_phase", undo.dropped_phase},
                      {"restored_phase", undo.restored_phase}});
  }
  json resumes = json::array();
  for (const SessionResume& resume : record.resumes) {
    resumes.push_back({{"at_seconds", seconds(resume.at_ns)},
                       {"gap_seconds", optional_value(resume.gap_seconds)}});
  }
  json held = json::array();
  for (const JournalOutage& outage : record.journal_outages) {
    held.push_back({{"since_seconds", seconds(outage.since_ns)},
                    {"written_seconds", seconds(outage.written_ns)},
                    {"reason", outage.reason},
                    {"events_held", outage.events_held}});
  }
  return {{"reminders", reminders}, {"pauses", pauses},          {"device_outages", outages},
          {"audio", audio},         {"skipped_tracks", skipped}, {"undone_phase_changes", undone},
          {"resumes", resumes},     {"journal_outages", held}};
}

json events_json(const std::vector<Event>& events) {
  json list = json::array();
  for (const Event& event : events) {
    list.push_back({{"session_id", event.session_id},
                    {"sequence", event.sequence},
                    {"wall_time_utc", event.wall_time_utc},
                    {"utc_offset_minutes", event.utc_offset_minutes},
                    {"session_ns", event.session_ns},
                    {"type", std::string(to_string(event.type))},
                    {"payload", event.payload}});
  }
  return list;
}

}  // namespace

json export_json(const std::vector<Event>& events, const SessionRecord& record) {
  json document = {{"format", "holdspace-session"},   {"format_version", 1},
                   {"session", session_json(record)}, {"phases", phases_json(record)},
                   {"tracks", tracks_json(record)},   {"markers", markers_json(record)}};
  document.update(history_json(record));
  document["events"] = events_json(events);
  return document;
}

std::string export_json_text(const std::vector<Event>& events, const SessionRecord& record) {
  return export_json(events, record).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace holdspace::journal
