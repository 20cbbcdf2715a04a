// Measurements kept between runs, so a playlist is analysed once. SQLite (WAL), one row per
// file, keyed by absolute path; a row counts only while the file's size and modification time
// and the analyser version are still the ones it was measured with.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/result.h"
#include "loudness/loudness.h"

namespace holdspace::loudness {

// What says a file is still the one that was measured.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
std::optional<FileStamp> file_stamp(const std::filesystem::path& file);  // nullopt: cannot stat

// The key a file is known by: absolute and lexically normal (symlinks are not resolved).
std::string cache_key(const std::filesystem::path& file);

class LoudnessCache {
 public:
  // Creates the folder (0700) and the file (0600) if needed: paths can name clients' folders.
  // A cache file that is not a database is moved aside to "<db_file>.damaged" and started anew.
  // The error is one line naming the file.
  static Result<std::unique_ptr<LoudnessCache>> open(const std::filesystem::path& db_file);
  static std::filesystem::path default_file(const std::filesystem::path& data_dir);  // data_dir / "loudness.sqlite"
  ~LoudnessCache();
  LoudnessCache(const LoudnessCache&) = delete;
  LoudnessCache& operator=(const LoudnessCache&) = delete;

  // Any thread. A miss if the file is unknown, gone, has changed size or modification time, or
  // was measured by another analyser version. A failing database is a miss too.
  std::optional<Loudness> find(const std::filesystem::path& file);
  // Any thread. Keyed by the file's stamp now.
  Status store(const std::filesystem::path& file, const Loudness& loudness);
  // Keyed by the stamp taken before measuring, so a file changed during its analysis misses.
  Status store(const std::filesystem::path& file, const Loudness& loudness, const FileStamp& measured_stamp);

  const std::filesystem::path& path() const;

 private:
  struct Impl;
  explicit LoudnessCache(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdspace::loudness
