// Ctrl-C as a flag the main loop reads, so an interrupted playback can fade out instead of
// stopping dead in the client's ears.
#pragma once

namespace holdspace::cli {

void watch_for_interrupt();  // installs the SIGINT/SIGTERM handler
int interrupt_count();       // how many times Ctrl-C (or SIGTERM) has arrived

}  // namespace holdspace::cli
