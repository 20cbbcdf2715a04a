// When the disk refuses: the event waits in memory with its sequence, append() says why in one
// line, reads go on, and once the disk allows, everything is written in order with nothing lost.
//
// Disk full is real where the test may mount: a 2 MiB tmpfs, filled to the last block by a
// filler file, so SQLite meets ENOSPC in its own write() calls. (Tests run as root here, so
// chmod cannot make a file unwritable; a read-only remount is refused while SQLite holds the
// file open for writing.) Where mounting is not allowed, the same scenario runs against
// PRAGMA max_page_count, which makes SQLite itself answer SQLITE_FULL. Read-only is
// PRAGMA query_only on the journal's own connection: SQLITE_READONLY through the same path.
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include "journal_test_support.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

namespace {

const std::string kDiskFull =
    "the journal could not be written (disk full): events are kept in memory and will be written when space returns";

// A small tmpfs of its own, unmounted when the object goes.
class SmallDisk {
 public:
  SmallDisk(const std::filesystem::path& where, std::size_t bytes) : where_(where) {
    std::filesystem::create_directories(where_);
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
    mounted_ = ::mount("tmpfs", where_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0;
    if (!mounted_) why_not_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }
  const std::string& why_not() const { return why_not_; }

  // Writes until the disk says ENOSPC; returns how many bytes fitted.
  std::size_t fill() {
    const auto filler = where_ / "filler";
    const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    const std::string block(4096, 'f');
    std::size_t total = 0;
    for (;;) {
      const ssize_t n = ::write(fd, block.data(), block.size());
      if (n <= 0) break;
      total += std::size_t(n);
    }
    const int last_errno = errno;
    ::close(fd);
    CHECK(last_errno == ENOSPC);
    return total;
  }
  void free_space() { std::filesystem::remove(where_ / "filler"); }

 private:
  std::filesystem::path where_;
  bool mounted_ = false;
  std::string why_not_;
};

// The shared scenario. make_full() must make the next write fail; make_room() undo it.
void disk_full_scenario(const std::filesystem::path& data_dir, const std::function<void(Journal&)>& make_full,
                        const std::function<void(Journal&)>& make_room, const nlohmann::json& filler_payload) {
  auto journal = open_ok(data_dir);
  append_ok(*journal, session_start("A", "K1", "2026-11-21T19:00:00.000Z"));
  for (int i = 0; i < 3; ++i) append_ok(*journal, make_event("A", EventType::PhaseStarted, {{"phase", i}}));

  make_full(*journal);

  nlohmann::json marker = filler_payload;
  marker["kind"] = "dose";
  auto refused = journal->append(make_event("A", EventType::Marker, marker, 50));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == kDiskFull);
  CHECK(journal->pending_count() == 1);

  // More events while the disk is full: they queue behind, in order, across sessions.
  auto second = journal->append(make_event("A", EventType::Marker, {{"kind", "note"}, {"text", "calm"}}, 60));
  REQUIRE_FALSE(second.ok());
  auto other = journal->append(session_start("B", "K2", "2026-11-21T19:10:00.000Z"));
  REQUIRE_FALSE(other.ok());
  CHECK(journal->pending_count() == 3);
  CHECK(journal->flush_pending().ok() == false);  // still full: still waiting
  CHECK(journal->pending_count() == 3);

  // Reads go on, and the session as the program knows it includes what waits.
  CHECK(journal->sessions().size() == 1);
  auto known = journal->events("A");
  REQUIRE(known.ok());
  REQUIRE(known->size() == 6);
  CHECK(known->at(4).sequence == 5);
  CHECK(known->at(5).sequence == 6);
  CHECK(known->at(5).payload["text"] == "calm");

  make_room(*journal);
  // The next append writes what waited first, then itself.
  CHECK(append_ok(*journal, make_event("A", EventType::Marker, {{"kind", "note"}, {"text", "after"}}, 70)) == 7);
  CHECK(journal->pending_count() == 0);
  CHECK(append_ok(*journal, make_event("B", EventType::PhaseStarted, {{"phase", 0}})) == 2);
  journal.reset();

  // From the file alone: every event, in order, contiguous, nothing lost.
  auto reopened = open_ok(data_dir);
  const auto a = reopened->events("A").value();
  REQUIRE(a.size() == 7);
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].sequence == std::int64_t(i + 1));
  CHECK(a[4].payload["kind"] == "dose");
  CHECK(a[4].session_ns == 50);
  CHECK(a[5].payload["text"] == "calm");
  CHECK(a[6].payload["text"] == "after");
  const auto b = reopened->events("B").value();
  REQUIRE(b.size() == 2);
  CHECK(b[0].type == EventType::SessionStarted);
  CHECK(reopened->sessions().size() == 2);
  RawDb raw(reopened->path());
  CHECK(raw.text("PRAGMA integrity_check") == "ok");
}

}  // namespace

TEST_CASE("write failure: disk full keeps events in memory, then writes them in order", "[journal][failure]") {
  TempDir dir;
  SmallDisk disk(dir / "disk", 2 * 1024 * 1024);
  if (disk.mounted()) {
    disk_full_scenario(
        dir / "disk/holdspace", [&](Journal&) { CHECK(disk.fill() > 0); }, [&](Journal&) { disk.free_space(); },
        nlohmann::json::object());
    return;
  }
  WARN("cannot mount a tmpfs here (" << disk.why_not() << "); simulating a full disk with PRAGMA max_page_count");
  // Big payloads need new pages, so the cap bites on the first refused event.
  disk_full_scenario(
      dir / "holdspace",
      [](Journal& journal) {
        const std::string pages = journal.diagnostic_pragma("page_count").value();
        REQUIRE(journal.diagnostic_pragma("max_page_count = " + pages).ok());
      },
      [](Journal& journal) { REQUIRE(journal.diagnostic_pragma("max_page_count = 1073741823").ok()); },
      {{"padding", std::string(64 * 1024, 'p')}});
}

TEST_CASE("write failure: max_page_count also reads as a full disk", "[journal][failure]") {
  TempDir dir;
  disk_full_scenario(
      dir / "holdspace",
      [](Journal& journal) {
        const std::string pages = journal.diagnostic_pragma("page_count").value();
        REQUIRE(journal.diagnostic_pragma("max_page_count = " + pages).ok());
      },
      [](Journal& journal) { REQUIRE(journal.diagnostic_pragma("max_page_count = 1073741823").ok()); },
      {{"padding", std::string(64 * 1024, 'p')}});
}

TEST_CASE("write failure: a read-only journal keeps events until it can write", "[journal][failure]") {
  TempDir dir;
  auto journal = open_ok(dir.path());
  append_ok(*journal, session_start("R", "K1", "2026-11-21T19:00:00.000Z"));
  REQUIRE(journal->diagnostic_pragma("query_only = 1").ok());

  auto refused = journal->append(make_event("R", EventType::VolumeChanged, {{"volume_db", -6}}));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "the journal could not be written (read-only): events are kept in memory and will be written as soon as the "
        "disk allows");
  CHECK(journal->pending_count() == 1);
  CHECK_FALSE(journal->append(make_event("R", EventType::DuckOn, {{"depth_db", -12}})).ok());
  CHECK(journal->pending_count() == 2);

  REQUIRE(journal->diagnostic_pragma("query_only = 0").ok());
  REQUIRE(journal->flush_pending().ok());
  CHECK(journal->pending_count() == 0);
  CHECK(journal->flush_pending().ok());  // nothing waiting is fine too

  auto reopened = open_ok(dir.path());
  const auto events = reopened->events("R").value();
  REQUIRE(events.size() == 3);
  CHECK(events[1].type == EventType::VolumeChanged);
  CHECK(events[2].type == EventType::DuckOn);
  CHECK(events[2].sequence == 3);
}

TEST_CASE("write failure: closing the journal makes a last attempt at what waits", "[journal][failure]") {
  TempDir dir;
  {
    auto journal = open_ok(dir.path());
    append_ok(*journal, session_start("C", "K1", "2026-11-21T19:00:00.000Z"));
    REQUIRE(journal->diagnostic_pragma("query_only = 1").ok());
    CHECK_FALSE(journal->append(make_event("C", EventType::SessionEnded, {{"reason", "ended"}})).ok());
    REQUIRE(journal->diagnostic_pragma("query_only = 0").ok());
  }
  auto reopened = open_ok(dir.path());
  CHECK(reopened->events("C").value().size() == 2);
  CHECK_FALSE(reopened->unfinished_session());
}
