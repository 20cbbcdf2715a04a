#include "cli/interrupt.h"

#include <csignal>

namespace holdspace::cli {
namespace {
volatile std::sig_atomic_t g_interrupts = 0;
extern "C" void on_interrupt(int) { g_interrupts = g_interrupts + 1; }
}  // namespace

void watch_for_interrupt() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_count() { return int(g_interrupts); }

}  // namespace holdspace::cli
