// The session kill test's view of one run of session_runner: started, SIGKILLed after a delay,
// and what it had said by then (see session_runner_main.cpp for the lines it prints).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace holdspace::test {

struct RunnerAck {
  std::string session;
  std::int64_t sequence = 0;
  std::string type;
};

// The last "at" line: what the player was playing, on the session's own clock.
struct RunnerAt {
  std::string session;
  double elapsed_seconds = 0.0;  // since session_started
  int phase = -1;
  int entry = -1;                // -1 = nothing playing
  double position_seconds = 0.0;
  bool faded_out = false;
};

struct RunnerReport {
  bool killed = false;   // by our SIGKILL (anything else means it stopped by itself)
  int exit_code = -1;
  std::vector<RunnerAck> acks;
  std::optional<RunnerAt> last_at;
  std::string last_line;         // the last complete line: what it was doing when it died
  std::string log;               // everything, for a failure message
};

// Runs `arguments` with stdout and stderr into `output_file`, SIGKILLs it after `delay`, reaps it
// and reads what it said. A line cut short by the kill is ignored.
RunnerReport run_and_kill(const std::vector<std::string>& arguments, const std::filesystem::path& output_file,
                          std::chrono::milliseconds delay);

}  // namespace holdspace::test
