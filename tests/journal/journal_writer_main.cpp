// The kill test's child: opens a journal and appends a scripted session as fast as it can (or
// with tiny random sleeps), printing "ack <session> <sequence>" only after append() returned
// ok, i.e. only for events that are committed. The parent SIGKILLs it at a random moment.
//
// usage: journal_writer DATA_DIR SESSION_ID RUN [MAX_SLEEP_US]
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

#include "journal/journal.h"
#include "kill_script.h"

using namespace holdspace::journal;

namespace {

bool write_all(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) return false;
    done += std::size_t(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s DATA_DIR SESSION_ID RUN [MAX_SLEEP_US]\n", argv[0]);
    return 64;
  }
  const std::string data_dir = argv[1];
  const std::string session = argv[2];
  const int run = std::atoi(argv[3]);
  const int max_sleep_us = argc > 4 ? std::atoi(argv[4]) : 0;
  std::mt19937 random(static_cast<unsigned>(run) * 7919u + 17u);
  std::uniform_int_distribution<int> sleep_us(0, max_sleep_us);

  auto opened = Journal::open(data_dir);
  if (!opened) {
    std::fprintf(stderr, "journal_writer: %s\n", opened.error().message.c_str());
    return 2;
  }
  Journal& journal = **opened;
  const bool continuing = journal.events(session).ok();

  std::int64_t base_ns = 0;
  if (continuing) base_ns = journal.events(session).value().back().session_ns;
  for (std::int64_t step = 0; step < 100000; ++step) {
    Event event;
    event.session_id = session;
    event.session_ns = base_ns + step * 1'000'000;
    event.payload = kill_test::payload_for_step(run, step);
    if (step == 0) {
      event.type = continuing ? EventType::SessionResumed : EventType::SessionStarted;
      if (!continuing) {
        event.payload["client"] = "K042";
        event.payload["plan_name"] = "kill test";
        event.payload["planned_minutes"] = 180;
        event.payload["plan_toml"] = std::string(3000, '#');
      }
    } else {
      event.type = kill_test::type_for_step(step);
    }
    auto written = journal.append(std::move(event));
    if (!written) {
      std::fprintf(stderr, "journal_writer: %s\n", written.error().message.c_str());
      return 3;
    }
    if (!write_all("ack " + session + " " + std::to_string(written.value()) + "\n")) return 4;
    if (max_sleep_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(sleep_us(random)));
  }
  return 0;
}
