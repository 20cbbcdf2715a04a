// The timeline state machine, every command in every state, on a manual clock.
#include <catch2/catch.hpp>

#include "session/timeline.h"

using namespace holdspace::session;
using holdspace::journal::Event;
using holdspace::journal::EventType;

namespace {

constexpr Nanos kSecond = 1'000'000'000;
constexpr Nanos kMinute = 60 * kSecond;

Plan three_phase_plan() {
  Plan plan;
  plan.name = "test";
  PhasePlan intention;
  intention.name = "Intention";
  intention.minutes = 10;
  PhasePlan dosing;
  dosing.name = "Dosing";
  dosing.minutes = 30;
  PhasePlan integration;
  integration.name = "Integration";
  integration.minutes = 20;
  plan.phases = {intention, dosing, integration};
  ReminderPlan lozenge;
  lozenge.text = "Lozenge: spit or swallow";
  lozenge.anchor = {ReminderAnchor::Kind::Marker, "dose"};
  lozenge.after_minutes = 7;
  ReminderPlan settle;
  settle.text = "Check in";
  settle.anchor = {ReminderAnchor::Kind::PhaseStart, "Dosing"};
  settle.after_minutes = 5;
  plan.reminders = {lozenge, settle};
  return plan;
}

// A session driven like the controller drives it: decide, stamp, record, reduce.
struct Run {
  Timeline timeline;
  TimelineState state;
  std::vector<Event> record;
  Nanos now = 0;

  explicit Run(const Plan& plan) : timeline(plan), state(timeline.initial_state()) {
    Event started;
    started.type = EventType::SessionStarted;
    apply({started});
  }

  void apply(std::vector<Event> events) {
    for (auto& event : events) {
      event.session_ns = now;
      event.sequence = std::int64_t(record.size()) + 1;
      record.push_back(event);
      timeline.reduce(state, event);
    }
  }

  Decision send(Command command) {
    Decision decision = timeline.decide(state, command, now);
    if (decision.refused.empty()) apply(decision.events);
    return decision;
  }
  Decision send(Command::Type type) {
    Command command;
    command.type = type;
    return send(command);
  }
  Decision marker(const std::string& kind) {
    Command command;
    command.type = Command::Type::Marker;
    command.marker = kind;
    return send(command);
  }
  void wait(Nanos duration) { now += duration; }
  PhaseTimes times() const { return phase_times(state, timeline.plan(), now); }
};

}  // namespace

TEST_CASE("start begins the first phase, nothing but End works before it", "[timeline]") {
  Run run(three_phase_plan());
  for (auto type : {Command::Type::Advance, Command::Type::Back, Command::Type::Pause, Command::Type::Talk,
                    Command::Type::UndoPhaseChange}) {
    CHECK_FALSE(run.send(type).refused.empty());
  }
  REQUIRE(run.send(Command::Type::Start).refused.empty());
  CHECK(run.state.current.phase == 0);
  CHECK(run.record.back().type == EventType::PhaseStarted);
  CHECK(run.record.back().payload["reason"] == "start");
  CHECK_FALSE(run.send(Command::Type::Start).refused.empty());
}

TEST_CASE("a second advance within 2 s is refused and says why", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(5 * kSecond);
  REQUIRE(run.send(Command::Type::Advance).refused.empty());
  REQUIRE(run.state.current.phase == 1);
  run.wait(kSecond);
  const Decision again = run.send(Command::Type::Advance);
  CHECK(again.refused.find("2 s") != std::string::npos);
  CHECK(run.state.current.phase == 1);
  run.wait(kSecond + 1);
  CHECK(run.send(Command::Type::Advance).refused.empty());
  CHECK(run.state.current.phase == 2);
  run.wait(5 * kSecond);
  CHECK(run.send(Command::Type::Advance).refused.find("last phase") != std::string::npos);
}

TEST_CASE("back starts the phase before again, not before the first", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(3 * kSecond);
  CHECK(run.send(Command::Type::Back).refused.find("first phase") != std::string::npos);
  run.send(Command::Type::Advance);
  run.wait(3 * kSecond);
  REQUIRE(run.send(Command::Type::Back).refused.empty());
  CHECK(run.state.current.phase == 0);
  CHECK(run.times().elapsed == 0);  // a fresh start of that phase
}

TEST_CASE("undo puts the last phase change back as if it never happened", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(4 * kMinute);
  run.send(Command::Type::Advance);  // a stray press
  run.wait(10 * kSecond);
  REQUIRE(run.send(Command::Type::UndoPhaseChange).refused.empty());
  CHECK(run.state.current.phase == 0);
  // The phase clock counts from the phase's true start, through the mistaken change.
  CHECK(run.times().elapsed == 4 * kMinute + 10 * kSecond);
  CHECK_FALSE(run.send(Command::Type::UndoPhaseChange).refused.empty());
}

TEST_CASE("extend adds minutes to the current phase only", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  Command extend;
  extend.type = Command::Type::Extend;
  extend.minutes = 5;
  REQUIRE(run.send(extend).refused.empty());
  CHECK(run.times().planned == 15 * kMinute);
  extend.minutes = -1;
  CHECK_FALSE(run.send(extend).refused.empty());
  run.wait(3 * kSecond);
  run.send(Command::Type::Advance);
  CHECK(run.times().planned == 30 * kMinute);
}

TEST_CASE("pause stops the phase clock, the session clock runs on", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(kMinute);
  REQUIRE(run.send(Command::Type::Pause).refused.empty());
  CHECK_FALSE(run.send(Command::Type::Pause).refused.empty());
  run.wait(10 * kMinute);
  CHECK(run.times().elapsed == kMinute);
  REQUIRE(run.send(Command::Type::Resume).refused.empty());
  run.wait(kMinute);
  CHECK(run.times().elapsed == 2 * kMinute);
  CHECK(run.record.back().type == EventType::TimelineResumed);
  CHECK_FALSE(run.send(Command::Type::Resume).refused.empty());
}

TEST_CASE("a held phase shows its overrun and stays", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(12 * kMinute);
  REQUIRE(run.send(Command::Type::Tick).refused.empty());
  CHECK(run.state.current.phase == 0);
  CHECK(run.times().remaining() == -2 * kMinute);
}

TEST_CASE("a phase set to advance moves on by itself, and the last one ends the session", "[timeline]") {
  Plan plan = three_phase_plan();
  for (auto& phase : plan.phases) phase.at_time_up = TimeUp::Advance;
  Run run(plan);
  run.send(Command::Type::Start);
  run.wait(10 * kMinute - 1);
  run.send(Command::Type::Tick);
  CHECK(run.state.current.phase == 0);
  run.wait(1);
  run.send(Command::Type::Tick);
  CHECK(run.state.current.phase == 1);
  CHECK(run.record.back().payload["reason"] == "auto");
  // Paused, it waits.
  run.send(Command::Type::Pause);
  run.wait(31 * kMinute);
  run.send(Command::Type::Tick);
  CHECK(run.state.current.phase == 1);
  run.send(Command::Type::Resume);
  run.wait(30 * kMinute);
  run.send(Command::Type::Tick);
  CHECK(run.state.current.phase == 2);
  run.wait(20 * kMinute);
  run.send(Command::Type::Tick);
  CHECK(run.state.ended);
  CHECK(run.record.back().payload["reason"] == "plan complete");
}

TEST_CASE("a reminder tied to the dose marker falls due from the dose, once", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(20 * kMinute);
  run.send(Command::Type::Tick);
  CHECK_FALSE(run.state.reminders[0].shown);  // no dose yet
  REQUIRE(run.marker("dose").refused.empty());
  run.wait(7 * kMinute - 1);
  run.send(Command::Type::Tick);
  CHECK_FALSE(run.state.reminders[0].shown);
  run.wait(1);
  run.send(Command::Type::Tick);
  CHECK(run.state.reminders[0].shown);
  CHECK(run.record.back().type == EventType::ReminderShown);
  CHECK(run.record.back().payload["text"] == "Lozenge: spit or swallow");
  const auto count = run.record.size();
  run.wait(kMinute);
  run.send(Command::Type::Tick);
  CHECK(run.record.size() == count);  // shown once

  Command ack;
  ack.type = Command::Type::AcknowledgeReminder;
  ack.reminder = 0;
  CHECK(run.send(ack).refused.empty());
  CHECK(run.state.reminders[0].acknowledged);
  CHECK_FALSE(run.send(ack).refused.empty());
  ack.reminder = 1;  // not shown
  CHECK_FALSE(run.send(ack).refused.empty());
}

TEST_CASE("a phase-anchored reminder counts on the phase clock, only in its phase", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(6 * kMinute);
  run.send(Command::Type::Tick);
  CHECK_FALSE(run.state.reminders[1].shown);  // it belongs to Dosing
  run.send(Command::Type::Advance);
  run.wait(2 * kMinute);
  run.send(Command::Type::Pause);
  run.wait(10 * kMinute);
  run.send(Command::Type::Tick);
  CHECK_FALSE(run.state.reminders[1].shown);  // paused at 2 min of 5
  run.send(Command::Type::Resume);
  run.wait(3 * kMinute);
  run.send(Command::Type::Tick);
  CHECK(run.state.reminders[1].shown);
}

TEST_CASE("markers: dose, booster, note with text, vitals within plausible ranges", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  CHECK(run.marker("dose").refused.empty());
  CHECK(run.marker("booster").refused.empty());
  CHECK(run.marker("note").refused.find("text") != std::string::npos);
  CHECK(run.marker("lunch").refused.find("unknown marker") != std::string::npos);

  Command vitals;
  vitals.type = Command::Type::Marker;
  vitals.marker = "vitals";
  CHECK(run.send(vitals).refused.find("at least one") != std::string::npos);
  vitals.vitals.systolic = 80;
  vitals.vitals.diastolic = 120;
  CHECK(run.send(vitals).refused.find("below systolic") != std::string::npos);
  vitals.vitals.systolic = 128;
  vitals.vitals.diastolic = 82;
  vitals.vitals.heart_rate = 400;
  CHECK(run.send(vitals).refused.find("heart rate") != std::string::npos);
  vitals.vitals.heart_rate = 74;
  vitals.vitals.spo2 = 98;
  REQUIRE(run.send(vitals).refused.empty());
  const auto& payload = run.record.back().payload;
  CHECK(payload["systolic"] == 128);
  CHECK(payload["diastolic"] == 82);
  CHECK(payload["heart_rate"] == 74);
  CHECK(payload["spo2"] == 98);
  CHECK(run.state.markers.size() == 3);
}

TEST_CASE("talk ducks and restores, fade-out toggles, and a new phase brings music back", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.send(Command::Type::Talk);
  CHECK(run.state.ducked);
  CHECK(run.record.back().type == EventType::DuckOn);
  run.send(Command::Type::Talk);
  CHECK_FALSE(run.state.ducked);
  CHECK(run.send(Command::Type::FadeOut).refused.empty());
  CHECK(run.state.faded_out);
  CHECK(run.send(Command::Type::FadeOut).refused.empty());
  CHECK(run.record.back().type == EventType::FadeIn);
  CHECK_FALSE(run.state.faded_out);
  run.send(Command::Type::FadeOut);
  run.wait(3 * kSecond);
  run.send(Command::Type::Advance);
  CHECK_FALSE(run.state.faded_out);
}

TEST_CASE("after the end every command is refused", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  REQUIRE(run.send(Command::Type::End).refused.empty());
  CHECK(run.state.ended);
  CHECK(run.send(Command::Type::Advance).refused == "the session has ended");
  CHECK(run.marker("dose").refused == "the session has ended");
}

TEST_CASE("folding the recorded events rebuilds the same state (crash resume)", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(3 * kMinute);
  run.marker("dose");
  run.send(Command::Type::Advance);
  run.wait(kMinute);
  run.send(Command::Type::Pause);
  run.wait(kMinute);
  run.send(Command::Type::Resume);
  run.wait(10 * kMinute);
  run.send(Command::Type::Tick);
  run.send(Command::Type::Talk);

  Timeline replay(three_phase_plan());
  TimelineState rebuilt = replay.initial_state();
  for (const auto& event : run.record) replay.reduce(rebuilt, event);
  CHECK(rebuilt.current.phase == run.state.current.phase);
  CHECK(rebuilt.current.started == run.state.current.started);
  CHECK(rebuilt.current.paused == run.state.current.paused);
  CHECK(rebuilt.ducked == run.state.ducked);
  CHECK(rebuilt.markers.size() == run.state.markers.size());
  CHECK(rebuilt.reminders[0].shown == run.state.reminders[0].shown);
  CHECK(rebuilt.reminders[1].shown == run.state.reminders[1].shown);
  CHECK(phase_times(rebuilt, replay.plan(), run.now).elapsed == run.times().elapsed);
}

TEST_CASE("undoing a timed phase change holds the restored phase instead of moving on again", "[timeline]") {
  Plan plan = three_phase_plan();
  plan.phases[0].at_time_up = TimeUp::Advance;
  Run run(plan);
  run.send(Command::Type::Start);
  run.wait(10 * kMinute);
  run.send(Command::Type::Tick);
  REQUIRE(run.state.current.phase == 1);
  run.wait(3 * kSecond);
  REQUIRE(run.send(Command::Type::UndoPhaseChange).refused.empty());
  run.wait(kSecond);
  run.send(Command::Type::Tick);
  CHECK(run.state.current.phase == 0);  // held, showing its overrun
  CHECK(run.times().remaining() < 0);
}

TEST_CASE("undo is guarded against a double press too, and brings the music back", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(3 * kSecond);
  run.send(Command::Type::Advance);
  run.wait(3 * kSecond);
  run.send(Command::Type::Advance);
  run.send(Command::Type::FadeOut);
  run.wait(3 * kSecond);
  REQUIRE(run.send(Command::Type::UndoPhaseChange).refused.empty());
  CHECK_FALSE(run.state.faded_out);
  CHECK(run.send(Command::Type::UndoPhaseChange).refused.find("2 s") != std::string::npos);
  CHECK(run.state.current.phase == 1);
}

TEST_CASE("a session stopped before its first phase can still be ended", "[timeline]") {
  Run run(three_phase_plan());
  CHECK(run.send(Command::Type::Advance).refused == "start the session first");
  REQUIRE(run.send(Command::Type::End).refused.empty());
  CHECK(run.state.ended);
}

TEST_CASE("leaving a phase shows its reminders that have not fallen due yet", "[timeline]") {
  Run run(three_phase_plan());
  run.send(Command::Type::Start);
  run.wait(3 * kSecond);
  run.send(Command::Type::Advance);  // into Dosing, whose reminder is at +5 min
  run.wait(2 * kMinute);
  REQUIRE(run.send(Command::Type::Advance).refused.empty());
  CHECK(run.state.reminders[1].shown);
  const auto shown = std::find_if(run.record.begin(), run.record.end(),
                                  [](const Event& e) { return e.type == EventType::ReminderShown; });
  REQUIRE(shown != run.record.end());
  CHECK(shown->payload["text"] == "Check in");
}
