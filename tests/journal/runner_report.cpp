#include "runner_report.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/child_process.h"

namespace holdspace::test {
namespace {

void read_line(const std::string& line, RunnerReport& report) {
  std::istringstream words(line);
  std::string kind;
  words >> kind;
  if (kind == "ack") {
    RunnerAck ack;
    if (words >> ack.session >> ack.sequence >> ack.type) report.acks.push_back(ack);
  } else if (kind == "at") {
    RunnerAt at;
    int faded = 0;
    if (words >> at.session >> at.elapsed_seconds >> at.phase >> at.entry >> at.position_seconds >> faded) {
      at.faded_out = faded != 0;
      report.last_at = at;
    }
  }
}

}  // namespace

RunnerReport run_and_kill(const std::vector<std::string>& arguments, const std::filesystem::path& output_file,
                          std::chrono::milliseconds delay) {
  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = ::open(output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) throw std::runtime_error("waitpid failed");

  RunnerReport report;
  report.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  if (WIFEXITED(status)) report.exit_code = WEXITSTATUS(status);
  report.log = read_text(output_file);
  std::size_t start = 0;
  for (std::size_t end; (end = report.log.find('\n', start)) != std::string::npos; start = end + 1) {
    const std::string line = report.log.substr(start, end - start);
    read_line(line, report);
    report.last_line = line;
  }
  return report;
}

}  // namespace holdspace::test
