// Event type names: the on-disk spelling of every type, both ways.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "journal/event.h"

using namespace holdspace::journal;

TEST_CASE("event names: every type has a snake_case name that reads back", "[journal][event]") {
  std::set<std::string> seen;
  CHECK(all_event_types().size() == 22);
  for (const EventType type : all_event_types()) {
    const std::string name(to_string(type));
    INFO(name);
    CHECK(!name.empty());
    CHECK(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
    CHECK(event_type_from(name) == type);
    CHECK(seen.insert(name).second);
  }
}

TEST_CASE("event names: the stored spellings", "[journal][event]") {
  CHECK(to_string(EventType::SessionStarted) == "session_started");
  CHECK(to_string(EventType::PhaseStarted) == "phase_started");
  CHECK(to_string(EventType::PhaseChangeUndone) == "phase_change_undone");
  CHECK(to_string(EventType::ReminderAcknowledged) == "reminder_acknowledged");
  CHECK(to_string(EventType::DeviceRestored) == "device_restored");
  CHECK(to_string(EventType::SessionEnded) == "session_ended");
  CHECK(to_string(EventType::JournalRecovered) == "journal_recovered");
}

TEST_CASE("event names: unknown text is no type", "[journal][event]") {
  CHECK_FALSE(event_type_from(""));
  CHECK_FALSE(event_type_from("Session_Started"));
  CHECK_FALSE(event_type_from("session started"));
  CHECK_FALSE(event_type_from("unknown"));
}
