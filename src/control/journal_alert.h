// What the therapist is told while the disk refuses the session record (full, read-only), and
// once the events kept in memory meanwhile have reached it. One line each, for the session
// screen and the command line's status line alike.
#pragma once

#include <cstdint>
#include <string>

namespace holdspace::control {

// "The session record cannot be written (disk full): 12 events are kept in memory and will be
// written when space returns".
std::string journal_alert_text(std::size_t waiting, const std::string& reason);

// "The session record is written again: 12 events kept in memory from 41:10 to 44:30 (disk
// full) are now on disk". Times are session time.
std::string journal_recovered_text(std::int64_t held, double since_seconds, double written_seconds,
                                   const std::string& reason);

}  // namespace holdspace::control
