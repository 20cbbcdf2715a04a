#include "support/jack_server.h"

#include <fcntl.h>
#include <jack/jack.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace holdspace::test {
namespace {

// Ready means a client can really connect: ask libjack, with auto-start off.
bool server_ready(const std::string& name) {
  // libjack reports every failed attempt on stderr; while polling, failures are expected.
  jack_set_error_function([](const char*) {});
  jack_set_info_function([](const char*) {});
  jack_status_t status{};
  jack_client_t* client = jack_client_open(
      "holdspace-probe", jack_options_t(JackNoStartServer | JackServerName), &status, name.c_str());
  if (!client) return false;
  jack_client_close(client);
  return true;
}

}  // namespace

JackServer::JackServer(int rate, int period, int channels) : rate_(rate), period_(period), channels_(channels) {
  static int counter = 0;
  name_ = "holdspace-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  launch();
}

void JackServer::start_again() {
  stop();
  launch();
}

void JackServer::freeze() {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void JackServer::thaw() {
  if (pid_ > 0) ::kill(pid_, SIGCONT);
}

void JackServer::launch() {
  const std::string rate_text = std::to_string(rate_);
  const std::string period_text = std::to_string(period_);
  const std::string channels_text = std::to_string(channels_);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    ::execlp("jackd", "jackd", "-n", name_.c_str(), "-r", "-d", "dummy", "-r", rate_text.c_str(),
             "-p", period_text.c_str(), "-P", channels_text.c_str(), "-C", "0", nullptr);
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_ready(name_)) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("jackd exited at once (is the jackd2 package installed?)");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("jackd did not come up within 10 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::setenv("JACK_DEFAULT_SERVER", name_.c_str(), 1);
  ::setenv("JACK_NO_START_SERVER", "1", 1);
}

JackServer::~JackServer() { stop(); }

void JackServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  // A SIGKILLed jackd leaves its entry in JACK's shared registry, which has room for only 8
  // servers, and later tests then fail with "too many servers": give it up to 10 s to go.
  for (int i = 0; i < 500; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace holdspace::test
