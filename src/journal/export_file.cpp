#include "journal/export_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace holdspace::journal {
namespace {

Error write_error(const std::filesystem::path& out_path, int error) {
  return Error{out_path.string() + ": cannot write: " + std::strerror(error)};
}

}  // namespace

Status write_private_file(const std::filesystem::path& out_path, std::string_view text) {
  if (out_path.empty()) return Error{"cannot write: no output file given"};
  std::error_code ignored;
  if (std::filesystem::is_directory(out_path, ignored)) return write_error(out_path, EISDIR);
  std::filesystem::path temporary = out_path;
  temporary += ".holdspace-tmp";
  constexpr mode_t kPrivate = S_IRUSR | S_IWUSR;
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kPrivate);
  if (fd < 0) return write_error(out_path, errno);
  const auto fail = [&](int error) {
    if (fd >= 0) ::close(fd);
    ::unlink(temporary.c_str());
    return write_error(out_path, error);
  };
  // A temporary left by an earlier crash may have another mode; open() does not change it.
  if (::fchmod(fd, kPrivate) != 0) return fail(errno);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(n < 0 ? errno : EIO);
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return write_error(out_path, error);
  }
  if (::rename(temporary.c_str(), out_path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return write_error(out_path, error);
  }
  return ok_status();
}

}  // namespace holdspace::journal
