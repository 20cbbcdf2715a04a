// Real disks that fail on cue, for the journal's fault tests: the journal's SQLite file sits on
// a real filesystem and meets the kernel's own ENOSPC and EROFS. Both need root (mount, loop
// devices); where that is not allowed, the constructor fails the test and says why, so a
// missing permission never passes for a fault that was handled.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace holdspace::test {

// A tmpfs of a fixed size. fill() writes a filler file until the kernel answers ENOSPC;
// free_space() deletes it.
class SmallTmpfs {
 public:
  SmallTmpfs(const std::filesystem::path& where, std::size_t bytes);
  ~SmallTmpfs();  // unmounts, whatever state the test left it in
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;

  const std::filesystem::path& path() const { return where_; }
  std::size_t fill();  // how many bytes fitted before ENOSPC
  void free_space();

 private:
  std::filesystem::path where_;
  bool mounted_ = false;
};

// An ext4 image on a loop device, mounted with errors=remount-ro: the setting most Linux
// installs use for their disks. break_to_read_only() raises an ext4 error (sysfs
// trigger_fs_error), and the kernel turns the mounted filesystem read-only under the files
// open on it, as it does when a disk fails. (A plain `mount -o remount,ro` is refused while
// any file is open for writing, so it cannot happen under a running journal.) Such a
// filesystem cannot be made writable while mounted: repair() unmounts it (refused while any
// file on it is still open) and mounts it again.
class FlakyExt4 {
 public:
  FlakyExt4(const std::filesystem::path& work_dir, std::size_t bytes);
  ~FlakyExt4();  // unmounts and detaches the loop device
  FlakyExt4(const FlakyExt4&) = delete;
  FlakyExt4& operator=(const FlakyExt4&) = delete;

  const std::filesystem::path& path() const { return mount_point_; }
  bool read_only() const;  // a new file cannot be created: EROFS
  void break_to_read_only();
  // Empty on success; otherwise why the unmount or mount failed (e.g. "Device or resource
  // busy": something still holds a file on it).
  std::string repair();

 private:
  std::string mount_now();  // empty on success, else why not
  void release();
  std::filesystem::path image_;
  std::filesystem::path mount_point_;
  std::string loop_device_;
  bool mounted_ = false;
};

}  // namespace holdspace::test
