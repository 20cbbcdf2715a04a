// The loudness cache on SQLite. One connection behind one mutex: a lookup is a single indexed
// row, far cheaper than the decode it saves, so callers on many threads never wait long.
#include "loudness/loudness_cache.h"

#include <sys/stat.h>

#include <mutex>
#include <string>
#include <utility>

#include "journal/private_files.h"
#include "journal/sqlite_db.h"

namespace holdspace::loudness {
namespace {

namespace sqlite = journal::sqlite;

// Another holdspace (the app while `holdspace-cli analyze` runs) holds the lock only briefly.
constexpr int kBusyTimeoutMs = 2000;
constexpr int kSchemaVersion = 1;

// synchronous=NORMAL: a power cut may lose the last few results, which are then measured again;
// nothing here is a record, so the fsync per row that the journal pays is not worth it.
constexpr const char* kSetup = "PRAGMA synchronous = NORMAL";
constexpr const char* kCreate =
    "CREATE TABLE IF NOT EXISTS loudness ("
    " path TEXT PRIMARY KEY NOT NULL,"
    " size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL,"
    " analyser TEXT NOT NULL,"
    " integrated_lufs REAL NOT NULL,"
    " range_lu REAL NOT NULL,"
    " true_peak_dbtp REAL NOT NULL,"
    " seconds REAL NOT NULL,"
    " measured_utc TEXT NOT NULL)";
constexpr const char* kFind =
    "SELECT size, mtime_ns, analyser, integrated_lufs, range_lu, true_peak_dbtp, seconds "
    "FROM loudness WHERE path = ?1";
constexpr const char* kStore =
    "INSERT OR REPLACE INTO loudness "
    "(path, size, mtime_ns, analyser, integrated_lufs, range_lu, true_peak_dbtp, seconds, measured_utc) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";

bool is_damaged(const sqlite::Failure& failure) {
  return failure.primary() == SQLITE_NOTADB || failure.primary() == SQLITE_CORRUPT;
}

}  // namespace

std::optional<FileStamp> file_stamp(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  FileStamp stamp;
  stamp.size = std::int64_t(info.st_size);
  stamp.mtime_ns = std::int64_t(info.st_mtim.tv_sec) * 1'000'000'000 + std::int64_t(info.st_mtim.tv_nsec);
  return stamp;
}

std::string cache_key(const std::filesystem::path& file) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(file, ec);
  return (ec ? file : absolute).lexically_normal().string();
}

struct LoudnessCache::Impl {
  std::filesystem::path file;
  std::string analyser = analyser_version();
  std::mutex mutex;  // guards everything below
  sqlite::Database db;
  sqlite::Statement find;
  sqlite::Statement store;

  // Connects and sets up the schema; on failure says what failed and fills `failure`.
  std::optional<std::string> connect(sqlite::Failure& failure) {
    auto opened = sqlite::Database::open(file, failure);
    if (!opened) return "cannot open the loudness cache";
    db = std::move(*opened);
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    // WAL: readers (the app's Prepare view) never wait for a writer (a parallel analysis). A
    // folder that cannot hold a WAL still works, in the default rollback mode.
    if (!db.query_text("PRAGMA journal_mode = WAL", failure) || !db.execute(kSetup, failure)) {
      return "cannot open the loudness cache";
    }
    const auto version = db.query_text("PRAGMA user_version", failure);
    if (!version) return "cannot read the loudness cache";
    // It is only a cache: a schema from another version is dropped, not migrated.
    if (*version != std::to_string(kSchemaVersion)) {
      const std::string rebuild = "BEGIN IMMEDIATE; DROP TABLE IF EXISTS loudness; " + std::string(kCreate) +
                                  "; PRAGMA user_version = " + std::to_string(kSchemaVersion) + "; COMMIT";
      if (!db.execute(rebuild, failure)) {
        sqlite::Failure ignored;
        if (db.in_transaction()) db.execute("ROLLBACK", ignored);
        return "cannot set up the loudness cache";
      }
    }
    auto prepared_find = db.prepare(kFind, failure);
    if (!prepared_find) return "cannot read the loudness cache";
    auto prepared_store = db.prepare(kStore, failure);
    if (!prepared_store) return "cannot read the loudness cache";
    find = std::move(*prepared_find);
    store = std::move(*prepared_store);
    return std::nullopt;
  }

  void disconnect() {
    find = sqlite::Statement{};
    store = sqlite::Statement{};
    db.close();
  }
};

Result<std::unique_ptr<LoudnessCache>> LoudnessCache::open(const std::filesystem::path& db_file) {
  auto impl = std::make_unique<Impl>();
  impl->file = db_file;
  std::string error;
  // The folder is the data folder the journal keeps private too; a bare file name is left in the
  // current folder, whose mode is not ours to change.
  if (db_file.has_parent_path() && !journal::make_private_directory(db_file.parent_path(), error)) {
    return Error{error};
  }
  if (!journal::make_private_file(db_file, error)) {
    return Error{error};
  }
  sqlite::Failure failure;
  auto problem = impl->connect(failure);
  if (problem && is_damaged(failure)) {
    // Set aside rather than deleted: whoever looks into it later still has it.
    impl->disconnect();
    std::error_code ignored;
    std::filesystem::rename(db_file, db_file.string() + ".damaged", ignored);
    std::filesystem::remove(db_file.string() + "-wal", ignored);
    std::filesystem::remove(db_file.string() + "-shm", ignored);
    if (!journal::make_private_file(db_file, error)) return Error{error};
    failure = {};
    problem = impl->connect(failure);
  }
  if (problem) return Error{db_file.string() + ": " + *problem + " (" + sqlite::plain_reason(failure) + ")"};
  journal::restrict_if_present(db_file.string() + "-wal");
  journal::restrict_if_present(db_file.string() + "-shm");
  return std::unique_ptr<LoudnessCache>(new LoudnessCache(std::move(impl)));
}

std::filesystem::path LoudnessCache::default_file(const std::filesystem::path& data_dir) {
  return data_dir / "loudness.sqlite";
}

LoudnessCache::LoudnessCache(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LoudnessCache::~LoudnessCache() = default;

const std::filesystem::path& LoudnessCache::path() const { return impl_->file; }

std::optional<Loudness> LoudnessCache::find(const std::filesystem::path& file) {
  const auto stamp = file_stamp(file);
  if (!stamp) return std::nullopt;
  const std::string key = cache_key(file);

  std::lock_guard lock(impl_->mutex);
  auto& query = impl_->find;
  query.reset().bind(1, key);
  std::optional<Loudness> found;
  if (query.step() == SQLITE_ROW && query.integer(0) == stamp->size && query.integer(1) == stamp->mtime_ns &&
      query.text(2) == impl_->analyser) {
    Loudness loudness;
    loudness.integrated_lufs = query.real(3);
    loudness.range_lu = query.real(4);
    loudness.true_peak_dbtp = query.real(5);
    loudness.seconds = query.real(6);
    // A row edited by hand (or NULLs read as 0) must not set a gain.
    if (implausibility(loudness).empty()) found = loudness;
  }
  query.reset();
  return found;
}

Status LoudnessCache::store(const std::filesystem::path& file, const Loudness& loudness) {
  const auto stamp = file_stamp(file);
  if (!stamp) return Error{file.string() + ": cannot remember its loudness: the file is gone or not a file"};
  return store(file, loudness, *stamp);
}

Status LoudnessCache::store(const std::filesystem::path& file, const Loudness& loudness,
                            const FileStamp& measured_stamp) {
  if (auto why = implausibility(loudness); !why.empty()) {
    return Error{file.string() + ": not remembered: " + why};
  }
  const std::string key = cache_key(file);
  std::lock_guard lock(impl_->mutex);
  auto& insert = impl_->store;
  insert.reset()
      .bind(1, key)
      .bind(2, measured_stamp.size)
      .bind(3, measured_stamp.mtime_ns)
      .bind(4, impl_->analyser)
      .bind(5, loudness.integrated_lufs)
      .bind(6, loudness.range_lu)
      .bind(7, loudness.true_peak_dbtp)
      .bind(8, loudness.seconds);
  const int rc = insert.step();
  Status status = ok_status();
  if (rc != SQLITE_DONE) {
    status = Error{impl_->file.string() + ": the loudness cache could not be written (" +
                   sqlite::plain_reason(impl_->db.last_failure()) + ")"};
  }
  insert.reset();
  return status;
}

}  // namespace holdspace::loudness
