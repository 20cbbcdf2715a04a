#include "failing_disk.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "support/child_process.h"

namespace holdspace::test {
namespace {

const char* const kNeedsRoot =
    "; these tests put the journal on a real disk that fails, which needs root (mount, loop devices): run them as "
    "root, as CI does";

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string last_line(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  const auto newline = text.rfind('\n');
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

}  // namespace

SmallTmpfs::SmallTmpfs(const std::filesystem::path& where, std::size_t bytes) : where_(where) {
  std::filesystem::create_directories(where_);
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
  if (::mount("tmpfs", where_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    FAIL("cannot mount a " << bytes << "-byte tmpfs at " << where_.string() << " (" << std::strerror(errno) << ")"
                           << kNeedsRoot);
  }
  mounted_ = true;
}

SmallTmpfs::~SmallTmpfs() {
  if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
}

std::size_t SmallTmpfs::fill() {
  const auto filler = where_ / "filler";
  const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  const std::string block(4096, 'f');
  std::size_t total = 0;
  ssize_t written = 0;
  while ((written = ::write(fd, block.data(), block.size())) > 0) total += std::size_t(written);
  const int why = errno;
  ::close(fd);
  INFO("the filler stopped with: " << std::strerror(why));
  REQUIRE(why == ENOSPC);
  return total;
}

void SmallTmpfs::free_space() { std::filesystem::remove(where_ / "filler"); }

FlakyExt4::FlakyExt4(const std::filesystem::path& work_dir, std::size_t bytes)
    : image_(work_dir / "ext4.img"), mount_point_(work_dir / "ext4") {
  std::filesystem::create_directories(mount_point_);
  std::ofstream(image_).close();
  std::filesystem::resize_file(image_, bytes);
  const auto made = run_shell("mkfs.ext4 -q -F " + shell_quote(image_.string()) + " 2>&1");
  if (made.exit_code != 0) FAIL("mkfs.ext4 failed: " << last_line(made.output) << kNeedsRoot);
  const auto attached = run_shell("losetup --find --show " + shell_quote(image_.string()) + " 2>&1");
  if (attached.exit_code != 0) {
    FAIL("cannot attach a loop device (losetup: " << last_line(attached.output) << ")" << kNeedsRoot);
  }
  loop_device_ = last_line(attached.output);
  if (const std::string refused = mount_now(); !refused.empty()) {
    release();  // a constructor that fails runs no destructor
    FAIL(refused << kNeedsRoot);
  }
}

FlakyExt4::~FlakyExt4() { release(); }

void FlakyExt4::release() {
  if (mounted_) ::umount2(mount_point_.c_str(), MNT_DETACH);
  mounted_ = false;
  // Still busy after a lazy unmount, the kernel detaches it when its last user goes.
  if (!loop_device_.empty()) (void)run_shell("losetup -d " + shell_quote(loop_device_) + " 2>&1");
  loop_device_.clear();
}

std::string FlakyExt4::mount_now() {
  if (::mount(loop_device_.c_str(), mount_point_.c_str(), "ext4", MS_NOSUID | MS_NODEV, "errors=remount-ro") != 0) {
    return "cannot mount " + loop_device_ + " (ext4) at " + mount_point_.string() + " (" + std::strerror(errno) + ")";
  }
  mounted_ = true;
  return {};
}

// By what a write meets: newer kernels keep the mount flagged "rw" and mark the filesystem
// "emergency_ro" instead, so statvfs may not say read-only even though every write gets EROFS.
bool FlakyExt4::read_only() const {
  const auto probe = mount_point_ / ".write-probe";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return errno == EROFS;
  ::close(fd);
  ::unlink(probe.c_str());
  return false;
}

void FlakyExt4::break_to_read_only() {
  const auto name = std::filesystem::path(loop_device_).filename().string();
  const auto trigger = std::filesystem::path("/sys/fs/ext4") / name / "trigger_fs_error";
  {
    std::ofstream error(trigger);
    error << "holdspace journal fault test";
    if (!error.flush()) FAIL("cannot write " << trigger.string() << " (an ext4 error on cue)" << kNeedsRoot);
  }
  REQUIRE(read_only());
}

std::string FlakyExt4::repair() {
  if (::umount2(mount_point_.c_str(), 0) != 0) return std::strerror(errno);
  mounted_ = false;
  return mount_now();
}

}  // namespace holdspace::test
