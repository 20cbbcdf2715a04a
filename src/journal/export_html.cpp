#include "journal/export_html.h"

#include <algorithm>
#include <vector>

#include "core/text_format.h"
#include "journal/export_format.h"
#include "journal/export_svg.h"
#include "journal/timeline_text.h"

namespace holdspace::journal {
namespace {

// Print first: A4 landscape, small type, tables that do not split a row across pages.
constexpr const char* kStyle = R"(
@page { size: A4 landscape; margin: 10mm; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 9pt; color: #222;
       margin: 0 auto; max-width: 277mm; }
h1 { font-size: 14pt; margin: 0 0 4pt 0; }
h2 { font-size: 10.5pt; margin: 10pt 0 3pt 0; border-bottom: 0.5pt solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 1.5pt 6pt 1.5pt 0; vertical-align: top; }
th { font-weight: 600; color: #555; border-bottom: 0.5pt solid #bbb; }
tr { page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.over { color: #b03a2e; }
td.note { white-space: pre-line; }
table.summary { width: auto; }
table.summary th { border: none; padding-right: 12pt; }
svg.timeline { width: 100%; height: auto; display: block; margin: 6pt 0; }
.columns { display: flex; gap: 14pt; }
.columns > section { flex: 1; }
.muted { color: #777; }
footer { margin-top: 10pt; font-size: 7.5pt; color: #777; }
)";

std::string cell(const std::string& text, const char* css_class = nullptr) {
  std::string open =
      css_class ? std::string("<td class=\"") + css_class + "\">" : std::string("<td>");
  return open + html_escape(text) + "</td>";
}

std::string header_row(const std::vector<std::pair<std::string, bool>>& names) {
  std::string row = "<tr>";
  for (const auto& [name, numeric] : names) {
    row += numeric ? "<th class=\"num\">" : "<th>";
    row += html_escape(name) + "</th>";
  }
  return row + "</tr>\n";
}

void summary(const SessionRecord& record, std::string& out) {
  const auto row = [&out](const std::string& name, const std::string& value) {
    out += "<tr><th>" + html_escape(name) + "</th>" + cell(value) + "</tr>\n";
  };
  out += "<table class=\"summary\">\n";
  row("Client", record.client.empty() ? "-" : record.client);
  row("Plan", record.plan_name.empty() ? "-" : record.plan_name);
  row("Date", local_date_time(record.started_utc, record.utc_offset_minutes) + " (" +
                  utc_offset_text(record.utc_offset_minutes) + ")");
  row("Length",
      format_duration(record.actual_seconds()) + " of " +
          format_duration(record.planned_seconds()) + " planned" +
          (record.ended
               ? " (" + signed_minutes_seconds(record.actual_seconds() - record.planned_seconds()) +
                     ")"
               : std::string()) +
          (record.paused_ns() > 0 ? ", paused " + minutes_seconds(double(record.paused_ns()) / 1e9)
                                  : std::string()));
  row("Status",
      record.ended ? "ended" : "unfinished: the record stops at " + session_clock(record.end_ns));
  row("Session", record.session_id);
  out += "</table>\n";
}

void phases_table(const SessionRecord& record, std::string& out) {
  out += "<h2>Phases</h2>\n<table class=\"phases\">\n";
  out += header_row({{"#", false},
                     {"Phase", false},
                     {"Planned", true},
                     {"Actual", true},
                     {"Difference", true},
                     {"Started", false},
                     {"Ended", false},
                     {"Notes", false}});
  for (const PhaseRecord& phase : record.phases) {
    out += "<tr>" + cell(std::to_string(phase.index + 1)) + cell(record.phase_name(phase.index)) +
           cell(minutes_seconds(phase.planned_minutes * 60.0), "num");
    if (!phase.started()) {
      out += cell("-", "num") + cell("", "num") + cell("") + cell("") + cell("not reached") +
             "</tr>\n";
      continue;
    }
    std::string notes;
    const auto note = [&notes](const std::string& text) {
      notes += (notes.empty() ? "" : ", ") + text;
    };
    if (phase.extended_minutes != 0.0)
      note("extended " + signed_minutes_seconds(phase.extended_minutes * 60.0));
    if (phase.paused_ns > 0) note("paused " + minutes_seconds(double(phase.paused_ns) / 1e9));
    if (phase.visit_count > 1) note(std::to_string(phase.visit_count) + " visits");
    const bool running = record.phase_running(phase.index);
    if (running) note("running when the record stops");
    out += cell(minutes_seconds(phase.actual_seconds()), "num") +
           cell(running ? std::string() : signed_minutes_seconds(phase.difference_seconds()),
                !running && phase.difference_seconds() >= 1.0 ? "num over" : "num") +
           cell(session_clock(phase.first_start_ns)) + cell(session_clock(phase.last_end_ns)) +
           cell(notes) + "</tr>\n";
  }
  out += "</table>\n";
}

void markers_table(const SessionRecord& record, std::string& out) {
  out += "<section>\n<h2>Markers and vitals</h2>\n";
  if (record.markers.empty()) {
    out += "<p class=\"muted\">No markers.</p>\n</section>\n";
    return;
  }
  out += "<table class=\"markers\">\n";
  out += header_row({{"Time", false},
                     {"Local", false},
                     {"Marker", false},
                     {"BP", true},
                     {"HR", true},
                     {"SpO2", true},
                     {"Phase", false},
                     {"Note", false}});
  for (const MarkerRecord& marker : record.markers) {
    const std::string local = local_date_time(marker.wall_time_utc, marker.utc_offset_minutes);
    std::string bp;
    if (marker.systolic || marker.diastolic) {
      bp = (marker.systolic ? number_text(*marker.systolic) : "-") + "/" +
           (marker.diastolic ? number_text(*marker.diastolic) : "-");
    }
    out += "<tr>" + cell(session_clock(marker.at_ns)) +
           cell(local.size() > 11 ? local.substr(11) : local) + cell(marker.kind) +
           cell(bp, "num") + cell(marker.heart_rate ? number_text(*marker.heart_rate) : "", "num") +
           cell(marker.spo2 ? number_text(*marker.spo2) : "", "num") +
           cell(marker.phase >= 0 ? record.phase_name(marker.phase) : "") +
           cell(marker.text, "note") + "</tr>\n";
  }
  out += "</table>\n</section>\n";
}

void reminders_table(const SessionRecord& record, std::string& out) {
  out += "<section>\n<h2>Reminders</h2>\n";
  if (record.reminders.empty()) {
    out += "<p class=\"muted\">No reminders were shown.</p>\n</section>\n";
    return;
  }
  out += "<table class=\"reminders\">\n";
  out += header_row({{"Shown", false}, {"Acknowledged", false}, {"Reminder", false}});
  for (const ReminderRecord& reminder : record.reminders) {
    out += "<tr>" + cell(session_clock(reminder.shown_ns)) +
           cell(reminder.acknowledged_ns ? session_clock(*reminder.acknowledged_ns)
                                         : "not acknowledged") +
           cell(reminder.text) + "</tr>\n";
  }
  out += "</table>\n</section>\n";
}

void tracks_table(const SessionRecord& record, std::string& out) {
  out += "<h2>Tracks</h2>\n";
  if (record.tracks.empty()) {
    out += "<p class=\"muted\">No tracks were played.</p>\n";
    return;
  }
  out += "<table class=\"tracks\">\n";
  out += header_row({{"Start", false},
                     {"End", false},
                     {"Played", true},
                     {"Phase", false},
                     {"Title", false},
                     {"File", false}});
  for (const TrackRecord& track : record.tracks) {
    std::string file = track.path;
    if (track.offset_seconds >= 1.0)
      file += " (from " + minutes_seconds(track.offset_seconds) + ")";
    out += "<tr>" + cell(session_clock(track.start_ns)) +
           cell(session_clock(track.end_ns) + (track.end_inferred ? " ~" : "")) +
           cell(minutes_seconds(track.played_seconds()), "num") +
           cell(track.phase >= 0 ? record.phase_name(track.phase) : "") +
           cell(track.display_title()) + cell(file) + "</tr>\n";
  }
  out += "</table>\n";
  const bool any_inferred =
      std::any_of(record.tracks.begin(), record.tracks.end(),
                  [](const TrackRecord& track) { return track.end_inferred; });
  if (any_inferred) {
    out +=
        "<p class=\"muted\">~ the journal has no end for this track: it ended with the next "
        "track, its phase or the record.</p>\n";
  }
}

// Pauses, audio moves, devices, skips, undos and resumes, in the timeline's own words.
void other_events_table(const SessionRecord& record, std::string& out) {
  std::string rows;
  for (const TimelineEntry& entry : timeline_entries(record)) {
    const bool other = entry.category == TimelineCategory::Other || entry.label == "undo" ||
                       entry.label == "skipped";
    if (!other) continue;
    rows += "<tr>" + cell(session_clock(entry.at_ns)) + cell(entry.label) + cell(entry.detail) +
            "</tr>\n";
  }
  if (rows.empty()) return;
  out += "<h2>Other events</h2>\n<table class=\"events\">\n";
  out += header_row({{"Time", false}, {"Event", false}, {"Detail", false}});
  out += rows + "</table>\n";
}

}  // namespace

std::string export_html(const SessionRecord& record) {
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<title>" +
         html_escape("Session " + record.client + " " +
                     local_date_time(record.started_utc, record.utc_offset_minutes)) +
         "</title>\n";
  out += std::string("<style>") + kStyle + "</style>\n</head>\n<body>\n";
  out +=
      "<h1>" +
      html_escape("Session review: " + (record.plan_name.empty() ? "session" : record.plan_name)) +
      "</h1>\n";
  summary(record, out);
  out += session_timeline_svg(record);
  phases_table(record, out);
  out += "<div class=\"columns\">\n";
  markers_table(record, out);
  reminders_table(record, out);
  out += "</div>\n";
  tracks_table(record, out);
  other_events_table(record, out);
  out +=
      "<footer>Confidential client record. Times are session time (hh:mm:ss from the start) "
      "unless marked local. Exported by holdspace.</footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace holdspace::journal
