// Owner-only folder and files, set with explicit modes rather than the umask (which is
// process-wide, so changing it would race with every other thread creating files).
#include "journal/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace holdspace::journal {

bool make_private_directory(const std::filesystem::path& folder, std::string& error) {
  const std::filesystem::path absolute = std::filesystem::absolute(folder).lexically_normal();
  std::filesystem::path partial;
  for (const auto& part : absolute) {
    partial /= part;
    if (part.empty() || part == partial.root_path()) continue;
    if (::mkdir(partial.c_str(), 0700) == 0) {
      ::chmod(partial.c_str(), 0700);  // the umask filtered mkdir's mode; a parent we made is ours
    } else if (errno != EEXIST) {
      error = partial.string() + ": cannot create the journal folder (" + std::strerror(errno) + ")";
      return false;
    }
  }
  struct stat info {};
  if (::stat(absolute.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    error = absolute.string() + ": is not a folder; give another --data-dir";
    return false;
  }
  if ((info.st_mode & 07777) != 0700 && ::chmod(absolute.c_str(), 0700) != 0) {
    error = absolute.string() + ": cannot make the journal folder private (" + std::strerror(errno) + ")";
    return false;
  }
  return true;
}

bool make_private_file(const std::filesystem::path& file, std::string& error) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    error = file.string() + ": cannot open the journal (" + std::strerror(errno) + ")";
    return false;
  }
  const bool ok = ::fchmod(fd, 0600) == 0;
  const int chmod_errno = errno;
  ::close(fd);
  if (!ok) {
    error = file.string() + ": cannot make the journal private (" + std::strerror(chmod_errno) + ")";
    return false;
  }
  return true;
}

void restrict_if_present(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 07777) != 0600) ::chmod(file.c_str(), 0600);
}

void sync_directory(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace holdspace::journal
