// The session timeline as a pure state machine: (state, command, now) -> events, and
// (state, event) -> state. No threads, no I/O, no audio, so every rule can be tested with a
// manual clock. The events it decides are what the journal stores; folding the journal's events
// back through reduce() rebuilds the state, which is how a crashed session resumes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/event.h"
#include "session/plan.h"

namespace holdspace::session {

using Nanos = std::int64_t;  // the session clock

// A second "next phase" this soon after a phase change is refused: a double press must never
// skip two phases.
inline constexpr Nanos kPhaseChangeGuardNs = 2'000'000'000;

struct Vitals {
  std::optional<int> systolic;
  std::optional<int> diastolic;
  std::optional<int> heart_rate;
  std::optional<int> spo2;
  bool empty() const { return !systolic && !diastolic && !heart_rate && !spo2; }
};

struct Command {
  enum class Type {
    Start,             // begins phase 1 (after the session_started event is recorded)
    Advance,           // next phase
    Back,              // the phase before, starting again now
    UndoPhaseChange,   // as if the last phase change had not happened
    Extend,            // the current phase by `minutes`
    Pause,             // the timeline clock (the music plays on)
    Resume,
    Marker,            // `marker`: dose, booster, vitals (with `vitals`), note (with `text`)
    AcknowledgeReminder,  // `reminder`: its index in the plan
    Talk,              // duck the music, or restore it if ducked
    FadeOut,           // fade the music to silence; again, and it fades back in
    End,               // end the session
    Tick,              // time passes: reminders fall due, phases may advance by themselves
  };
  Type type = Type::Tick;
  double minutes = 0.0;
  std::string marker;
  Vitals vitals;
  std::string text;
  int reminder = -1;
};

struct PhaseClock {
  int phase = -1;
  Nanos started = 0;
  Nanos paused = 0;     // time this phase's clock stood still, before the current pause
  Nanos extension = 0;  // minutes added by Extend
  bool held = false;    // brought back by an undo: it no longer advances by itself
};

struct MarkerRecord {
  std::string kind;
  Nanos at = 0;
};

struct ReminderState {
  bool shown = false;
  bool acknowledged = false;
};

struct TimelineState {
  bool started = false;
  bool ended = false;
  bool paused = false;
  bool ducked = false;
  bool faded_out = false;
  Nanos session_started = 0;
  Nanos paused_since = 0;
  Nanos last_phase_change = 0;
  PhaseClock current;
  std::vector<PhaseClock> undo_stack;  // the phases left by each phase change, newest last
  std::vector<MarkerRecord> markers;
  std::vector<ReminderState> reminders;  // one per plan reminder
};

// What the timeline shows the therapist at `now`.
struct PhaseTimes {
  Nanos elapsed = 0;    // phase clock (stands still while paused)
  Nanos planned = 0;    // planned minutes plus extensions
  Nanos remaining() const { return planned - elapsed; }  // negative = overrun
};
PhaseTimes phase_times(const TimelineState& state, const Plan& plan, Nanos now);

// When a reminder falls due, if its anchor has happened yet.
std::optional<Nanos> reminder_due(const TimelineState& state, const Plan& plan, int reminder, Nanos now);

struct Decision {
  std::string refused;                  // empty = accepted; else one line saying why
  std::vector<journal::Event> events;   // type and payload only; the caller stamps and stores
};

class Timeline {
 public:
  explicit Timeline(const Plan& plan);

  // Decides what a command means now. Nothing changes until the caller applies the events
  // (after the journal has stored them).
  Decision decide(const TimelineState& state, const Command& command, Nanos now) const;
  // Folds one stored event into the state.
  void reduce(TimelineState& state, const journal::Event& event) const;
  TimelineState initial_state() const;

  const Plan& plan() const { return plan_; }

 private:
  Decision decide_tick(const TimelineState& state, Nanos now) const;
  Decision decide_marker(const TimelineState& state, const Command& command) const;
  journal::Event phase_started(int phase, const std::string& reason) const;
  std::vector<journal::Event> reminders_on_leaving(const TimelineState& state) const;

  Plan plan_;
};

}  // namespace holdspace::session
