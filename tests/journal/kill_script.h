// The scripted session the kill test's writer appends, shared with the checker so it can tell
// what every stored event must look like from its (run, step) alone.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "journal/event.h"

namespace holdspace::journal::kill_test {

// Step 0 opens the run: session_started for a new session, session_resumed when continuing.
// Steps 1, 2, 3 … cycle through what a session does; every 40th step is a long note, so some
// events spill onto overflow pages.
inline constexpr std::array<EventType, 12> kCycle{
    EventType::PhaseStarted, EventType::TrackStarted,  EventType::VolumeChanged, EventType::Marker,
    EventType::ReminderShown, EventType::ReminderAcknowledged, EventType::TrackEnded, EventType::Marker,
    EventType::DuckOn,       EventType::DuckOff,       EventType::TimelinePaused, EventType::TimelineResumed,
};

inline EventType type_for_step(std::int64_t step) {
  if (step % 40 == 0) return EventType::Marker;
  return kCycle[static_cast<std::size_t>((step - 1) % static_cast<std::int64_t>(kCycle.size()))];
}

inline nlohmann::json payload_for_step(int run, std::int64_t step) {
  const std::string check = "r" + std::to_string(run) + "s" + std::to_string(step);
  nlohmann::json payload{{"run", run}, {"step", step}, {"check", check}};
  if (step % 40 == 0) {
    payload["kind"] = "note";
    payload["text"] = std::string(6000, static_cast<char>('a' + step % 26));
  }
  return payload;
}

}  // namespace holdspace::journal::kill_test
