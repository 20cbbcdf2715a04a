// The session kill test's child: a whole session through the real controller, journal and
// engine (the mixer pumped offline, a manual clock moving with it), driven by a random script of
// the therapist's commands, session after session, until it is SIGKILLed. If the journal holds
// an unfinished session it resumes that one first, as the appliance would after a crash.
//
// It reports on stdout, one line per fact, written straight to the fd so a kill loses none:
//   begun|resumed <session>            a session it runs
//   do <command>                       about to give the controller this command
//   ack <session> <sequence> <type>    an event committed (append returned ok; read back from
//                                      the file through a connection of its own)
//   at <session> <elapsed_s> <phase> <entry> <position_s> <faded>
//                                      what the player is playing now, after each poll
//
// usage: session_runner DATA_DIR PLAN SEED PACE
//   PACE: session seconds per real second (0 = as fast as the CPU and the disk allow)
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "audio/audio_engine.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "core/wall_time.h"
#include "journal/journal.h"

using namespace holdspace;
using session::Command;

namespace {

// A command with no arguments.
Command command_of(Command::Type type) {
  Command command;
  command.type = type;
  return command;
}

constexpr int kBlockFrames = 1024;
constexpr int kPollEveryBlocks = 4;  // a front end polls every few tens of milliseconds
constexpr double kEndPhaseSeconds = 3.0;   // time in the last (held) phase before ending
constexpr double kAfterEndSeconds = 1.5;   // the end's fade-out, before the next session

void say(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n <= 0) std::_Exit(4);
    done += std::size_t(n);
  }
}

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "session_runner: %s\n", why.c_str());
  std::fflush(stderr);
  std::_Exit(3);
}

// Reads what is committed through a second connection: a row it sees is on disk and was
// acknowledged to the controller (its append returned), so it is reported as acknowledged.
class CommittedEvents {
 public:
  explicit CommittedEvents(const std::filesystem::path& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) fail("cannot read the journal");
    sqlite3_busy_timeout(db_, 2000);
    prepare(newer_, "SELECT sequence, type FROM events WHERE session_id = ?1 AND sequence > ?2 ORDER BY sequence");
    prepare(newest_wall_, "SELECT max(wall_time_utc) FROM events");
  }
  ~CommittedEvents() {
    sqlite3_finalize(newer_);
    sqlite3_finalize(newest_wall_);
    sqlite3_close_v2(db_);
  }

  // From now on, report `session`'s events after `after`.
  void follow(const std::string& session, std::int64_t after) {
    session_ = session;
    last_ = after;
  }

  void report() {
    sqlite3_reset(newer_);
    sqlite3_bind_text(newer_, 1, session_.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(newer_, 2, last_);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(newer_)) == SQLITE_ROW) {
      last_ = sqlite3_column_int64(newer_, 0);
      say("ack " + session_ + " " + std::to_string(last_) + " " +
          reinterpret_cast<const char*>(sqlite3_column_text(newer_, 1)));
    }
    if (rc != SQLITE_DONE) fail(std::string("reading the journal back: ") + sqlite3_errmsg(db_));
  }

  std::optional<std::chrono::system_clock::time_point> newest_wall() {
    sqlite3_reset(newest_wall_);
    std::optional<std::chrono::system_clock::time_point> newest;
    if (sqlite3_step(newest_wall_) == SQLITE_ROW && sqlite3_column_type(newest_wall_, 0) != SQLITE_NULL) {
      newest = parse_iso_utc(reinterpret_cast<const char*>(sqlite3_column_text(newest_wall_, 0)));
    }
    sqlite3_reset(newest_wall_);
    return newest;
  }

 private:
  void prepare(sqlite3_stmt*& into, const char* sql) {
    if (sqlite3_prepare_v2(db_, sql, -1, &into, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(db_));
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* newer_ = nullptr;
  sqlite3_stmt* newest_wall_ = nullptr;
  std::string session_;
  std::int64_t last_ = 0;
};

// The therapist's next move, chosen at random among what makes sense now.
std::optional<std::pair<std::string, Command>> next_move(const control::SessionSnapshot& view, std::mt19937& random) {
  Command command;
  const auto pick = [&](int n) { return int(random() % unsigned(n)); };
  const bool last_phase = view.phase == view.phase_count - 1;
  if (view.paused && pick(2) == 0) return std::pair{std::string("resume"), command_of(Command::Type::Resume)};
  if (last_phase && view.phase_elapsed_seconds > kEndPhaseSeconds) {
    return std::pair{std::string("end"), command_of(Command::Type::End)};
  }
  if (!view.showing.empty() && pick(2) == 0) {
    command.type = Command::Type::AcknowledgeReminder;
    command.reminder = view.showing.front().index;
    return std::pair{std::string("acknowledge"), command};
  }
  switch (pick(12)) {
    case 0:
    case 1:
      if (view.phase_elapsed_seconds < 2.5 || last_phase) return std::nullopt;
      return std::pair{std::string("advance"), command_of(Command::Type::Advance)};
    case 2: command.marker = "dose"; break;
    case 3: command.marker = "booster"; break;
    case 4:
      command.marker = "vitals";
      command.vitals = {110 + pick(40), 60 + pick(25), 55 + pick(50), 93 + pick(8)};
      break;
    case 5:
      command.marker = "note";
      // Now and then a long one, so the event spills onto SQLite overflow pages.
      command.text = pick(4) == 0 ? std::string(5000, char('a' + pick(26))) : "client breathing slowly";
      break;
    case 6:
    case 7: return std::pair{std::string("talk"), command_of(Command::Type::Talk)};
    case 8:
      if (view.paused) return std::nullopt;
      return std::pair{std::string("pause"), command_of(Command::Type::Pause)};
    case 9:
      command.type = Command::Type::Extend;
      command.minutes = 0.02;
      return std::pair{std::string("extend"), command};
    case 10:
      if (!view.faded_out && pick(3) != 0) return std::nullopt;  // fading out is rare; back in is not
      return std::pair{std::string(view.faded_out ? "fade-in" : "fade-out"), command_of(Command::Type::FadeOut)};
    default: return std::nullopt;
  }
  command.type = Command::Type::Marker;
  return std::pair{"marker-" + command.marker, command};
}

// Paces session time against real time: PACE session seconds per real second.
class Pacer {
 public:
  explicit Pacer(double pace) : pace_(pace), start_(std::chrono::steady_clock::now()) {}
  void keep_pace(double session_seconds_done) {
    if (pace_ <= 0) return;
    const auto due = start_ + std::chrono::duration<double>(session_seconds_done / pace_);
    if (due > std::chrono::steady_clock::now() + std::chrono::milliseconds(2)) std::this_thread::sleep_until(due);
  }

 private:
  double pace_;
  std::chrono::steady_clock::time_point start_;
};

// One session from where the journal has it to its end and the end's fade-out.
void run_session(control::SessionController& controller, audio::AudioEngine& engine, ManualClock& clock,
                 CommittedEvents& committed, std::mt19937& random, Pacer& pacer, double& session_seconds_done) {
  std::vector<float> block(2 * kBlockFrames);
  const double block_seconds = double(kBlockFrames) / engine.sample_rate();
  std::uniform_real_distribution<double> next_gap(0.3, 1.2);
  double until_move = next_gap(random);
  double since_end = -1.0;
  for (long blocks = 1;; ++blocks) {
    engine.decoder().fill_all();
    engine.mixer().process(block.data(), kBlockFrames, 2);
    clock.advance_seconds(block_seconds);
    session_seconds_done += block_seconds;
    pacer.keep_pace(session_seconds_done);
    if (blocks % kPollEveryBlocks != 0) continue;

    controller.poll();
    committed.report();
    const auto view = controller.snapshot();
    char at[256];
    std::snprintf(at, sizeof at, "at %s %.9f %d %d %.6f %d", view.session_id.c_str(), view.session_elapsed_seconds,
                  view.phase, view.track.index, view.track.position_seconds, view.faded_out ? 1 : 0);
    say(at);
    if (view.journal_waiting > 0) fail("the journal refused a write: " + view.journal_problem);
    for (const auto& message : controller.take_messages()) std::fprintf(stderr, "message: %s\n", message.c_str());

    if (view.ended) {
      if (since_end < 0) since_end = 0;
      since_end += kPollEveryBlocks * block_seconds;
      if (since_end > kAfterEndSeconds) return;
      continue;
    }
    until_move -= kPollEveryBlocks * block_seconds;
    if (until_move > 0) continue;
    until_move = next_gap(random);
    if (auto move = next_move(view, random)) {
      say("do " + move->first);
      (void)controller.command(move->second);  // a refusal (too soon after a change) writes nothing
      committed.report();
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s DATA_DIR PLAN SEED PACE\n", argv[0]);
    return 64;
  }
  const std::filesystem::path data_dir = argv[1];
  auto plan = session::load_plan(argv[2]);
  if (!plan) fail(plan.error().message);
  std::mt19937 random(static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)));
  Pacer pacer(std::atof(argv[4]));

  auto opened = journal::Journal::open(data_dir);
  if (!opened) fail(opened.error().message);
  journal::Journal& journal = **opened;
  CommittedEvents committed(journal.path());

  // The wall clock carries on from the newest event in the file, half a second later: the
  // record's wall times never run backwards, and a resume sees a half-second gap.
  ManualClock clock;
  if (auto newest = committed.newest_wall()) {
    clock.set_wall_origin(*newest + std::chrono::milliseconds(500) -
                          std::chrono::duration_cast<std::chrono::system_clock::duration>(
                              std::chrono::nanoseconds(clock.monotonic_ns())));
  }
  double session_seconds_done = 0.0;
  for (int n = 0;; ++n) {
    auto engine = std::make_unique<audio::AudioEngine>(audio::EngineConfig{});
    Result<std::unique_ptr<control::SessionController>> controller = Error{""};
    if (auto unfinished = journal.unfinished_session()) {
      auto before = journal.events(*unfinished);
      committed.follow(*unfinished, before ? before->back().sequence : 0);
      say("do resume " + *unfinished);
      controller = control::SessionController::resume(*unfinished, journal, clock, *engine);
      if (!controller) fail("resume: " + controller.error().message);
      say("resumed " + *unfinished);
    } else {
      say("do begin");
      controller = control::SessionController::begin(*plan, "KILL" + std::to_string(n % 7), journal, clock, *engine);
      if (!controller) fail("begin: " + controller.error().message);
      committed.follow(controller.value()->session_id(), 0);
      say("begun " + controller.value()->session_id());
    }
    committed.report();
    run_session(*controller.value(), *engine, clock, committed, random, pacer, session_seconds_done);
  }
}
