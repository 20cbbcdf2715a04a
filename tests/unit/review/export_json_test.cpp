// export_json: parses back with nlohmann, and the summary, phases, tracks, markers and events
// carry the right counts and values.
#include "journal/export_json.h"

#include <catch2/catch.hpp>

#include "review_session.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;
using nlohmann::json;

TEST_CASE("json: parses back with the session summary", "[review]") {
  const auto events = kap_session_events();
  const json document = json::parse(export_json_text(events, build_session_record(events)));
  CHECK(document["format"] == "holdspace-session");
  const json& session = document["session"];
  CHECK(session["id"] == kSessionId);
  CHECK(session["client"] == "K042");
  CHECK(session["plan_name"] == "KAP 3 h");
  CHECK(session["started_utc"] == "2026-11-21T19:47:03.000Z");
  CHECK(session["started_local"] == "2026-11-21 20:47");
  CHECK(session["utc_offset_minutes"] == 60);
  CHECK(session["planned_seconds"].get<double>() == Approx(10800));
  CHECK(session["actual_seconds"].get<double>() == Approx(10700));
  CHECK(session["paused_seconds"].get<double>() == Approx(120));
  CHECK(session["ended"] == true);
  CHECK(session["event_count"] == events.size());
}

TEST_CASE("json: every event with all its fields", "[review]") {
  const auto events = kap_session_events();
  const json document = json::parse(export_json_text(events, build_session_record(events)));
  const json& list = document["events"];
  REQUIRE(list.size() == events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(list[i]["session_id"] == events[i].session_id);
    CHECK(list[i]["sequence"] == events[i].sequence);
    CHECK(list[i]["wall_time_utc"] == events[i].wall_time_utc);
    CHECK(list[i]["utc_offset_minutes"] == events[i].utc_offset_minutes);
    CHECK(list[i]["session_ns"] == events[i].session_ns);
    CHECK(list[i]["type"] == to_string(events[i].type));
    CHECK(list[i]["payload"] == events[i].payload);
  }
}

TEST_CASE("json: phases planned against actual, tracks and markers", "[review]") {
  const auto events = kap_session_events();
  const json document = json::parse(export_json_text(events, build_session_record(events)));
  const json& phases = document["phases"];
  REQUIRE(phases.size() == 4);
  CHECK(phases[0]["name"] == kIntention);
  CHECK(phases[0]["visits"].size() == 2);
  CHECK(phases[0]["difference_seconds"].get<double>() == Approx(150));
  CHECK(phases[2]["planned_seconds"].get<double>() == Approx(5400));
  CHECK(phases[2]["extended_seconds"].get<double>() == Approx(120));
  CHECK(phases[2]["actual_seconds"].get<double>() == Approx(5580));
  CHECK(phases[2]["paused_seconds"].get<double>() == Approx(120));
  CHECK(phases[2]["difference_seconds"].get<double>() == Approx(60));
  CHECK(phases[3]["visits"][0]["start_seconds"].get<double>() == Approx(7800));

  const json& tracks = document["tracks"];
  REQUIRE(tracks.size() == 11);
  CHECK(tracks[10]["title"] == "Home, Again");
  CHECK(tracks[10]["phase_name"] == kIntegration);
  CHECK(tracks[8]["end_inferred"] == true);
  CHECK(tracks[7]["offset_seconds"].get<double>() == Approx(10));

  const json& markers = document["markers"];
  REQUIRE(markers.size() == 6);
  CHECK(markers[3]["kind"] == "vitals");
  CHECK(markers[3]["systolic"] == 128);
  CHECK(markers[3]["heart_rate"] == 74);
  CHECK(markers[5]["spo2"].is_null());
  CHECK(markers[4]["text"] == kNoteText);

  CHECK(document["reminders"].size() == 4);
  CHECK(document["reminders"][3]["acknowledged_seconds"].is_null());
  CHECK(document["pauses"].size() == 1);
  CHECK(document["device_outages"].size() == 1);
  CHECK(document["undone_phase_changes"].size() == 1);
}

TEST_CASE("json: a title that is not UTF-8 does not stop the export", "[review]") {
  EventScript s;
  s.add(0, EventType::SessionStarted, {{"client", "K1"}});
  s.add(0, EventType::PhaseStarted, phase(0, "One", 10, "start"));
  Event& bad = s.add(1, EventType::TrackStarted, track(0, 0, "/m/a.ogg", "ok", 10));
  bad.payload["title"] = std::string("caf\xE9");  // Latin-1, as an old tag might hold
  const auto events = s.events();
  std::string text;
  REQUIRE_NOTHROW(text = export_json_text(events, build_session_record(events)));
  CHECK(json::parse(text)["tracks"].size() == 1);
}
