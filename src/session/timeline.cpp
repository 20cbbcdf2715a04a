#include "session/timeline.h"

#include <algorithm>
#include <cmath>

namespace holdspace::session {
namespace {

using journal::Event;
using journal::EventType;

constexpr double kFadeInSeconds = 3.0;

Nanos minutes_to_ns(double minutes) { return Nanos(std::llround(minutes * 60e9)); }

Event make(EventType type, nlohmann::json payload = nlohmann::json::object()) {
  Event event;
  event.type = type;
  event.payload = std::move(payload);
  return event;
}

Decision refuse(std::string why) { return Decision{std::move(why), {}}; }
Decision accept(std::vector<Event> events) { return Decision{"", std::move(events)}; }

Nanos pause_so_far(const TimelineState& state, Nanos now) {
  return state.current.paused + (state.paused ? now - state.paused_since : 0);
}

// Plausible bounds for a seated adult; anything outside is far more likely a typo than a reading.
std::string vitals_problem(const Vitals& v) {
  if (v.empty()) return "vitals need at least one value (BP, heart rate or SpO2)";
  if (v.systolic && (*v.systolic < 50 || *v.systolic > 260)) return "systolic pressure must be 50-260 mmHg";
  if (v.diastolic && (*v.diastolic < 30 || *v.diastolic > 160)) return "diastolic pressure must be 30-160 mmHg";
  if (v.systolic && v.diastolic && *v.diastolic >= *v.systolic) {
    return "diastolic pressure must be below systolic (check the order: 120/80)";
  }
  if (v.heart_rate && (*v.heart_rate < 20 || *v.heart_rate > 250)) return "heart rate must be 20-250 bpm";
  if (v.spo2 && (*v.spo2 < 50 || *v.spo2 > 100)) return "SpO2 must be 50-100 %";
  return {};
}

}  // namespace

Timeline::Timeline(const Plan& plan) : plan_(plan) {}

TimelineState Timeline::initial_state() const {
  TimelineState state;
  state.reminders.resize(plan_.reminders.size());
  return state;
}

PhaseTimes phase_times(const TimelineState& state, const Plan& plan, Nanos now) {
  PhaseTimes times;
  if (!state.started || state.current.phase < 0) return times;
  times.elapsed = now - state.current.started - pause_so_far(state, now);
  times.planned = minutes_to_ns(plan.phases[std::size_t(state.current.phase)].minutes) + state.current.extension;
  return times;
}

std::optional<Nanos> reminder_due(const TimelineState& state, const Plan& plan, int reminder, Nanos now) {
  const ReminderPlan& r = plan.reminders[std::size_t(reminder)];
  const Nanos after = minutes_to_ns(r.after_minutes);
  if (r.anchor.kind == ReminderAnchor::Kind::Marker) {
    for (const auto& marker : state.markers) {
      if (marker.kind == r.anchor.name) return marker.at + after;  // the first such marker
    }
    return std::nullopt;
  }
  // Phase-anchored reminders count on the phase clock, so a paused timeline delays them, and
  // they fall due only while their phase is on.
  if (state.current.phase < 0 || plan.phases[std::size_t(state.current.phase)].name != r.anchor.name) {
    return std::nullopt;
  }
  return state.current.started + pause_so_far(state, now) + after;
}

Event Timeline::phase_started(int phase, const std::string& reason) const {
  const PhasePlan& p = plan_.phases[std::size_t(phase)];
  return make(EventType::PhaseStarted,
              {{"phase", phase}, {"name", p.name}, {"planned_minutes", p.minutes}, {"reason", reason}});
}

Decision Timeline::decide(const TimelineState& state, const Command& command, Nanos now) const {
  using Type = Command::Type;
  // The session_started event (with the plan snapshot) is recorded by the caller first; Start
  // then begins the first phase.
  if (!state.started) return refuse("the session has not started yet");
  if (command.type == Type::Start) {
    if (state.current.phase >= 0) return refuse("the session has already started");
    if (plan_.phases.empty()) return refuse("the plan has no phases");
    return accept({phase_started(0, "start")});
  }
  if (command.type == Type::End) {
    std::vector<Event> events = reminders_on_leaving(state);
    events.push_back(make(EventType::SessionEnded, {{"reason", "ended"}}));
    return accept(std::move(events));
  }
  if (state.current.phase < 0) return refuse("start the session first");
  if (state.ended) return refuse("the session has ended");

  const int phase = state.current.phase;
  const int last_phase = int(plan_.phases.size()) - 1;
  switch (command.type) {
    case Type::Start:
      break;
    case Type::Advance:
    case Type::Back: {
      const bool forward = command.type == Type::Advance;
      if (now - state.last_phase_change < kPhaseChangeGuardNs) {
        return refuse("the phase changed less than 2 s ago; wait a moment and press again");
      }
      if (forward && phase >= last_phase) return refuse("this is the last phase; end the session instead");
      if (!forward && phase <= 0) return refuse("this is the first phase; there is none before it");
      std::vector<Event> events = reminders_on_leaving(state);
      events.push_back(phase_started(forward ? phase + 1 : phase - 1, forward ? "advance" : "back"));
      return accept(std::move(events));
    }
    case Type::UndoPhaseChange: {
      if (now - state.last_phase_change < kPhaseChangeGuardNs) {
        return refuse("the phase changed less than 2 s ago; wait a moment and press again");
      }
      if (state.undo_stack.empty()) return refuse("there is no phase change to undo");
      const PhaseClock& restored = state.undo_stack.back();
      return accept({make(EventType::PhaseChangeUndone,
                          {{"phase", restored.phase},
                           {"name", plan_.phases[std::size_t(restored.phase)].name},
                           {"phase_started_ns", restored.started}})});
    }
    case Type::Extend:
      if (!(command.minutes > 0) || command.minutes > 180) return refuse("extend by 1 to 180 minutes");
      return accept({make(EventType::PhaseExtended, {{"phase", phase}, {"minutes", command.minutes}})});
    case Type::Pause:
      if (state.paused) return refuse("the timeline is already paused");
      return accept({make(EventType::TimelinePaused)});
    case Type::Resume:
      if (!state.paused) return refuse("the timeline is not paused");
      return accept({make(EventType::TimelineResumed, {{"paused_ns", now - state.paused_since}})});
    case Type::Marker:
      return decide_marker(state, command);
    case Type::AcknowledgeReminder: {
      const int r = command.reminder;
      if (r < 0 || r >= int(state.reminders.size()) || !state.reminders[std::size_t(r)].shown) {
        return refuse("that reminder is not showing");
      }
      if (state.reminders[std::size_t(r)].acknowledged) return refuse("that reminder is already acknowledged");
      return accept({make(EventType::ReminderAcknowledged,
                          {{"reminder", r}, {"text", plan_.reminders[std::size_t(r)].text}})});
    }
    case Type::Talk:
      if (state.ducked) return accept({make(EventType::DuckOff)});
      return accept({make(EventType::DuckOn, {{"depth_db", plan_.talk_duck_db}})});
    case Type::FadeOut:
      // The same key brings the music back after a fade-out.
      if (state.faded_out) return accept({make(EventType::FadeIn, {{"seconds", kFadeInSeconds}})});
      return accept({make(EventType::FadeOut, {{"seconds", plan_.fade_out_seconds}})});
    case Type::End:
      break;  // handled above
    case Type::Tick:
      return decide_tick(state, now);
  }
  return refuse("unknown command");
}

// Reminders tied to the phase being left that have not shown yet show now: "vitals before
// dosing" matters most exactly when the therapist moves on before its time.
std::vector<Event> Timeline::reminders_on_leaving(const TimelineState& state) const {
  std::vector<Event> events;
  if (state.current.phase < 0) return events;
  const std::string& leaving = plan_.phases[std::size_t(state.current.phase)].name;
  for (int r = 0; r < int(plan_.reminders.size()); ++r) {
    const ReminderPlan& reminder = plan_.reminders[std::size_t(r)];
    if (state.reminders[std::size_t(r)].shown || reminder.anchor.kind != ReminderAnchor::Kind::PhaseStart ||
        reminder.anchor.name != leaving) {
      continue;
    }
    events.push_back(make(EventType::ReminderShown, {{"reminder", r}, {"text", reminder.text}}));
  }
  return events;
}

Decision Timeline::decide_marker(const TimelineState&, const Command& command) const {
  nlohmann::json payload = {{"kind", command.marker}};
  if (command.marker == "dose" || command.marker == "booster") return accept({make(EventType::Marker, payload)});
  if (command.marker == "note") {
    if (command.text.empty()) return refuse("a note needs some text");
    payload["text"] = command.text;
    return accept({make(EventType::Marker, payload)});
  }
  if (command.marker == "vitals") {
    if (auto problem = vitals_problem(command.vitals); !problem.empty()) return refuse(problem);
    const Vitals& v = command.vitals;
    if (v.systolic) payload["systolic"] = *v.systolic;
    if (v.diastolic) payload["diastolic"] = *v.diastolic;
    if (v.heart_rate) payload["heart_rate"] = *v.heart_rate;
    if (v.spo2) payload["spo2"] = *v.spo2;
    return accept({make(EventType::Marker, payload)});
  }
  return refuse("unknown marker '" + command.marker + "' (dose, booster, vitals or note)");
}

Decision Timeline::decide_tick(const TimelineState& state, Nanos now) const {
  std::vector<Event> events;
  for (int r = 0; r < int(plan_.reminders.size()); ++r) {
    if (state.reminders[std::size_t(r)].shown) continue;
    const auto due = reminder_due(state, plan_, r, now);
    if (due && *due <= now) {
      events.push_back(make(EventType::ReminderShown, {{"reminder", r}, {"text", plan_.reminders[std::size_t(r)].text}}));
    }
  }
  if (state.current.phase < 0) return accept(std::move(events));
  const PhasePlan& current = plan_.phases[std::size_t(state.current.phase)];
  // A phase brought back by an undo holds: the therapist chose to be there.
  if (current.at_time_up == TimeUp::Advance && !state.current.held && !state.paused &&
      phase_times(state, plan_, now).remaining() <= 0) {
    for (auto& event : reminders_on_leaving(state)) {
      if (std::none_of(events.begin(), events.end(), [&](const Event& e) {
            return e.payload.value("reminder", -1) == event.payload.value("reminder", -2);
          })) {
        events.push_back(std::move(event));
      }
    }
    if (state.current.phase + 1 < int(plan_.phases.size())) {
      events.push_back(phase_started(state.current.phase + 1, "auto"));
    } else {
      events.push_back(make(EventType::SessionEnded, {{"reason", "plan complete"}}));
    }
  }
  return accept(std::move(events));
}

void Timeline::reduce(TimelineState& state, const journal::Event& event) const {
  const Nanos at = event.session_ns;
  const auto& p = event.payload;
  switch (event.type) {
    case EventType::SessionStarted:
      state = initial_state();
      state.started = true;
      state.session_started = at;
      break;
    case EventType::PhaseStarted:
      if (state.current.phase >= 0) {
        if (state.paused) state.current.paused += at - state.paused_since;
        state.undo_stack.push_back(state.current);
      }
      state.current = PhaseClock{p.value("phase", 0), at, 0, 0};
      state.paused = false;  // a new phase starts its clock running
      state.faded_out = false;
      state.last_phase_change = at;
      break;
    case EventType::PhaseChangeUndone:
      if (!state.undo_stack.empty()) {
        state.current = state.undo_stack.back();
        state.undo_stack.pop_back();
        state.current.held = true;
      }
      state.paused = false;
      state.faded_out = false;  // the restored phase's music comes back
      state.last_phase_change = at;
      break;
    case EventType::PhaseExtended:
      state.current.extension += minutes_to_ns(p.value("minutes", 0.0));
      break;
    case EventType::TimelinePaused:
      state.paused = true;
      state.paused_since = at;
      break;
    case EventType::TimelineResumed:
      if (state.paused) state.current.paused += at - state.paused_since;
      state.paused = false;
      break;
    case EventType::Marker:
      state.markers.push_back({p.value("kind", std::string()), at});
      break;
    case EventType::ReminderShown:
    case EventType::ReminderAcknowledged: {
      const int r = p.value("reminder", -1);
      if (r < 0 || r >= int(state.reminders.size())) break;
      if (event.type == EventType::ReminderShown) {
        state.reminders[std::size_t(r)].shown = true;
      } else {
        state.reminders[std::size_t(r)].acknowledged = true;
      }
      break;
    }
    case EventType::DuckOn:
      state.ducked = true;
      break;
    case EventType::DuckOff:
      state.ducked = false;
      break;
    case EventType::FadeOut:
      state.faded_out = true;
      break;
    case EventType::FadeIn:
      state.faded_out = false;
      break;
    case EventType::SessionEnded:
      state.ended = true;
      break;
    default:
      break;  // tracks, volume, devices: the record, not the timeline
  }
}

}  // namespace holdspace::session
