// build_session_record: one pass over the events, then the ends the journal could not know
// (a track without track_ended, the phase running when an unfinished session stopped).
#include "journal/session_record.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "journal/export_payload.h"

namespace holdspace::journal {
namespace {

int phase_index(const nlohmann::json& payload) {
  const auto index = payload_integer(payload, "phase");
  if (!index || *index < 0 || *index > 10000) return -1;
  return static_cast<int>(*index);
}

class RecordFolder {
 public:
  explicit RecordFolder(SessionRecord& record) : record_(record) {}

  void apply(const Event& event) {
    const std::int64_t t = event.session_ns;
    const nlohmann::json& p = event.payload;
    switch (event.type) {
      case EventType::SessionStarted: session_started(event); break;
      case EventType::PhaseStarted: phase_started(t, p); break;
      case EventType::PhaseChangeUndone: phase_change_undone(t, p); break;
      case EventType::PhaseExtended: {
        const int index = phase_index(p);
        if (index >= 0) phase(index).extended_minutes += payload_number(p, "minutes").value_or(0);
        break;
      }
      case EventType::TimelinePaused:
        if (!open_pause()) record_.pauses.push_back({t, t, true});
        break;
      case EventType::TimelineResumed:
        if (PauseRecord* pause = open_pause()) close(*pause, t);
        break;
      case EventType::TrackStarted: track_started(t, p); break;
      case EventType::TrackEnded: track_ended(t, p); break;
      case EventType::TrackSkipped:
        record_.skipped.push_back({t, phase_index(p), payload_text(p, "path"),
                                   int(payload_integer(p, "line").value_or(0)),
                                   payload_text(p, "reason")});
        break;
      case EventType::VolumeChanged: audio(t, AudioMoveKind::Volume, p, "volume_db"); break;
      case EventType::DuckOn: audio(t, AudioMoveKind::DuckOn, p, "depth_db"); break;
      case EventType::DuckOff: audio(t, AudioMoveKind::DuckOff, p, ""); break;
      case EventType::FadeOut: audio(t, AudioMoveKind::FadeOut, p, "seconds"); break;
      case EventType::FadeIn: audio(t, AudioMoveKind::FadeIn, p, "seconds"); break;
      case EventType::Marker: marker(event); break;
      case EventType::ReminderShown: reminder_shown(t, p); break;
      case EventType::ReminderAcknowledged: reminder_acknowledged(t, p); break;
      case EventType::DeviceLost:
        record_.outages.push_back(
            {payload_text(p, "device"), payload_text(p, "reason"), t, std::nullopt});
        break;
      case EventType::DeviceRestored: device_restored(t); break;
      case EventType::SessionResumed: session_resumed(t, p); break;
      case EventType::SessionEnded:
        record_.ended = true;
        record_.end_reason = payload_text(p, "reason");
        ended_at_ = t;
        break;
      case EventType::JournalRecovered:
        record_.journal_outages.push_back({payload_integer(p, "since_ns").value_or(t), t,
                                           payload_text(p, "reason"),
                                           payload_integer(p, "events_held").value_or(0)});
        break;
    }
    last_ns_ = std::max(last_ns_, t);
  }

  void finish() {
    record_.end_ns = ended_at_.value_or(last_ns_);
    const std::int64_t end = record_.end_ns;
    for (PhaseVisit& visit : record_.visits) {
      if (visit.open) {
        visit.end_ns = std::max(visit.start_ns, end);
        visit.open = !record_.ended;
      }
    }
    for (PauseRecord& pause : record_.pauses) {
      if (pause.open) pause.end_ns = std::max(pause.start_ns, end);
    }
    end_open_tracks(end);
    sum_phases();
  }

 private:
  void session_started(const Event& event) {
    const nlohmann::json& p = event.payload;
    record_.session_id = event.session_id;
    record_.client = payload_text(p, "client");
    record_.plan_name = payload_text(p, "plan_name");
    record_.started_utc = event.wall_time_utc;
    record_.utc_offset_minutes = event.utc_offset_minutes;
    double planned_total = 0.0;
    const auto phases = p.is_object() ? p.find("phases") : p.end();
    if (phases != p.end() && phases->is_array()) {
      for (const nlohmann::json& item : *phases) {
        PlannedPhase planned{payload_text(item, "name"),
                             payload_number(item, "minutes").value_or(0)};
        planned_total += planned.minutes;
        record_.planned_phases.push_back(planned);
        PhaseRecord& phase_record = phase(int(record_.planned_phases.size()) - 1);
        phase_record.name = planned.name;
        phase_record.planned_minutes = planned.minutes;
      }
    }
    record_.planned_minutes = payload_number(p, "planned_minutes").value_or(planned_total);
  }

  void phase_started(std::int64_t t, const nlohmann::json& p) {
    const int index = phase_index(p);
    if (index < 0) return;
    PhaseRecord& phase_record = phase(index);
    // A phase beyond the plan snapshot (or a damaged snapshot) still gets its name and length.
    if (phase_record.name.empty()) phase_record.name = payload_text(p, "name");
    if (phase_record.planned_minutes == 0.0) {
      phase_record.planned_minutes = payload_number(p, "planned_minutes").value_or(0);
    }
    close_open_visit(t);
    record_.visits.push_back({index, t, t, true, payload_text(p, "reason")});
  }

  // The last phase change is taken back: its visit never happened, and the phase it left goes on
  // from its original start, as the therapist saw it on the phase clock.
  void phase_change_undone(std::int64_t t, const nlohmann::json& p) {
    const int restored = phase_index(p);
    int dropped = -1;
    std::int64_t from = t;
    if (!record_.visits.empty() && record_.visits.back().open) {
      dropped = record_.visits.back().phase;
      from = record_.visits.back().start_ns;
      record_.visits.pop_back();
    }
    record_.undone_changes.push_back({t, from, dropped, restored});
    if (restored < 0) return;
    const std::int64_t original_start = payload_integer(p, "phase_started_ns").value_or(t);
    if (!record_.visits.empty() && record_.visits.back().phase == restored) {
      record_.visits.back().open = true;
      return;
    }
    close_open_visit(original_start);
    record_.visits.push_back({restored, std::min(original_start, t), t, true, {}});
  }

  void track_started(std::int64_t t, const nlohmann::json& p) {
    TrackRecord track;
    track.start_ns = t;
    track.end_ns = -1;  // filled by track_ended or finish()
    track.title = payload_text(p, "title");
    track.path = payload_text(p, "path");
    track.phase = phase_index(p);
    track.entry = int(payload_integer(p, "entry").value_or(-1));
    track.offset_seconds = payload_number(p, "offset_seconds").value_or(0);
    track.duration_seconds = payload_number(p, "duration_seconds");
    record_.tracks.push_back(std::move(track));
  }

  // Several plays of one file can be open at once: phases sharing a playlist crossfade into
  // each other, a one-track playlist loops with a crossfade, or a play's end went unrecorded.
  // The one that ended is of the same phase and started played_seconds ago; without that
  // figure, the oldest.
  void track_ended(std::int64_t t, const nlohmann::json& p) {
    const std::string path = payload_text(p, "path");
    const int phase = phase_index(p);
    const auto played = payload_number(p, "played_seconds");
    const std::int64_t expected_start = played ? t - std::llround(*played * 1e9) : 0;
    const bool phase_known =
        phase >= 0 &&
        std::any_of(record_.tracks.begin(), record_.tracks.end(), [&](const TrackRecord& track) {
          return track.end_ns < 0 && track.path == path && track.phase == phase;
        });
    TrackRecord* best = nullptr;
    for (TrackRecord& track : record_.tracks) {
      if (track.end_ns >= 0 || (!path.empty() && track.path != path)) continue;
      if (phase_known && track.phase != phase) continue;
      if (best == nullptr || (played && std::llabs(track.start_ns - expected_start) <
                                            std::llabs(best->start_ns - expected_start))) {
        best = &track;
      }
    }
    if (best != nullptr) best->end_ns = std::max(best->start_ns, t);
  }

  void marker(const Event& event) {
    const nlohmann::json& p = event.payload;
    MarkerRecord marker;
    marker.at_ns = event.session_ns;
    marker.wall_time_utc = event.wall_time_utc;
    marker.utc_offset_minutes = event.utc_offset_minutes;
    marker.kind = payload_text(p, "kind");
    marker.systolic = payload_number(p, "systolic");
    marker.diastolic = payload_number(p, "diastolic");
    marker.heart_rate = payload_number(p, "heart_rate");
    marker.spo2 = payload_number(p, "spo2");
    marker.text = payload_text(p, "text");
    marker.phase = current_phase();
    record_.markers.push_back(std::move(marker));
  }

  void reminder_shown(std::int64_t t, const nlohmann::json& p) {
    record_.reminders.push_back({int(payload_integer(p, "reminder").value_or(-1)),
                                 payload_text(p, "text"), t, std::nullopt});
  }

  void reminder_acknowledged(std::int64_t t, const nlohmann::json& p) {
    const int index = int(payload_integer(p, "reminder").value_or(-1));
    const std::string text = payload_text(p, "text");
    for (auto reminder = record_.reminders.rbegin(); reminder != record_.reminders.rend();
         ++reminder) {
      const bool same = index >= 0 ? reminder->reminder == index : reminder->text == text;
      if (same && !reminder->acknowledged_ns) {
        reminder->acknowledged_ns = t;
        return;
      }
    }
  }

  void device_restored(std::int64_t t) {
    for (auto outage = record_.outages.rbegin(); outage != record_.outages.rend(); ++outage) {
      if (!outage->restored_ns) {
        outage->restored_ns = t;
        return;
      }
    }
  }

  // After a crash nothing is known of the audio past the last event before it, so tracks still
  // open end there rather than stretching across the outage.
  void session_resumed(std::int64_t t, const nlohmann::json& p) {
    for (TrackRecord& track : record_.tracks) {
      if (track.end_ns < 0) {
        track.end_ns = std::max(track.start_ns, last_ns_);
        track.end_inferred = true;
      }
    }
    record_.resumes.push_back({t, payload_number(p, "gap_seconds")});
  }

  void audio(std::int64_t t, AudioMoveKind kind, const nlohmann::json& p, const char* key) {
    record_.audio_moves.push_back({t, kind, *key == '\0' ? std::nullopt : payload_number(p, key)});
  }

  // A track without track_ended ran until something else took over: the next track, the end of
  // its phase, or the end of the record, whichever came first.
  void end_open_tracks(std::int64_t end) {
    auto& tracks = record_.tracks;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
      TrackRecord& track = tracks[i];
      if (track.end_ns >= 0) continue;
      std::int64_t until = end;
      if (i + 1 < tracks.size()) until = std::min(until, tracks[i + 1].start_ns);
      for (const PhaseVisit& visit : record_.visits) {
        if (visit.start_ns <= track.start_ns && track.start_ns < visit.end_ns) {
          until = std::min(until, visit.end_ns);
        }
      }
      track.end_ns = std::max(track.start_ns, until);
      track.end_inferred = true;
    }
  }

  void sum_phases() {
    for (const PhaseVisit& visit : record_.visits) {
      PhaseRecord& phase_record = phase(visit.phase);
      if (phase_record.visit_count == 0) phase_record.first_start_ns = visit.start_ns;
      ++phase_record.visit_count;
      phase_record.last_end_ns = std::max(phase_record.last_end_ns, visit.end_ns);
      phase_record.span_ns += visit.end_ns - visit.start_ns;
      for (const PauseRecord& pause : record_.pauses) {
        const std::int64_t from = std::max(pause.start_ns, visit.start_ns);
        const std::int64_t to = std::min(pause.end_ns, visit.end_ns);
        if (to > from) phase_record.paused_ns += to - from;
      }
    }
  }

  PhaseRecord& phase(int index) {
    while (int(record_.phases.size()) <= index) {
      PhaseRecord added;
      added.index = int(record_.phases.size());
      record_.phases.push_back(added);
    }
    return record_.phases[std::size_t(index)];
  }

  int current_phase() const { return record_.visits.empty() ? -1 : record_.visits.back().phase; }

  void close_open_visit(std::int64_t t) {
    if (!record_.visits.empty() && record_.visits.back().open) close(record_.visits.back(), t);
  }

  template <class Interval>
  static void close(Interval& interval, std::int64_t t) {
    interval.end_ns = std::max(interval.start_ns, t);
    interval.open = false;
  }

  PauseRecord* open_pause() {
    if (record_.pauses.empty() || !record_.pauses.back().open) return nullptr;
    return &record_.pauses.back();
  }

  SessionRecord& record_;
  std::int64_t last_ns_ = 0;
  std::optional<std::int64_t> ended_at_;
};

}  // namespace

std::string TrackRecord::display_title() const {
  if (!title.empty()) return title;
  const std::string name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

std::int64_t SessionRecord::paused_ns() const {
  std::int64_t total = 0;
  for (const PauseRecord& pause : pauses) total += pause.end_ns - pause.start_ns;
  return total;
}

bool SessionRecord::phase_running(int index) const {
  for (const PhaseVisit& visit : visits) {
    if (visit.open && visit.phase == index) return true;
  }
  return false;
}

std::string SessionRecord::phase_name(int index) const {
  if (index >= 0 && std::size_t(index) < phases.size() &&
      !phases[std::size_t(index)].name.empty()) {
    return phases[std::size_t(index)].name;
  }
  return index < 0 ? std::string("-") : "phase " + std::to_string(index + 1);
}

SessionRecord build_session_record(const std::vector<Event>& events) {
  SessionRecord record;
  RecordFolder folder(record);
  for (const Event& event : events) folder.apply(event);
  folder.finish();
  record.event_count = events.size();
  if (record.session_id.empty() && !events.empty()) record.session_id = events.front().session_id;
  return record;
}

}  // namespace holdspace::journal
