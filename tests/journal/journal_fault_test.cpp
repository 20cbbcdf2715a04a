// The journal's disk fails in the middle of a session: it fills up, or the kernel turns it
// read-only. Through the real controller, journal (a SQLite file on a real filesystem) and
// engine, pumped offline with a manual clock: the music plays on, the therapist is told at once,
// the events wait in memory in order, nothing committed before is touched, and once the disk
// takes writes again everything is written with the times it happened at.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <functional>
#include <memory>

#include "audio/audio_engine.h"
#include "control/journal_alert.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "core/wall_time.h"
#include "journal/export_format.h"
#include "journal/session_record.h"
#include "journal/timeline_text.h"
#include "failing_disk.h"
#include "unit/journal/journal_test_support.h"

using namespace holdspace;
using journal::Event;
using journal::EventType;
using journal::test::RawDb;
using session::Command;

namespace {

const std::filesystem::path kDemoPlan = std::filesystem::path(HOLDSPACE_SOURCE_DIR) / "playlists/demo.toml";
// A front end calls into the controller from the thread the therapist sees; a write the disk
// refuses must cost it no more than this (SQLite's busy timeout is 2 s; a failure must never
// wait for it).
constexpr double kSlowestCallSeconds = 0.5;

// A session with its audio rendered block by block as the manual clock moves, and polled as
// a front end would. It measures what the control thread spends in each call and how loud
// the music is, so a test can say the session went on.
class FaultSession {
 public:
  FaultSession(const std::filesystem::path& data_dir, const std::filesystem::path& loudness_dir) {
    store = journal::test::open_ok(data_dir);
    engine = std::make_unique<audio::AudioEngine>(audio::EngineConfig{});
    zero_ns = clock.monotonic_ns();  // session time 0: the controller starts its clock here
    zero_wall = clock.wall();
    auto plan = session::load_plan(kDemoPlan);
    REQUIRE(plan.ok());
    auto begun = control::SessionController::begin(plan.value(), "F1", *store, clock, *engine, loudness_dir);
    INFO((begun ? std::string() : begun.error().message));
    REQUIRE(begun.ok());
    controller = std::move(begun).value();
  }

  std::int64_t now_ns() const { return clock.monotonic_ns() - zero_ns; }

  // Renders `seconds` of music; returns the RMS of the quietest half second.
  double play(double seconds) {
    constexpr int kBlock = 1024;
    const int blocks_per_window = engine->sample_rate() / 2 / kBlock;
    std::vector<float> block(2 * kBlock);
    double quietest = 1e9, window_sum = 0.0;
    int window_blocks = 0;
    const int blocks = int(seconds * engine->sample_rate() / kBlock);
    for (int i = 0; i < blocks; ++i) {
      engine->decoder().fill_all();
      engine->mixer().process(block.data(), kBlock, 2);
      for (const float sample : block) window_sum += double(sample) * sample;
      if (++window_blocks == blocks_per_window) {
        quietest = std::min(quietest, std::sqrt(window_sum / double(window_blocks * 2 * kBlock)));
        window_sum = 0.0;
        window_blocks = 0;
      }
      clock.advance_seconds(double(kBlock) / engine->sample_rate());
      if (i % 4 == 0) timed([&] { controller->poll(); });
    }
    timed([&] { controller->poll(); });
    return quietest;
  }

  void command(Command::Type type, const std::string& marker = {}) {
    Command command;
    command.type = type;
    command.marker = marker;
    if (marker == "vitals") command.vitals = {128, 82, 74, 98};
    if (marker == "note") command.text = "asked for a blanket";
    Status done = ok_status();
    timed([&] { done = controller->command(command); });
    INFO((done ? std::string() : done.error().message));
    REQUIRE(done.ok());
  }

  std::vector<std::string> messages() { return controller->take_messages(); }

  // What the wall clock read at session time `session_ns`.
  std::string wall_at(std::int64_t session_ns) const {
    return iso_utc(zero_wall + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                   std::chrono::nanoseconds(session_ns)));
  }

  ManualClock clock;
  std::int64_t zero_ns = 0;
  std::chrono::system_clock::time_point zero_wall;
  std::unique_ptr<journal::Journal> store;
  std::unique_ptr<audio::AudioEngine> engine;
  std::unique_ptr<control::SessionController> controller;
  double slowest_call_seconds = 0.0;

 private:
  void timed(const std::function<void()>& call) {
    const auto start = std::chrono::steady_clock::now();
    call();
    slowest_call_seconds =
        std::max(slowest_call_seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
};

bool has_message(const std::vector<std::string>& messages, const std::string& start) {
  return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) { return m.rfind(start, 0) == 0; });
}

bool same_event(const Event& a, const Event& b) {
  return a.session_id == b.session_id && a.sequence == b.sequence && a.wall_time_utc == b.wall_time_utc &&
         a.utc_offset_minutes == b.utc_offset_minutes && a.session_ns == b.session_ns && a.type == b.type &&
         a.payload == b.payload;
}

struct Fault {
  std::string reason;  // in the therapist's words, as the alert says it
  std::function<void()> start;
  std::function<void()> end;
  // Looks at the file through a connection of its own while the fault lasts (closed again
  // before end(), which may need every file on the disk closed).
  std::function<void(const std::filesystem::path& file, std::size_t committed)> check_during;
};

// The quietest half second of music must stay well above silence (about -50 dBFS): the demo
// tracks play at -10 to 0 dB and crossfade at every phase change.
constexpr double kMusicRms = 0.003;

void session_through_fault(const std::filesystem::path& data_dir, const std::filesystem::path& loudness_dir,
                           const Fault& fault) {
  FaultSession run(data_dir, loudness_dir);
  const std::string id = run.controller->session_id();

  // Before: a dose and a phase change, all on disk.
  CHECK(run.play(3.0) > 0.0);
  run.command(Command::Type::Marker, "dose");
  CHECK(run.play(3.0) > kMusicRms);
  run.command(Command::Type::Advance);
  CHECK(run.play(3.0) > kMusicRms);
  REQUIRE(run.store->pending_count() == 0);
  const std::vector<Event> committed = run.store->events(id).value();
  (void)run.messages();

  fault.start();
  const std::int64_t refused_ns = run.now_ns();
  run.command(Command::Type::Marker, "vitals");
  // The therapist hears of it at once: in the snapshot both front ends draw, and as a message.
  auto view = run.controller->snapshot();
  CHECK(view.journal_waiting == 1);
  CHECK(view.journal_alert == "The session record cannot be written (" + fault.reason +
                                  "): 1 event is kept in memory and will be written " +
                                  (fault.reason == "disk full" ? "when space returns" : "as soon as the disk allows"));
  const auto alerts = run.messages();
  CHECK(has_message(alerts, "journal: The session record cannot be written (" + fault.reason + ")"));

  // The session goes on: markers, phase changes with their crossfades and track events, the
  // talk duck, and the dose reminder falling due, all while nothing can be written.
  double quietest = run.play(2.5);
  run.command(Command::Type::Marker, "note");
  quietest = std::min(quietest, run.play(1.0));
  run.command(Command::Type::Advance);
  quietest = std::min(quietest, run.play(5.0));
  run.command(Command::Type::Talk);
  quietest = std::min(quietest, run.play(3.0));
  run.command(Command::Type::Talk);
  quietest = std::min(quietest, run.play(20.0));  // past the reminder 30 s after the dose
  CHECK(quietest > kMusicRms);
  view = run.controller->snapshot();
  CHECK(view.phase == 2);
  const std::size_t reminders_shown = view.showing.size();
  CHECK(reminders_shown >= 1);
  const std::size_t held = view.journal_waiting;
  CHECK(held >= 8);
  CHECK(view.journal_alert == control::journal_alert_text(held, fault.reason));
  CHECK(run.store->pending_count() == held);
  // Retries (from poll, four times a second, and with every event) went on, and none held the
  // control thread up.
  CHECK(run.slowest_call_seconds < kSlowestCallSeconds);
  WARN("slowest controller call during the fault: " << run.slowest_call_seconds * 1e3 << " ms");

  fault.check_during(run.store->path(), committed.size());
  // Reads go on while the disk refuses writes: the session as the program knows it, held
  // events included; or, when the journal had to let go of the file, a one-line reason.
  const auto known = run.store->events(id);
  if (known) {
    CHECK(known->size() == committed.size() + held);
  } else {
    std::string message = known.error().message;
    INFO(message);
    std::transform(message.begin(), message.end(), message.begin(), [](unsigned char c) { return std::tolower(c); });
    CHECK(message.find(fault.reason) != std::string::npos);
  }
  (void)run.store->sessions();
  (void)run.store->unfinished_session();

  fault.end();
  const std::int64_t space_back_ns = run.now_ns();
  quietest = run.play(2.0);
  CHECK(quietest > kMusicRms);
  view = run.controller->snapshot();
  CHECK(view.journal_waiting == 0);
  CHECK(view.journal_alert.empty());
  CHECK(view.journal_note.find("The session record is written again: " + std::to_string(held) + " events") == 0);
  CHECK(has_message(run.messages(), "journal: The session record is written again"));

  run.command(Command::Type::End);
  run.play(1.0);
  run.controller.reset();
  run.store.reset();

  // From the file alone.
  auto reopened = journal::test::open_ok(data_dir);
  const std::vector<Event> events = reopened->events(id).value();
  REQUIRE(events.size() > committed.size() + held);
  for (std::size_t i = 0; i < events.size(); ++i) {
    INFO("event " << i + 1 << ": " << journal::to_string(events[i].type));
    CHECK(events[i].sequence == std::int64_t(i + 1));
    // Held events carry the time they happened at, not the time they reached the disk.
    CHECK(events[i].wall_time_utc == run.wall_at(events[i].session_ns));
    if (i > 0) CHECK(events[i].session_ns >= events[i - 1].session_ns);
  }
  // Nothing acknowledged before the fault changed.
  for (std::size_t i = 0; i < committed.size(); ++i) CHECK(same_event(events[i], committed[i]));

  // The held events, in the order they happened, then the spell itself.
  const Event& first_held = events[committed.size()];
  CHECK(first_held.type == EventType::Marker);
  CHECK(first_held.payload["kind"] == "vitals");
  CHECK(first_held.payload["systolic"] == 128);
  CHECK(first_held.session_ns == refused_ns);
  const auto recovered = std::find_if(events.begin(), events.end(),
                                      [](const Event& e) { return e.type == EventType::JournalRecovered; });
  REQUIRE(recovered != events.end());
  CHECK(std::size_t(recovered - events.begin()) == committed.size() + held);
  CHECK(recovered->payload["reason"] == fault.reason);
  CHECK(recovered->payload["events_held"] == held);
  CHECK(recovered->payload["since_ns"] == refused_ns);
  CHECK(recovered->payload["since_utc"] == first_held.wall_time_utc);
  CHECK(recovered->session_ns >= space_back_ns);
  CHECK(recovered->session_ns <= space_back_ns + seconds_to_ns(0.5));  // at the next retry

  std::vector<std::string> held_types;
  for (auto it = events.begin() + std::ptrdiff_t(committed.size()); it != recovered; ++it) {
    held_types.emplace_back(journal::to_string(it->type));
  }
  const auto count = [&](const std::string& type) { return std::count(held_types.begin(), held_types.end(), type); };
  CHECK(count("marker") == 2);
  CHECK(count("phase_started") == 1);
  CHECK(count("track_started") >= 1);
  CHECK(count("track_ended") >= 1);
  CHECK(count("duck_on") == 1);
  CHECK(count("duck_off") == 1);
  CHECK(count("reminder_shown") == std::ptrdiff_t(reminders_shown));
  CHECK(events.back().type != EventType::JournalRecovered);  // the session went on after it
  CHECK(std::any_of(recovered, events.end(), [](const Event& e) { return e.type == EventType::SessionEnded; }));

  // The review shows the spell.
  const auto record = journal::build_session_record(events);
  REQUIRE(record.journal_outages.size() == 1);
  CHECK(record.journal_outages[0].events_held == std::int64_t(held));
  CHECK(journal::timeline_text(record).find(journal::session_clock(refused_ns) + "  record held  " + fault.reason +
                                            ": " + std::to_string(held) + " events kept in memory, written ") !=
        std::string::npos);

  RawDb raw(reopened->path());
  CHECK(raw.text("PRAGMA integrity_check") == "ok");
}

}  // namespace

TEST_CASE("journal fault: the disk fills up mid-session, and space returns", "[journal][fault]") {
  test::TempDir dir;
  test::SmallTmpfs disk(dir / "disk", 2 * 1024 * 1024);
  // The loudness cache shares the disk, as it does by default: it meets the full disk too.
  const auto data_dir = disk.path() / "holdspace";
  session_through_fault(data_dir, data_dir,
                        {"disk full", [&] { CHECK(disk.fill() > 0); }, [&] { disk.free_space(); },
                         [](const std::filesystem::path& file, std::size_t committed) {
                           // Another reader sees the record as it was, whole.
                           RawDb raw(file);
                           CHECK(raw.text("PRAGMA integrity_check") == "ok");
                           CHECK(raw.text("SELECT count(*) FROM events") == std::to_string(committed));
                         }});
}

TEST_CASE("journal fault: the disk turns read-only mid-session, and is mounted again", "[journal][fault]") {
  test::TempDir dir;
  test::FlakyExt4 disk(dir.path(), 32 * 1024 * 1024);
  // The loudness cache keeps its own SQLite file open for the whole session; on the failing
  // disk it would keep the disk from being unmounted. This test is about the journal.
  test::TempDir loudness;
  session_through_fault(disk.path() / "holdspace", loudness.path(),
                        {"read-only", [&] { disk.break_to_read_only(); },
                         [&] {
                           // The journal let go of its files when the disk refused them, so the
                           // disk can be unmounted and mounted again under a running session.
                           const std::string refused = disk.repair();
                           INFO("unmounting the read-only disk: " << refused);
                           REQUIRE(refused.empty());
                           REQUIRE_FALSE(disk.read_only());
                         },
                         [&](const std::filesystem::path& file, std::size_t committed) {
                           CHECK(disk.read_only());
                           // A read-only open of a WAL database needs its -shm; a reader may or
                           // may not get in. If it does, the record is whole.
                           sqlite3* db = nullptr;
                           if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
                             sqlite3_stmt* statement = nullptr;
                             if (sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &statement, nullptr) ==
                                     SQLITE_OK &&
                                 sqlite3_step(statement) == SQLITE_ROW) {
                               CHECK(std::size_t(sqlite3_column_int64(statement, 0)) == committed);
                             }
                             sqlite3_finalize(statement);
                           }
                           sqlite3_close_v2(db);
                         }});
}

TEST_CASE("journal fault: a long wait on a full disk keeps every event and each retry stays quick",
          "[journal][fault]") {
  using journal::test::make_event;
  test::TempDir dir;
  test::SmallTmpfs disk(dir / "disk", 2 * 1024 * 1024);
  auto store = journal::test::open_ok(disk.path() / "holdspace");
  journal::test::append_ok(*store, journal::test::session_start("L", "K1", "2026-11-21T19:00:00.000Z"));
  disk.fill();

  // Three hours of a busy session, refused one by one: every append retries the whole queue.
  constexpr int kHeld = 1500;
  double slowest = 0.0;
  for (int i = 0; i < kHeld; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto refused = store->append(
        make_event("L", EventType::Marker, {{"kind", "note"}, {"text", "note " + std::to_string(i)}}, i));
    slowest = std::max(slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    REQUIRE_FALSE(refused.ok());
  }
  CHECK(store->pending_count() == std::size_t(kHeld));
  CHECK(store->pending_reason() == "disk full");
  WARN("slowest refused append with up to " << kHeld << " events waiting: " << slowest * 1e3 << " ms");
  CHECK(slowest < kSlowestCallSeconds);

  disk.free_space();
  REQUIRE(store->flush_pending().ok());
  CHECK(store->pending_reason().empty());
  store.reset();
  const auto events = journal::test::open_ok(disk.path() / "holdspace")->events("L").value();
  REQUIRE(events.size() == std::size_t(kHeld + 1));
  for (int i = 0; i < kHeld; ++i) {
    CHECK(events[std::size_t(i + 1)].sequence == i + 2);
    CHECK(events[std::size_t(i + 1)].payload["text"] == "note " + std::to_string(i));
  }
}
