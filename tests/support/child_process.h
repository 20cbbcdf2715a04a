// A program under test as its own process: keys written to its stdin over time, its output to a
// file, and a real SIGKILL when the test wants a crash.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace holdspace::test {

class ChildProcess {
 public:
  // Starts `arguments[0]` with the rest as its arguments; stdout and stderr go to output_file.
  ChildProcess(const std::vector<std::string>& arguments, const std::filesystem::path& output_file);
  ~ChildProcess();  // kills it if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void type(const std::string& keys);  // to its stdin
  void close_input();
  void kill_now();                     // SIGKILL
  // Waits up to timeout_seconds; the exit code, or -1 if it did not exit (or was killed).
  int wait(double timeout_seconds);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int input_ = -1;
};

std::string read_text(const std::filesystem::path& path);

// A shell command run to the end, as a user at a terminal would: its exit code (-1 if it did
// not exit normally, or could not start) and what it printed on stdout.
struct ShellRun {
  int exit_code = -1;
  std::string output;
};
ShellRun run_shell(const std::string& command);

}  // namespace holdspace::test
