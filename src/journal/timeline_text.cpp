#include "journal/timeline_text.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "core/text_format.h"
#include "journal/export_format.h"

namespace holdspace::journal {
namespace {

// Titles and notes come from tags and typing; a line break would split the line and an escape
// sequence could repaint the terminal.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

// Columns are counted in characters, not bytes, so "Intégration" lines up.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t have = display_width(text);
  return have >= width ? text : text + std::string(width - have, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t have = display_width(text);
  return have >= width ? text : std::string(width - have, ' ') + text;
}

std::string file_name(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

void header(const SessionRecord& record, std::string& out) {
  out += "Session   " + one_line(record.session_id) + "\n";
  out += "Client    " + (record.client.empty() ? "-" : one_line(record.client)) + "\n";
  out += "Plan      " + (record.plan_name.empty() ? "-" : one_line(record.plan_name)) + "\n";
  out += "Date      " + local_date_time(record.started_utc, record.utc_offset_minutes) + " (" +
         utc_offset_text(record.utc_offset_minutes) + ")\n";
  // Against the plan only once it ended: a cut-off session is not "short".
  out +=
      "Length    " + format_duration(record.actual_seconds()) + " of " +
      format_duration(record.planned_seconds()) + " planned  " +
      (record.ended
           ? "(" + signed_minutes_seconds(record.actual_seconds() - record.planned_seconds()) + ")"
           : std::string("(unfinished)")) +
      "\n";
  if (record.paused_ns() > 0) {
    out += "Paused    " + minutes_seconds(double(record.paused_ns()) / 1e9) + " in " +
           std::to_string(record.pauses.size()) +
           (record.pauses.size() == 1 ? " pause" : " pauses") + "\n";
  }
}

void phase_table(const SessionRecord& record, std::string& out) {
  std::size_t name_width = 5;
  for (const PhaseRecord& phase : record.phases) {
    name_width = std::max(name_width, display_width(one_line(phase.name)));
  }
  out += "\nPhases\n";
  out += "   " + pad_right("", name_width) + "   planned    actual  difference\n";
  for (const PhaseRecord& phase : record.phases) {
    std::string line = pad_left(std::to_string(phase.index + 1), 2) + " " +
                       pad_right(one_line(record.phase_name(phase.index)), name_width) + "  " +
                       pad_left(minutes_seconds(phase.planned_minutes * 60.0), 8);
    if (!phase.started()) {
      out += line + "         -  (not reached)\n";
      continue;
    }
    const bool running = record.phase_running(phase.index);
    line +=
        "  " + pad_left(minutes_seconds(phase.actual_seconds()), 8) + "  " +
        pad_left(running ? std::string() : signed_minutes_seconds(phase.difference_seconds()), 10);
    std::vector<std::string> notes;
    if (running) notes.push_back("running when the record stops");
    if (phase.extended_minutes != 0.0) {
      notes.push_back("extended " + signed_minutes_seconds(phase.extended_minutes * 60.0));
    }
    if (phase.paused_ns > 0)
      notes.push_back("paused " + minutes_seconds(double(phase.paused_ns) / 1e9));
    if (phase.visit_count > 1) notes.push_back(std::to_string(phase.visit_count) + " visits");
    for (std::size_t i = 0; i < notes.size(); ++i) line += (i == 0 ? "  " : ", ") + notes[i];
    out += line + "\n";
  }
}

std::string marker_detail(const MarkerRecord& marker) {
  std::string detail;
  if (marker.kind == "vitals") {
    detail = vitals_text(marker.systolic, marker.diastolic, marker.heart_rate, marker.spo2);
  }
  if (!marker.text.empty()) detail += (detail.empty() ? "" : "  ") + one_line(marker.text);
  return detail;
}

TimelineEntry audio_entry(const AudioMove& move) {
  const auto value = [&move](const char* unit) {
    return move.value ? number_text(*move.value) + unit : std::string();
  };
  switch (move.kind) {
    case AudioMoveKind::Volume:
      return {move.at_ns, TimelineCategory::Other, "volume", value(" dB")};
    case AudioMoveKind::DuckOn:
      return {move.at_ns, TimelineCategory::Other, "talk duck on", value(" dB")};
    case AudioMoveKind::DuckOff: return {move.at_ns, TimelineCategory::Other, "talk duck off", ""};
    case AudioMoveKind::FadeOut:
      return {move.at_ns, TimelineCategory::Other, "fade out", value(" s")};
    case AudioMoveKind::FadeIn:
      return {move.at_ns, TimelineCategory::Other, "music back (fade in)", value(" s")};
  }
  return {move.at_ns, TimelineCategory::Other, "audio", ""};
}

void add_phases(const SessionRecord& record, std::vector<TimelineEntry>& entries) {
  for (const PhaseVisit& visit : record.visits) {
    const PhaseRecord& phase = record.phases[std::size_t(visit.phase)];
    std::string how = "planned " + minutes_seconds(phase.planned_minutes * 60.0);
    if (visit.reason == "back") how = "back";
    if (visit.reason == "auto") how += ", on time";  // the plan advanced by itself
    entries.push_back({visit.start_ns, TimelineCategory::Phase, "phase",
                       std::to_string(visit.phase + 1) + " " +
                           one_line(record.phase_name(visit.phase)) + " (" + how + ")"});
  }
  for (const UndoneChange& undo : record.undone_changes) {
    std::string detail = "phase change";
    if (undo.dropped_phase >= 0) detail += " to " + one_line(record.phase_name(undo.dropped_phase));
    detail += " taken back";
    if (undo.restored_phase >= 0) {
      detail += ", " + one_line(record.phase_name(undo.restored_phase)) + " continues";
    }
    entries.push_back({undo.at_ns, TimelineCategory::Phase, "undo", detail});
  }
}

void add_tracks(const SessionRecord& record, std::vector<TimelineEntry>& entries) {
  for (const TrackRecord& track : record.tracks) {
    const std::string title = one_line(track.display_title());
    std::string detail = title;
    std::string source = file_name(one_line(track.path));
    if (source == title) source.clear();
    if (track.offset_seconds >= 1.0) {
      source += (source.empty() ? "from " : ", from ") + minutes_seconds(track.offset_seconds);
    }
    if (!source.empty()) detail += "  (" + source + ")";
    entries.push_back({track.start_ns, TimelineCategory::Track, "track", detail});
  }
  for (const SkippedTrack& skipped : record.skipped) {
    entries.push_back({skipped.at_ns, TimelineCategory::Track, "skipped",
                       file_name(one_line(skipped.path)) +
                           (skipped.reason.empty() ? "" : ": " + one_line(skipped.reason))});
  }
}

void add_markers_and_reminders(const SessionRecord& record, std::vector<TimelineEntry>& entries) {
  for (const MarkerRecord& marker : record.markers) {
    entries.push_back({marker.at_ns, TimelineCategory::Marker,
                       marker.kind.empty() ? std::string("marker") : one_line(marker.kind),
                       marker_detail(marker)});
  }
  for (const ReminderRecord& reminder : record.reminders) {
    entries.push_back(
        {reminder.shown_ns, TimelineCategory::Reminder, "reminder",
         one_line(reminder.text) +
             (reminder.acknowledged_ns
                  ? "  (acknowledged " + session_clock(*reminder.acknowledged_ns) + ")"
                  : "  (not acknowledged)")});
  }
}

void add_others(const SessionRecord& record, std::vector<TimelineEntry>& entries) {
  for (const PauseRecord& pause : record.pauses) {
    entries.push_back({pause.start_ns, TimelineCategory::Other, "pause",
                       minutes_seconds(double(pause.end_ns - pause.start_ns) / 1e9) +
                           (pause.open ? " (not resumed)" : "")});
  }
  for (const DeviceOutage& outage : record.outages) {
    std::string detail = outage.device.empty() ? "audio device" : one_line(outage.device);
    if (!outage.reason.empty()) detail += ": " + one_line(outage.reason);
    detail += outage.restored_ns ? "  (restored " + session_clock(*outage.restored_ns) + ")"
                                 : "  (not restored)";
    entries.push_back({outage.lost_ns, TimelineCategory::Other, "device lost", detail});
  }
  for (const JournalOutage& outage : record.journal_outages) {
    const std::string count = std::to_string(outage.events_held) + (outage.events_held == 1 ? " event" : " events");
    entries.push_back({outage.since_ns, TimelineCategory::Other, "record held",
                       (outage.reason.empty() ? std::string("the disk refused writes") : one_line(outage.reason)) +
                           ": " + count + " kept in memory, written " + session_clock(outage.written_ns)});
  }
  for (const AudioMove& move : record.audio_moves) entries.push_back(audio_entry(move));
  for (const SessionResume& resume : record.resumes) {
    entries.push_back(
        {resume.at_ns, TimelineCategory::Other, "resumed",
         "after a stop" +
             (resume.gap_seconds ? " of " + minutes_seconds(*resume.gap_seconds) : std::string())});
  }
  if (record.ended) {
    const bool plain = record.end_reason.empty() || record.end_reason == "ended";
    entries.push_back({record.end_ns, TimelineCategory::Other, "end",
                       plain ? std::string() : one_line(record.end_reason)});
  }
}

}  // namespace

std::vector<TimelineEntry> timeline_entries(const SessionRecord& record) {
  std::vector<TimelineEntry> entries;
  add_phases(record, entries);
  add_tracks(record, entries);
  add_markers_and_reminders(record, entries);
  add_others(record, entries);
  // Same-time entries keep the order above: the phase first, then what happened in it.
  std::stable_sort(
      entries.begin(), entries.end(),
      [](const TimelineEntry& a, const TimelineEntry& b) { return a.at_ns < b.at_ns; });
  return entries;
}

std::string timeline_text(const SessionRecord& record) {
  std::string out;
  header(record, out);
  phase_table(record, out);
  out += "\nTimeline (session time)\n";
  for (const TimelineEntry& entry : timeline_entries(record)) {
    out += session_clock(entry.at_ns) + "  " + entry.label;
    if (!entry.detail.empty()) out += "  " + entry.detail;
    out += "\n";
  }
  if (!record.ended) {
    out += session_clock(record.end_ns) + "  (the record stops here: the session did not end)\n";
  }
  return out;
}

}  // namespace holdspace::journal
