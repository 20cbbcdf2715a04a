// One entry in the session record. Every phase change, track, marker, vital sign, reminder and
// device change is an event; the session's state is a fold over them (crash resume is the same
// code path as normal running).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace holdspace::journal {

enum class EventType {
  SessionStarted,        // payload: plan_name, plan_path, plan_toml (the file as it was), client,
                         //          planned_minutes, phases: [{name, minutes}] (so a review
                         //          never needs the plan file again)
  PhaseStarted,          // payload: phase (index), name, planned_minutes, reason ("start",
                         //          "advance", "back", "auto")
  PhaseChangeUndone,     // payload: phase (restored index), phase_started_ns (its original start)
  PhaseExtended,         // payload: phase, minutes
  TimelinePaused,        // payload: {}
  TimelineResumed,       // payload: paused_ns (how long the pause lasted)
  TrackStarted,          // payload: phase, entry (index in the phase playlist), path, title,
                         //          offset_seconds, duration_seconds, gain_db (loudness matching)
  TrackEnded,            // payload: phase, entry, path, played_seconds
  TrackSkipped,          // payload: phase, path, line, reason
  VolumeChanged,         // payload: volume_db
  DuckOn,                // payload: depth_db
  DuckOff,               // payload: {}
  FadeOut,               // payload: seconds
  FadeIn,                // payload: seconds (the music back after a fade-out)
  Marker,                // payload: kind ("dose", "booster", "vitals", "note"), and for vitals any
                         //          of systolic, diastolic, heart_rate, spo2; for note: text
  ReminderShown,         // payload: reminder (index in the plan), text
  ReminderAcknowledged,  // payload: reminder, text
  DeviceLost,            // payload: device, reason
  DeviceRestored,        // payload: device
  SessionResumed,        // payload: gap_seconds (wall time the session was not running)
  SessionEnded,          // payload: reason ("ended", ...)
  JournalRecovered,      // the disk took writes again after refusing them (full, read-only):
                         // payload: reason, since_utc and since_ns (the first event it refused),
                         //          events_held (kept in memory meanwhile, now written before this)
};

std::string_view to_string(EventType type);                 // "phase_started"
std::optional<EventType> event_type_from(std::string_view text);
// Every type, in declaration order (for tests and for listing).
std::span<const EventType> all_event_types();

struct Event {
  std::string session_id;
  std::int64_t sequence = 0;        // 1, 2, 3 … within the session; set by the journal
  std::string wall_time_utc;        // "2026-11-21T19:47:03.123Z"
  int utc_offset_minutes = 0;       // the local offset at that moment, e.g. 60 for CET
  std::int64_t session_ns = 0;      // the session clock (monotonic; continues across a resume)
  EventType type = EventType::SessionStarted;
  nlohmann::json payload = nlohmann::json::object();
};

}  // namespace holdspace::journal
