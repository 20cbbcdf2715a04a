// The review model of one session: a pure fold of its journal events into phases planned against
// actual, tracks played, markers and vitals, reminders, pauses and the audio and device history.
// `show`, every export and the UI's review view read this one interpretation of the record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/event.h"

namespace holdspace::journal {

// As the plan was when the session started (session_started carries the snapshot).
struct PlannedPhase {
  std::string name;
  double minutes = 0.0;
};

// One stay in a phase, in session time. A phase visited twice (after "back") has two visits; a
// phase change that was undone leaves no visit, and the phase it left simply continues.
struct PhaseVisit {
  int phase = 0;
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  bool open = false;   // still running when the record stops: an unfinished session
  std::string reason;  // "start", "advance", "back", "auto"; empty for a phase an undo restored
};

// One planned phase against what happened in it.
struct PhaseRecord {
  int index = 0;
  std::string name;
  double planned_minutes = 0.0;
  double extended_minutes = 0.0;  // "extend by N minutes" during the session
  int visit_count = 0;
  std::int64_t first_start_ns = 0;  // meaningful when started()
  std::int64_t last_end_ns = 0;
  std::int64_t span_ns = 0;    // time spent in the phase, pauses included
  std::int64_t paused_ns = 0;  // timeline pauses inside its visits

  bool started() const { return visit_count > 0; }
  // The phase clock the therapist saw: it stops while the timeline is paused.
  double actual_seconds() const { return double(span_ns - paused_ns) / 1e9; }
  // Planned including extensions, since extending was a decision, not an overrun.
  double planned_seconds() const { return (planned_minutes + extended_minutes) * 60.0; }
  // > 0 is an overrun, < 0 a phase left early.
  double difference_seconds() const { return actual_seconds() - planned_seconds(); }
};

struct PauseRecord {
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  bool open = false;  // never resumed
};

struct TrackRecord {
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  std::string title;
  std::string path;
  int phase = -1;               // index in the plan; -1 when the journal did not say
  int entry = -1;               // index in the phase playlist
  double offset_seconds = 0.0;  // where in the file it started (a resume starts mid-track)
  std::optional<double> duration_seconds;  // of the whole file
  bool end_inferred = false;  // no track_ended: ended by the next track, the phase or the record

  double played_seconds() const { return double(end_ns - start_ns) / 1e9; }
  // The title, or the file name when the track has none.
  std::string display_title() const;
};

struct MarkerRecord {
  std::int64_t at_ns = 0;
  std::string wall_time_utc;
  int utc_offset_minutes = 0;
  std::string kind;  // "dose", "booster", "vitals", "note" (others pass through unchanged)
  std::optional<double> systolic;
  std::optional<double> diastolic;
  std::optional<double> heart_rate;
  std::optional<double> spo2;
  std::string text;
  int phase = -1;  // the phase running when it was set
};

struct ReminderRecord {
  int reminder = -1;  // index in the plan
  std::string text;
  std::int64_t shown_ns = 0;
  std::optional<std::int64_t> acknowledged_ns;
};

struct DeviceOutage {
  std::string device;
  std::string reason;
  std::int64_t lost_ns = 0;
  std::optional<std::int64_t> restored_ns;
};

enum class AudioMoveKind { Volume, DuckOn, DuckOff, FadeOut, FadeIn };

struct AudioMove {
  std::int64_t at_ns = 0;
  AudioMoveKind kind = AudioMoveKind::Volume;
  std::optional<double> value;  // volume_db, depth_db or fade seconds
};

struct SkippedTrack {
  std::int64_t at_ns = 0;
  int phase = -1;
  std::string path;
  int line = 0;
  std::string reason;
};

struct UndoneChange {
  std::int64_t at_ns = 0;
  std::int64_t from_ns = 0;  // when the mistaken change happened (the dropped visit's start)
  int dropped_phase = -1;    // the phase the mistaken change had entered
  int restored_phase = -1;   // the phase that continues
};

// The disk refused the record for a while (full, read-only): the events of that spell were kept
// in memory and written when it took writes again, so the record has no gap, only a delay.
struct JournalOutage {
  std::int64_t since_ns = 0;    // the first event the disk refused
  std::int64_t written_ns = 0;  // when the held events reached the disk
  std::string reason;           // "disk full", "read-only", ...
  std::int64_t events_held = 0;
};

// holdspace started again after a crash or power cut and carried on with this session.
struct SessionResume {
  std::int64_t at_ns = 0;
  std::optional<double> gap_seconds;
};

struct SessionRecord {
  std::string session_id;
  std::string client;
  std::string plan_name;
  std::string started_utc;  // wall time of session_started
  int utc_offset_minutes = 0;
  double planned_minutes = 0.0;
  std::vector<PlannedPhase> planned_phases;

  std::vector<PhaseRecord> phases;  // one per planned phase, in plan order
  std::vector<PhaseVisit> visits;   // in time order
  std::vector<PauseRecord> pauses;
  std::vector<TrackRecord> tracks;  // in start order
  std::vector<MarkerRecord> markers;
  std::vector<ReminderRecord> reminders;
  std::vector<DeviceOutage> outages;
  std::vector<AudioMove> audio_moves;
  std::vector<SkippedTrack> skipped;
  std::vector<UndoneChange> undone_changes;
  std::vector<SessionResume> resumes;
  std::vector<JournalOutage> journal_outages;

  bool ended = false;
  std::string end_reason;
  std::int64_t end_ns = 0;  // session_ended, or the last event of an unfinished session
  std::size_t event_count = 0;

  double actual_seconds() const { return double(end_ns) / 1e9; }
  double planned_seconds() const { return planned_minutes * 60.0; }
  std::int64_t paused_ns() const;
  // The phase an unfinished session was in when its record stops. Its time against the plan
  // is no under-run, so reports leave the difference out.
  bool phase_running(int index) const;
  // The phase's name, or "phase N" (1-based) when the record does not know it.
  std::string phase_name(int index) const;
};

// Folds a session's events (in sequence order) into its review model. Pure: no I/O, and it
// accepts any list, however short or odd, since an unfinished or damaged session is still
// someone's record.
SessionRecord build_session_record(const std::vector<Event>& events);

}  // namespace holdspace::journal
