#include "control/journal_alert.h"

#include "core/text_format.h"

namespace holdspace::control {
namespace {

std::string events_text(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " event" : " events");
}

}  // namespace

std::string journal_alert_text(std::size_t waiting, const std::string& reason) {
  const std::string why = reason.empty() ? "the disk refuses writes" : reason;
  const char* when = reason == "disk full" ? "when space returns" : "as soon as the disk allows";
  return "The session record cannot be written (" + why + "): " + events_text(std::int64_t(waiting)) +
         (waiting == 1 ? " is" : " are") + " kept in memory and will be written " + when;
}

std::string journal_recovered_text(std::int64_t held, double since_seconds, double written_seconds,
                                   const std::string& reason) {
  return "The session record is written again: " + events_text(held) + " kept in memory from " +
         format_duration(since_seconds) + " to " + format_duration(written_seconds) +
         (reason.empty() ? std::string() : " (" + reason + ")") + (held == 1 ? " is" : " are") + " now on disk";
}

}  // namespace holdspace::control
