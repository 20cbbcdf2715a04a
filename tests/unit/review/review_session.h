// A realistic KAP session's journal, scripted by hand for the review tests: four phases, a "back"
// and a mistaken advance that was undone, a pause, crossfaded tracks, dose, booster, vitals and
// a note, reminders, a talk duck, a lost device and a fade-out.
#pragma once

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "journal/event.h"

namespace holdspace::journal::test {

inline constexpr const char* kSessionId = "20261121T194703Z-K042";
inline constexpr std::int64_t kSecond = 1'000'000'000;

// Appends events with increasing sequence numbers and a wall time that follows session time.
class EventScript {
 public:
  Event& add(double seconds, EventType type, nlohmann::json payload = nlohmann::json::object()) {
    Event event;
    event.session_id = kSessionId;
    event.sequence = std::int64_t(events_.size()) + 1;
    event.session_ns = std::llround(seconds * 1e9);
    event.wall_time_utc = wall_time(seconds);
    event.utc_offset_minutes = 60;
    event.type = type;
    event.payload = std::move(payload);
    events_.push_back(std::move(event));
    return events_.back();
  }
  const std::vector<Event>& events() const { return events_; }

 private:
  // The session starts 2026-11-21 19:47:03 UTC (20:47 in Vienna).
  static std::string wall_time(double seconds) {
    using namespace std::chrono;
    const sys_seconds start =
        sys_days{year{2026} / 11 / 21} + hours{19} + minutes{47} + std::chrono::seconds{3};
    const auto at = start + milliseconds{std::llround(seconds * 1000)};
    const auto day = floor<days>(at);
    const year_month_day date{day};
    const hh_mm_ss clock{at - day};
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                  int(clock.minutes().count()), int(clock.seconds().count()),
                  int(clock.subseconds().count()));
    return text;
  }
  std::vector<Event> events_;
};

inline nlohmann::json track(int phase, int entry, const std::string& path, const std::string& title,
                            double duration, double offset = 0.0) {
  return {{"phase", phase}, {"entry", entry},           {"path", path},
          {"title", title}, {"offset_seconds", offset}, {"duration_seconds", duration}};
}

inline nlohmann::json track_end(int phase, int entry, const std::string& path, double played) {
  return {{"phase", phase}, {"entry", entry}, {"path", path}, {"played_seconds", played}};
}

inline nlohmann::json phase(int index, const std::string& name, double minutes,
                            const std::string& reason) {
  return {{"phase", index}, {"name", name}, {"planned_minutes", minutes}, {"reason", reason}};
}

inline const char* const kIntention = "Intention setting";
inline const char* const kRelaxation = "Guided relaxation";
inline const char* const kDosing = "Dosing experience";
inline const char* const kIntegration = "Initial integration";

// The note has a comma, quotes and a line break, so CSV quoting is exercised for real.
inline const char* const kNoteText =
    "Warmth, tears; talks about her \"safe place\"\nwants to journal";

// What the session should show, phase by phase (seconds):
//   Intention    20:00 planned; [0, 1260] + back [1290, 1380]          -> 22:30, +2:30, 2 visits
//   Relaxation   15:00 planned; [1260, 1290] + [1380, 2100]             -> 12:30, -2:30, 2 visits
//   Dosing       90:00 + 2:00 extended; [2100, 7800], paused 2:00       -> 93:00, +1:00
//                (an advance at 2104 to Integration was undone at 2110)
//   Integration  55:00 planned; [7800, 10700]                           -> 48:20, -6:40
// Ends at 10700 s = 2:58:20 of 3:00:00.
inline std::vector<Event> kap_session_events() {
  EventScript s;
  s.add(0, EventType::SessionStarted,
        {{"plan_name", "KAP 3 h"},
         {"plan_path", "/plans/kap-3h.toml"},
         {"plan_toml", "name = \"KAP 3 h\"\n"},
         {"client", "K042"},
         {"planned_minutes", 180},
         {"phases",
          {{{"name", kIntention}, {"minutes", 20}},
           {{"name", kRelaxation}, {"minutes", 15}},
           {{"name", kDosing}, {"minutes", 90}},
           {{"name", kIntegration}, {"minutes", 55}}}}});
  s.add(0, EventType::PhaseStarted, phase(0, kIntention, 20, "start"));
  s.add(1, EventType::TrackStarted, track(0, 0, "/music/intention/opening.ogg", "Opening", 600));
  s.add(601, EventType::TrackEnded, track_end(0, 0, "/music/intention/opening.ogg", 600));
  s.add(601, EventType::TrackStarted,
        track(0, 1, "/music/intention/still-water.ogg", "Still Water", 900));
  s.add(1260, EventType::PhaseStarted, phase(1, kRelaxation, 15, "advance"));
  s.add(1260, EventType::TrackStarted,
        track(1, 0, "/music/relaxation/body-scan.ogg", "Guided Body Scan", 840));
  s.add(1266, EventType::TrackEnded, track_end(0, 1, "/music/intention/still-water.ogg", 665));
  // The client wanted to say more about her intention: back, then on again.
  s.add(1290, EventType::PhaseStarted, phase(0, kIntention, 20, "back"));
  s.add(1290, EventType::TrackStarted,
        track(0, 1, "/music/intention/still-water.ogg", "Still Water", 900, 665));
  s.add(1296, EventType::TrackEnded, track_end(1, 0, "/music/relaxation/body-scan.ogg", 36));
  s.add(1380, EventType::PhaseStarted, phase(1, kRelaxation, 15, "advance"));
  s.add(1380, EventType::TrackStarted,
        track(1, 0, "/music/relaxation/body-scan.ogg", "Guided Body Scan", 840));
  s.add(1386, EventType::TrackEnded, track_end(0, 1, "/music/intention/still-water.ogg", 96));
  s.add(1500, EventType::ReminderShown,
        {{"reminder", 0}, {"text", "Blood pressure before dosing"}});
  s.add(
      1530, EventType::Marker,
      {{"kind", "vitals"}, {"systolic", 124}, {"diastolic", 80}, {"heart_rate", 72}, {"spo2", 98}});
  s.add(1535, EventType::ReminderAcknowledged,
        {{"reminder", 0}, {"text", "Blood pressure before dosing"}});
  s.add(2100, EventType::PhaseStarted, phase(2, kDosing, 90, "advance"));
  s.add(2100, EventType::TrackEnded, track_end(1, 0, "/music/relaxation/body-scan.ogg", 720));
  s.add(2100, EventType::TrackStarted, track(2, 0, "/music/dosing/ascent.flac", "Ascent", 1800));
  // A mistaken advance, undone six seconds later: Dosing goes on from its true start.
  s.add(2104, EventType::PhaseStarted, phase(3, kIntegration, 55, "advance"));
  s.add(2104, EventType::TrackStarted,
        track(3, 0, "/music/integration/return.ogg", "Return", 1200));
  s.add(2110, EventType::PhaseChangeUndone, {{"phase", 2}, {"phase_started_ns", 2100 * kSecond}});
  s.add(2110, EventType::TrackEnded, track_end(3, 0, "/music/integration/return.ogg", 6));
  s.add(2110, EventType::TrackStarted,
        track(2, 0, "/music/dosing/ascent.flac", "Ascent", 1800, 10));
  s.add(2400, EventType::Marker, {{"kind", "dose"}});
  s.add(2700, EventType::TimelinePaused);
  s.add(2820, EventType::TimelineResumed, {{"paused_ns", 120 * kSecond}});
  s.add(2820, EventType::ReminderShown, {{"reminder", 1}, {"text", "Lozenge: spit or swallow"}});
  s.add(2840, EventType::ReminderAcknowledged,
        {{"reminder", 1}, {"text", "Lozenge: spit or swallow"}});
  s.add(3600, EventType::Marker, {{"kind", "booster"}, {"text", "half lozenge"}});
  s.add(3900, EventType::TrackEnded, track_end(2, 0, "/music/dosing/ascent.flac", 1790));
  // No track_ended for this one: it ends where Integration begins.
  s.add(3900, EventType::TrackStarted,
        track(2, 1, "/music/dosing/deep-field.ogg", "Deep Field", 4200));
  s.add(4800, EventType::ReminderShown, {{"reminder", 2}, {"text", "Blood pressure check"}});
  s.add(
      4810, EventType::Marker,
      {{"kind", "vitals"}, {"systolic", 128}, {"diastolic", 82}, {"heart_rate", 74}, {"spo2", 98}});
  s.add(4815, EventType::ReminderAcknowledged, {{"reminder", 2}, {"text", "Blood pressure check"}});
  s.add(5000, EventType::DuckOn, {{"depth_db", -12}});
  s.add(5060, EventType::DuckOff);
  s.add(5100, EventType::VolumeChanged, {{"volume_db", -3}});
  s.add(5400, EventType::DeviceLost,
        {{"device", "USB headphones"}, {"reason", "device unplugged"}});
  s.add(5412, EventType::DeviceRestored, {{"device", "USB headphones"}});
  s.add(7200, EventType::PhaseExtended, {{"phase", 2}, {"minutes", 2}});
  s.add(7800, EventType::PhaseStarted, phase(3, kIntegration, 55, "advance"));
  s.add(7800, EventType::TrackStarted,
        track(3, 0, "/music/integration/return.ogg", "Return", 1200));
  s.add(8400, EventType::Marker, {{"kind", "note"}, {"text", kNoteText}});
  s.add(9000, EventType::TrackEnded, track_end(3, 0, "/music/integration/return.ogg", 1200));
  s.add(9000, EventType::TrackStarted,
        track(3, 1, "/music/integration/home-again.ogg", "Home, Again", 1500));
  s.add(10450, EventType::ReminderShown,
        {{"reminder", 3}, {"text", "Vitals before the client leaves"}});
  s.add(10500, EventType::Marker,
        {{"kind", "vitals"}, {"systolic", 118}, {"diastolic", 76}, {"heart_rate", 68}});
  s.add(10680, EventType::FadeOut, {{"seconds", 10}});
  s.add(10690, EventType::TrackEnded, track_end(3, 1, "/music/integration/home-again.ogg", 1690));
  s.add(10700, EventType::SessionEnded, {{"reason", "ended"}});
  return s.events();
}

// The session as it stood when the record stops after the given session time (a crash, or a
// session still running).
inline std::vector<Event> kap_session_until(double seconds) {
  std::vector<Event> events;
  for (const Event& event : kap_session_events()) {
    if (double(event.session_ns) / 1e9 <= seconds) events.push_back(event);
  }
  return events;
}

// Each test gets its own folder, so tests can run in parallel and leave nothing behind.
class ReviewTempDir {
 public:
  ReviewTempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "holdspace-review-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ReviewTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ReviewTempDir(const ReviewTempDir&) = delete;
  ReviewTempDir& operator=(const ReviewTempDir&) = delete;
  std::filesystem::path operator/(const std::filesystem::path& name) const { return path_ / name; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// How many times needle occurs in text.
inline std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

}  // namespace holdspace::journal::test
