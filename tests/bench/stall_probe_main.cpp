// A witness for the soak and the callback benchmark: when the callback's worst block is long,
// did our code run long, or was the audio core taken away (the hypervisor running another
// guest, the kernel with interrupts off)?
//
// It runs on the audio core at a realtime priority above JACK's and wakes every INTERVAL_MS to
// do nothing else. A callback that runs long cannot delay it (it preempts the callback), so a
// wake-up that comes late means nothing on that core could run then, the callback included.
// Any stall longer than the interval is seen. Its wake-ups are not free: each costs the core
// some microseconds, which the callbacks it lands in count as their own (at 2 ms, the
// callback's 99th percentile rose by a few tenths of a percent of the period).
//   holdspace_stall_probe SECONDS [CPU] [THRESHOLD_MS] [INTERVAL_MS]
// Prints one line per wake-up later than THRESHOLD_MS (default 0.5): "stall: 2.61 ms at
// 2472.3 s" (seconds since the probe started), then "probe: ..." with the worst and how many
// wake-ups. INTERVAL_MS defaults to 2.
#include <sched.h>
#include <sys/mman.h>
#include <time.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

constexpr long kNanosPerSecond = 1'000'000'000L;
// Above JACK's realtime threads (jackd -R uses 10, its clients a little less), below the
// kernel's own (99).
constexpr int kPriority = 80;

long long nanos(const timespec& t) { return (long long)t.tv_sec * kNanosPerSecond + t.tv_nsec; }

timespec from_nanos(long long n) { return timespec{time_t(n / kNanosPerSecond), long(n % kNanosPerSecond)}; }

// Set by SIGINT or SIGTERM: stop early, and still print what was seen (the soak stops the probe
// when the session ends).
volatile std::sig_atomic_t stop_asked = 0;
void ask_to_stop(int) { stop_asked = 1; }

struct Stall {
  double at_seconds;
  double late_ms;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: holdspace_stall_probe SECONDS [CPU] [THRESHOLD_MS] [INTERVAL_MS]\n");
    return 2;
  }
  const double seconds = std::atof(argv[1]);
  const int cpu = argc > 2 ? std::atoi(argv[2]) : 0;
  const double threshold_ms = argc > 3 ? std::atof(argv[3]) : 0.5;
  const double interval_ms = argc > 4 ? std::atof(argv[4]) : 2.0;
  if (!(seconds > 0) || !(interval_ms > 0)) {
    std::fprintf(stderr, "holdspace_stall_probe: SECONDS and INTERVAL_MS must be above 0\n");
    return 2;
  }
  const long long tick_nanos = (long long)(interval_ms * 1e6);

  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  CPU_SET(cpu, &cpus);
  if (sched_setaffinity(0, sizeof cpus, &cpus) != 0) {
    std::perror("holdspace_stall_probe: sched_setaffinity");
    return 1;
  }
  sched_param param{};
  param.sched_priority = kPriority;
  if (sched_setscheduler(0, SCHED_FIFO, &param) != 0) {
    std::perror("holdspace_stall_probe: realtime scheduling refused");
    return 1;
  }
  mlockall(MCL_CURRENT | MCL_FUTURE);  // no page fault in the loop; best effort
  std::signal(SIGINT, ask_to_stop);
  std::signal(SIGTERM, ask_to_stop);

  std::vector<Stall> stalls;
  stalls.reserve(100000);  // printed at the end: no I/O between wake-ups
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  const long long start = nanos(now);
  const long long end = start + (long long)(seconds * kNanosPerSecond);
  long long wanted = start;
  long long wakeups = 0;
  double worst_ms = 0.0;
  double worst_at = 0.0;
  while (wanted < end && !stop_asked) {
    wanted += tick_nanos;
    const timespec until = from_nanos(wanted);
    if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) != 0) continue;  // a signal
    clock_gettime(CLOCK_MONOTONIC, &now);
    ++wakeups;
    const double late_ms = double(nanos(now) - wanted) / 1e6;
    const double at = double(wanted - start) / 1e9;
    if (late_ms > worst_ms) {
      worst_ms = late_ms;
      worst_at = at;
    }
    if (late_ms > threshold_ms && stalls.size() < stalls.capacity()) stalls.push_back({at, late_ms});
    // After a long stall, carry on from now rather than racing through the missed ticks.
    if (nanos(now) - wanted > tick_nanos) wanted = nanos(now);
  }
  for (const Stall& stall : stalls) std::printf("stall: %.2f ms at %.1f s\n", stall.late_ms, stall.at_seconds);
  std::printf("probe: %lld wake-ups on CPU %d over %.0f s, every %.1f ms; %zu later than %.1f ms; the latest %.2f ms "
              "at %.1f s\n",
              wakeups, cpu, double(wakeups) * interval_ms / 1000.0, interval_ms, stalls.size(), threshold_ms, worst_ms,
              worst_at);
  return 0;
}
