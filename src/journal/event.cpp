// Event type names as they are stored in the journal: these strings are the on-disk format, so
// a name never changes once released (a new type gets a new name).
#include "journal/event.h"

#include <array>
#include <utility>

namespace holdspace::journal {
namespace {

constexpr std::array<std::pair<EventType, std::string_view>, 22> kNames{{
    {EventType::SessionStarted, "session_started"},
    {EventType::PhaseStarted, "phase_started"},
    {EventType::PhaseChangeUndone, "phase_change_undone"},
    {EventType::PhaseExtended, "phase_extended"},
    {EventType::TimelinePaused, "timeline_paused"},
    {EventType::TimelineResumed, "timeline_resumed"},
    {EventType::TrackStarted, "track_started"},
    {EventType::TrackEnded, "track_ended"},
    {EventType::TrackSkipped, "track_skipped"},
    {EventType::VolumeChanged, "volume_changed"},
    {EventType::DuckOn, "duck_on"},
    {EventType::DuckOff, "duck_off"},
    {EventType::FadeOut, "fade_out"},
    {EventType::FadeIn, "fade_in"},
    {EventType::Marker, "marker"},
    {EventType::ReminderShown, "reminder_shown"},
    {EventType::ReminderAcknowledged, "reminder_acknowledged"},
    {EventType::DeviceLost, "device_lost"},
    {EventType::DeviceRestored, "device_restored"},
    {EventType::SessionResumed, "session_resumed"},
    {EventType::SessionEnded, "session_ended"},
    {EventType::JournalRecovered, "journal_recovered"},
}};

}  // namespace

std::string_view to_string(EventType type) {
  for (const auto& [known, name] : kNames) {
    if (known == type) return name;
  }
  return "unknown";  // only reachable with a value cast from outside the enum
}

std::optional<EventType> event_type_from(std::string_view text) {
  for (const auto& [type, name] : kNames) {
    if (name == text) return type;
  }
  return std::nullopt;
}

std::span<const EventType> all_event_types() {
  static const auto types = [] {
    std::array<EventType, kNames.size()> all{};
    for (std::size_t i = 0; i < kNames.size(); ++i) all[i] = kNames[i].first;
    return all;
  }();
  return types;
}

}  // namespace holdspace::journal
