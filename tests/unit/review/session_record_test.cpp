// build_session_record: phases planned against actual (with back, undo, pause and extension),
// tracks and their inferred ends, markers, reminders and an unfinished or crashed session.
#include "journal/session_record.h"

#include <catch2/catch.hpp>

#include "review_session.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

TEST_CASE("record: the session header comes from session_started", "[review]") {
  const SessionRecord record = build_session_record(kap_session_events());
  CHECK(record.session_id == kSessionId);
  CHECK(record.client == "K042");
  CHECK(record.plan_name == "KAP 3 h");
  CHECK(record.started_utc == "2026-11-21T19:47:03.000Z");
  CHECK(record.utc_offset_minutes == 60);
  CHECK(record.planned_minutes == 180);
  REQUIRE(record.planned_phases.size() == 4);
  CHECK(record.planned_phases[2].name == kDosing);
  CHECK(record.planned_phases[2].minutes == 90);
  CHECK(record.ended);
  CHECK(record.end_reason == "ended");
  CHECK(record.end_ns == 10700 * kSecond);
  CHECK(record.event_count == kap_session_events().size());
}

TEST_CASE("record: each phase planned against actual, with back, undo, pause and extension",
          "[review]") {
  const SessionRecord record = build_session_record(kap_session_events());
  REQUIRE(record.phases.size() == 4);
  const PhaseRecord& intention = record.phases[0];
  const PhaseRecord& relaxation = record.phases[1];
  const PhaseRecord& dosing = record.phases[2];
  const PhaseRecord& integration = record.phases[3];

  CHECK(intention.visit_count == 2);  // back once
  CHECK(intention.actual_seconds() == Approx(1350));
  CHECK(intention.difference_seconds() == Approx(150));
  CHECK(relaxation.visit_count == 2);
  CHECK(relaxation.actual_seconds() == Approx(750));
  CHECK(relaxation.difference_seconds() == Approx(-150));

  // The undone advance leaves no visit; Dosing runs from its true start.
  CHECK(dosing.visit_count == 1);
  CHECK(dosing.first_start_ns == 2100 * kSecond);
  CHECK(dosing.last_end_ns == 7800 * kSecond);
  CHECK(dosing.span_ns == 5700 * kSecond);
  CHECK(dosing.paused_ns == 120 * kSecond);
  CHECK(dosing.extended_minutes == 2);
  CHECK(dosing.actual_seconds() == Approx(5580));      // the phase clock stops in a pause
  CHECK(dosing.planned_seconds() == Approx(92 * 60));  // the extension counts as planned
  CHECK(dosing.difference_seconds() == Approx(60));

  CHECK(integration.visit_count == 1);
  CHECK(integration.actual_seconds() == Approx(2900));
  CHECK(integration.difference_seconds() == Approx(-400));

  // Visits in time order; none left open in an ended session.
  REQUIRE(record.visits.size() == 6);
  const std::vector<int> order = {0, 1, 0, 1, 2, 3};
  for (std::size_t i = 0; i < order.size(); ++i) {
    CHECK(record.visits[i].phase == order[i]);
    CHECK_FALSE(record.visits[i].open);
  }
  REQUIRE(record.undone_changes.size() == 1);
  CHECK(record.undone_changes[0].dropped_phase == 3);
  CHECK(record.undone_changes[0].restored_phase == 2);
  CHECK(record.undone_changes[0].from_ns == 2104 * kSecond);
  CHECK(record.undone_changes[0].at_ns == 2110 * kSecond);

  REQUIRE(record.pauses.size() == 1);
  CHECK(record.pauses[0].start_ns == 2700 * kSecond);
  CHECK(record.pauses[0].end_ns == 2820 * kSecond);
  CHECK(record.paused_ns() == 120 * kSecond);
}

TEST_CASE("record: tracks with their intervals, offsets and inferred ends", "[review]") {
  const SessionRecord record = build_session_record(kap_session_events());
  REQUIRE(record.tracks.size() == 11);
  const auto& tracks = record.tracks;
  CHECK(tracks[0].title == "Opening");
  CHECK(tracks[0].start_ns == 1 * kSecond);
  CHECK(tracks[0].end_ns == 601 * kSecond);
  CHECK_FALSE(tracks[0].end_inferred);
  CHECK(tracks[0].duration_seconds == Approx(600));

  // Crossfades overlap: the track_ended goes to the track of that file, not the newest one.
  CHECK(tracks[1].end_ns == 1266 * kSecond);
  CHECK(tracks[3].path == "/music/intention/still-water.ogg");
  CHECK(tracks[3].offset_seconds == Approx(665));
  CHECK(tracks[3].end_ns == 1386 * kSecond);

  // The first Ascent had no track_ended: the next track (the mistaken Return) took over.
  CHECK(tracks[5].title == "Ascent");
  CHECK(tracks[5].end_ns == 2104 * kSecond);
  CHECK(tracks[5].end_inferred);
  CHECK(tracks[6].title == "Return");
  CHECK(tracks[6].phase == 3);
  CHECK(tracks[6].played_seconds() == Approx(6));
  CHECK(tracks[7].offset_seconds == Approx(10));
  CHECK(tracks[7].end_ns == 3900 * kSecond);

  // Deep Field never ended in the journal: it ends where its phase ends.
  CHECK(tracks[8].title == "Deep Field");
  CHECK(tracks[8].end_ns == 7800 * kSecond);
  CHECK(tracks[8].end_inferred);
  CHECK(tracks[10].title == "Home, Again");
  CHECK(tracks[10].end_ns == 10690 * kSecond);
  CHECK(tracks[10].phase == 3);
}

TEST_CASE("record: markers, vitals, reminders, audio and device history", "[review]") {
  const SessionRecord record = build_session_record(kap_session_events());
  REQUIRE(record.markers.size() == 6);
  const MarkerRecord& before = record.markers[0];
  CHECK(before.kind == "vitals");
  CHECK(before.systolic == Approx(124));
  CHECK(before.diastolic == Approx(80));
  CHECK(before.heart_rate == Approx(72));
  CHECK(before.spo2 == Approx(98));
  CHECK(before.phase == 1);
  CHECK(record.markers[1].kind == "dose");
  CHECK(record.markers[1].at_ns == 2400 * kSecond);
  CHECK(record.markers[1].phase == 2);
  CHECK(record.markers[2].kind == "booster");
  CHECK(record.markers[2].text == "half lozenge");
  CHECK(record.markers[4].kind == "note");
  CHECK(record.markers[4].text == kNoteText);
  CHECK(record.markers[4].phase == 3);
  CHECK_FALSE(record.markers[5].spo2.has_value());

  REQUIRE(record.reminders.size() == 4);
  CHECK(record.reminders[1].text == "Lozenge: spit or swallow");
  CHECK(record.reminders[1].acknowledged_ns == 2840 * kSecond);
  CHECK_FALSE(record.reminders[3].acknowledged_ns.has_value());

  REQUIRE(record.outages.size() == 1);
  CHECK(record.outages[0].device == "USB headphones");
  CHECK(record.outages[0].restored_ns == 5412 * kSecond);
  REQUIRE(record.audio_moves.size() == 4);
  CHECK(record.audio_moves[0].kind == AudioMoveKind::DuckOn);
  CHECK(record.audio_moves[0].value == Approx(-12));
  CHECK(record.audio_moves[3].kind == AudioMoveKind::FadeOut);
}

TEST_CASE("record: an unfinished session ends at its last event", "[review]") {
  const SessionRecord record = build_session_record(kap_session_until(4810));
  CHECK_FALSE(record.ended);
  CHECK(record.end_ns == 4810 * kSecond);
  REQUIRE(record.visits.size() == 5);
  CHECK(record.visits.back().phase == 2);
  CHECK(record.visits.back().open);
  CHECK(record.visits.back().end_ns == 4810 * kSecond);
  CHECK(record.phases[2].actual_seconds() == Approx(4810 - 2100 - 120));
  CHECK_FALSE(record.phases[3].started());
  // Deep Field is still playing: it ends with the record.
  CHECK(record.tracks.back().title == "Deep Field");
  CHECK(record.tracks.back().end_ns == 4810 * kSecond);
}

TEST_CASE("record: after a crash, open tracks end at the last event before it", "[review]") {
  EventScript s;
  s.add(0, EventType::SessionStarted,
        {{"client", "K7"}, {"phases", {{{"name", "Only"}, {"minutes", 30}}}}});
  s.add(0, EventType::PhaseStarted, phase(0, "Only", 30, "start"));
  s.add(1, EventType::TrackStarted, track(0, 0, "/m/a.ogg", "A", 900));
  s.add(300, EventType::Marker, {{"kind", "dose"}});
  // holdspace was killed around 320 s and came back at 400 s.
  s.add(400, EventType::SessionResumed, {{"gap_seconds", 80}});
  s.add(400, EventType::TrackStarted, track(0, 0, "/m/a.ogg", "A", 900, 399));
  s.add(500, EventType::SessionEnded, {{"reason", "ended"}});
  const SessionRecord record = build_session_record(s.events());
  REQUIRE(record.tracks.size() == 2);
  CHECK(record.tracks[0].end_ns == 300 * kSecond);
  CHECK(record.tracks[0].end_inferred);
  CHECK(record.tracks[1].end_ns == 500 * kSecond);
  REQUIRE(record.resumes.size() == 1);
  CHECK(record.resumes[0].gap_seconds == Approx(80));
  // The plan snapshot had no planned_minutes: the phases' sum stands in.
  CHECK(record.planned_minutes == 30);
}

TEST_CASE("record: a one-track playlist looping with a crossfade ends the right play", "[review]") {
  EventScript s;
  s.add(0, EventType::SessionStarted,
        {{"client", "K9"}, {"phases", {{{"name", "Drone"}, {"minutes", 20}}}}});
  s.add(0, EventType::PhaseStarted, phase(0, "Drone", 20, "start"));
  s.add(0, EventType::TrackStarted, track(0, 0, "/m/drone.ogg", "Drone", 300));
  s.add(292, EventType::TrackStarted, track(0, 0, "/m/drone.ogg", "Drone", 300));  // 8 s crossfade
  s.add(300, EventType::TrackEnded, track_end(0, 0, "/m/drone.ogg", 300));
  s.add(584, EventType::TrackStarted, track(0, 0, "/m/drone.ogg", "Drone", 300));
  s.add(592, EventType::TrackEnded, track_end(0, 0, "/m/drone.ogg", 300));
  s.add(600, EventType::SessionEnded, {{"reason", "ended"}});
  const SessionRecord record = build_session_record(s.events());
  REQUIRE(record.tracks.size() == 3);
  CHECK(record.tracks[0].end_ns == 300 * kSecond);
  CHECK(record.tracks[1].end_ns == 592 * kSecond);
  CHECK(record.tracks[2].end_ns == 600 * kSecond);
  CHECK(record.tracks[2].end_inferred);
}

TEST_CASE("record: phases sharing a playlist: each end goes to its own phase's play", "[review]") {
  // As the demo plan records it: every phase starts the same file, crossfading over the last.
  EventScript s;
  s.add(0, EventType::SessionStarted,
        {{"client", "T1"},
         {"phases", {{{"name", "A"}, {"minutes", 1}}, {{"name", "B"}, {"minutes", 1}}}}});
  s.add(0, EventType::PhaseStarted, phase(0, "A", 1, "start"));
  s.add(0.05, EventType::TrackStarted, track(0, 0, "/demo/arrival.ogg", "Arrival", 66));
  s.add(9.42, EventType::PhaseStarted, phase(1, "B", 1, "advance"));
  s.add(9.45, EventType::TrackStarted, track(1, 0, "/demo/arrival.ogg", "Arrival", 66));
  // The later play's end is written first, and it names no played_seconds.
  s.add(12.0, EventType::TrackEnded, {{"phase", 1}, {"entry", 0}, {"path", "/demo/arrival.ogg"}});
  s.add(13.5, EventType::TrackEnded, track_end(0, 0, "/demo/arrival.ogg", 13.45));
  s.add(20, EventType::SessionEnded, {{"reason", "ended"}});
  const SessionRecord record = build_session_record(s.events());
  REQUIRE(record.tracks.size() == 2);
  CHECK(record.tracks[0].end_ns == 13'500'000'000);
  CHECK(record.tracks[1].end_ns == 12 * kSecond);
}

TEST_CASE("record: odd or damaged payloads are shown as far as they go, never thrown on",
          "[review]") {
  EventScript s;
  s.add(0, EventType::SessionStarted, {{"client", 42}, {"phases", "not a list"}});
  s.add(0, EventType::PhaseStarted, {{"phase", "one"}});
  s.add(5, EventType::PhaseStarted,
        {{"phase", 1}, {"name", "Beyond the plan"}, {"planned_minutes", 10}});
  s.add(6, EventType::Marker, {{"kind", "vitals"}, {"systolic", "high"}, {"heart_rate", 80.0}});
  s.add(7, EventType::TrackEnded, {{"path", "/never/started.ogg"}});
  s.add(8, EventType::ReminderAcknowledged, {{"reminder", 9}});
  s.add(9, EventType::DeviceRestored);
  s.add(10, EventType::TimelineResumed);
  s.add(11, EventType::PhaseChangeUndone, nlohmann::json::array());
  SessionRecord record;
  REQUIRE_NOTHROW(record = build_session_record(s.events()));
  CHECK(record.client.empty());
  REQUIRE(record.phases.size() == 2);
  CHECK(record.phase_name(1) == "Beyond the plan");
  CHECK(record.phase_name(0) == "phase 1");
  CHECK_FALSE(record.markers[0].systolic.has_value());
  CHECK(record.markers[0].heart_rate == Approx(80));
  CHECK(build_session_record({}).tracks.empty());
}
