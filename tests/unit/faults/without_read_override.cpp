#include "without_read_override.h"

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>

namespace holdspace::test {
namespace {

// Clears both capabilities from the effective, permitted and inheritable sets. The permitted
// set matters: for a process whose real uid is 0, access() checks against the permitted set.
bool drop_read_override() {
  __user_cap_header_struct header{};
  header.version = _LINUX_CAPABILITY_VERSION_3;
  header.pid = 0;
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
  if (::syscall(SYS_capget, &header, data) != 0) return false;
  const unsigned mask = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH);
  data[0].effective &= ~mask;
  data[0].permitted &= ~mask;
  data[0].inheritable &= ~mask;
  return ::syscall(SYS_capset, &header, data) == 0;
}

}  // namespace

int run_without_read_override(const std::function<int()>& work) {
  std::fflush(nullptr);  // nothing buffered is written twice
  const pid_t child = ::fork();
  if (child < 0) return -1;
  if (child == 0) {
    int code = kCannotDropCapabilities;
    if (drop_read_override()) {
      try {
        code = work();
      } catch (const std::exception& error) {
        std::fprintf(stderr, "child: %s\n", error.what());
        code = 99;
      } catch (...) {
        code = 99;
      }
    }
    std::fflush(nullptr);
    ::_exit(code);  // not exit(): the parent's atexit handlers and temp folders are not ours
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool cannot_read(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::close(fd);
    return false;
  }
  return errno == EACCES && ::access(path.c_str(), R_OK) != 0;
}

}  // namespace holdspace::test
