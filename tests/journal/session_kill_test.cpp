// The session kill test: a real process runs sessions through the controller, the journal and
// the engine (session_runner), and is SIGKILLed at random moments (seeded; the seed is printed).
// After every kill the file must pass PRAGMA integrity_check, every session's sequences must run
// 1..n, every event the process acknowledged must be there, and resuming must land on the phase
// the journal last started and on the track and offset the timeline implies, which must also be
// where the killed process's own player would have been by then.
//
// 20 kills here; HOLDSPACE_LONG=1 makes it 100 (tests/long/session_kills.sh), and
// HOLDSPACE_KILLS=N any number. HOLDSPACE_KILL_SEED=S repeats a run.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <random>
#include <string>

#include "control/session_controller.h"
#include "core/wall_time.h"
#include "journal/journal.h"
#include "journal_as_killed.h"
#include "kill_room.h"
#include "runner_report.h"
#include "support/offline_session.h"
#include "support/test_audio.h"

using namespace holdspace;
using journal::Event;
using journal::EventType;
namespace room = test::kill_room;

namespace {

int kills_wanted() {
  if (const char* n = std::getenv("HOLDSPACE_KILLS")) return std::stoi(n);
  if (const char* long_run = std::getenv("HOLDSPACE_LONG"); long_run && std::string(long_run) == "1") return 100;
  return 20;
}

// session -> sequence -> type
using Stored = std::map<std::string, std::map<std::int64_t, std::string>>;

// Everything the file holds, checked as SQLite and as a record, seen as the next run meets it.
Stored stored_events(const std::filesystem::path& file) {
  Stored stored;
  if (!std::filesystem::exists(file)) return stored;
  sqlite3* db = test::open_journal_as_killed(file);
  const auto text = [](sqlite3_stmt* row, int column) {
    const auto* value = sqlite3_column_text(row, column);
    return value ? std::string(reinterpret_cast<const char*>(value)) : std::string();
  };
  const auto query = [&](const char* sql, const std::function<void(sqlite3_stmt*)>& each) {
    sqlite3_stmt* statement = nullptr;
    INFO(sql << ": " << sqlite3_errmsg(db));
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) each(statement);
    CHECK(rc == SQLITE_DONE);
    sqlite3_finalize(statement);
  };
  query("PRAGMA integrity_check", [&](sqlite3_stmt* row) { CHECK(text(row, 0) == "ok"); });
  bool has_events = false;
  query("SELECT count(*) FROM sqlite_schema WHERE name = 'events'",
        [&](sqlite3_stmt* row) { has_events = sqlite3_column_int(row, 0) == 1; });
  if (has_events) {
    query("SELECT session_id, sequence, type FROM events ORDER BY session_id, sequence",
          [&](sqlite3_stmt* row) { stored[text(row, 0)][sqlite3_column_int64(row, 1)] = text(row, 2); });
    // The listing table, kept by a trigger in the same transaction, agrees with the record.
    query("SELECT s.session_id, s.last_sequence, (SELECT max(sequence) FROM events e WHERE e.session_id = s.session_id) "
          "FROM sessions s",
          [&](sqlite3_stmt* row) {
            INFO("sessions row " << text(row, 0));
            CHECK(sqlite3_column_int64(row, 1) == sqlite3_column_int64(row, 2));
          });
  }
  sqlite3_close_v2(db);
  for (const auto& [session, events] : stored) {
    INFO("session " << session);
    CHECK(events.begin()->first == 1);
    CHECK(events.rbegin()->first == std::int64_t(events.size()));  // 1..n, no gap
    CHECK(events.begin()->second == "session_started");
  }
  return stored;
}

// What the kills hit, for the summary.
struct Tally {
  std::map<std::string, int> doing;    // what the process was doing (its last line)
  std::map<std::string, int> playing;  // where the music was
  int unacknowledged_commits = 0;      // stored, but the kill came before the acknowledgement
  int resumes = 0;
  int checked_against_player = 0;
  int between_sessions = 0;
};

std::string doing(const std::string& last_line) {
  if (last_line.empty()) return "starting up";
  if (last_line.rfind("do ", 0) == 0) {
    const auto word_end = last_line.find(' ', 3);
    return "during " + last_line.substr(3, word_end == std::string::npos ? std::string::npos : word_end - 3);
  }
  if (last_line.rfind("ack ", 0) == 0) return "just after a commit";
  // Between polls it only mixes; a poll writes the track events it finds.
  if (last_line.rfind("at ", 0) == 0) return "in the audio loop or a poll";
  if (last_line.rfind("begun ", 0) == 0 || last_line.rfind("resumed ", 0) == 0) return "just after begin/resume";
  return "other: " + last_line.substr(0, 40);
}

std::string playing(const std::optional<test::RunnerAt>& at) {
  if (!at || at->phase < 0) return "no music yet";
  if (at->faded_out) return "faded out";
  if (at->entry < 0) return "silence (playlist ran out, or between phases)";
  const auto& phase = room::room_phases()[std::size_t(at->phase)];
  const double length = phase.durations[std::size_t(at->entry)];
  if (at->position_seconds > length - phase.track_crossfade && phase.track_crossfade > 0) return "in a track crossfade";
  if (at->position_seconds < 1.0 && at->entry == 0) return "first second of a phase (phase crossfade)";
  return "mid-track";
}

// Resumes the journal's unfinished session as the appliance would after the kill, with the
// room quiet for a while, and checks where it lands. Then drops it again (a second crash).
void check_resume(const std::filesystem::path& data_dir, const test::RunnerReport& report,
                  const std::map<std::string, std::int64_t>& last_acked_phase, std::mt19937& random, Tally& tally) {
  auto opened = journal::Journal::open(data_dir);
  REQUIRE(opened.ok());
  journal::Journal& store = **opened;
  const auto unfinished = store.unfinished_session();
  if (!unfinished) {  // killed between one session's end and the next one's start
    ++tally.between_sessions;
    return;
  }
  const std::string id = *unfinished;
  INFO("resuming " << id);
  const std::vector<Event> before = store.events(id).value();
  const Event& last = before.back();

  // What the record says: the phase last started (none: resume starts the first), and whether
  // the music was faded out in it.
  const Event* phase_started = nullptr;
  bool faded = false;
  for (const Event& event : before) {
    CHECK(event.type != EventType::PhaseChangeUndone);  // the script never undoes
    if (event.type == EventType::PhaseStarted) {
      phase_started = &event;
      faded = false;
    }
    if (event.type == EventType::FadeOut) faded = true;
    if (event.type == EventType::FadeIn) faded = false;
  }
  const int phase = phase_started ? phase_started->payload.value("phase", -1) : 0;
  if (const auto acked = last_acked_phase.find(id); acked != last_acked_phase.end()) {
    REQUIRE(phase_started);
    CHECK(phase_started->sequence >= acked->second);  // what the script reached, or a commit beyond it
  }

  // The room is quiet for a while: from the player's last report (the process died soon
  // after) plus up to 8 s more.
  const Event& started = before.front();
  std::optional<std::int64_t> player_ns;
  if (report.last_at && report.last_at->session == id) {
    player_ns = started.session_ns + std::llround(report.last_at->elapsed_seconds * 1e9);
  }
  double gap = std::uniform_real_distribution<double>(0.0, 8.0)(random);
  if (player_ns && *player_ns > last.session_ns) gap += double(*player_ns - last.session_ns) / 1e9;
  const auto last_wall = parse_iso_utc(last.wall_time_utc);
  REQUIRE(last_wall);
  ManualClock clock;
  const auto as_wall = [](double seconds) {
    return std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::duration<double>(seconds));
  };
  clock.set_wall_origin(*last_wall + as_wall(gap) - as_wall(double(clock.monotonic_ns()) / 1e9));
  const double gap_seen = std::chrono::duration<double>(clock.wall() - *last_wall).count();
  const std::int64_t resume_ns = last.session_ns + std::int64_t(gap_seen * 1e9);

  // Where the timeline says the music is at resume_ns: forward from the last track the record
  // shows starting in this phase, or from the phase's start.
  const room::RoomPhase& plan_phase = room::room_phases()[std::size_t(phase)];
  room::Spot expected{faded, 0, 0.0};
  if (phase_started && !faded) {
    int entry = 0;
    double offset = 0.0;
    std::int64_t from_ns = phase_started->session_ns;
    for (auto it = before.rbegin(); it != before.rend() && it->session_ns >= phase_started->session_ns; ++it) {
      if (it->type != EventType::TrackStarted || it->payload.value("phase", -1) != phase) continue;
      entry = it->payload.value("entry", 0);
      offset = it->payload.value("offset_seconds", 0.0);
      from_ns = it->session_ns;
      break;
    }
    expected = room::walk(plan_phase, entry, offset, double(resume_ns - from_ns) / 1e9);
  }
  // The killed player's own last position counts when it was playing this phase's music.
  const bool player_in_phase =
      player_ns && phase_started && !faded && report.last_at->phase == phase && report.last_at->entry >= 0 &&
      !report.last_at->faded_out &&
      std::any_of(before.begin(), before.end(), [&](const Event& e) {
        return e.type == EventType::TrackStarted && e.payload.value("phase", -1) == phase &&
               e.session_ns >= phase_started->session_ns && e.session_ns <= *player_ns;
      });

  audio::AudioEngine engine(audio::EngineConfig{});
  auto resumed = control::SessionController::resume(id, store, clock, engine);
  INFO("gap " << gap_seen << " s; record's last event #" << last.sequence << " " << journal::to_string(last.type));
  REQUIRE(resumed.ok());
  ++tally.resumes;
  CHECK(resumed.value()->snapshot().phase == phase);
  test::play_offline(*resumed.value(), engine, clock, 0.4);

  const std::vector<Event> after = store.events(id).value();
  const auto resumed_event = std::find_if(after.begin(), after.end(), [&](const Event& e) {
    return e.sequence > last.sequence && e.type == EventType::SessionResumed;
  });
  REQUIRE(resumed_event != after.end());
  CHECK(resumed_event->payload.value("gap_seconds", -1.0) == Approx(gap_seen).margin(1e-6));
  const auto track = std::find_if(resumed_event, after.end(), [&](const Event& e) {
    return e.type == EventType::TrackStarted && e.payload.value("phase", -1) == phase;
  });
  INFO("phase " << phase << ": expected " << (expected.silent ? "silence" : "entry " + std::to_string(expected.entry))
                << " at " << expected.offset << " s");
  const std::optional<room::Spot> resumed_spot =
      track == after.end() ? std::nullopt
                           : std::optional(room::Spot{false, track->payload.value("entry", -1),
                                                      track->payload.value("offset_seconds", -1.0)});
  if (expected.silent) {
    CHECK_FALSE(resumed_spot);
  } else {
    REQUIRE(resumed_spot);
    INFO("resumed at entry " << resumed_spot->entry << ", " << resumed_spot->offset << " s");
    CHECK(resumed_spot->entry == expected.entry);
    CHECK(resumed_spot->offset == Approx(expected.offset).margin(0.005));
  }
  if (!player_in_phase) return;

  // From where the killed player was, the music moves on as far as the clock does (perhaps
  // several laps of a looping playlist). A track's start is recorded at the poll after it, up to
  // 4 blocks (85 ms) late, so the timeline may lag the player by that much; a spot that close to
  // the end of a playlist that runs out is not judged.
  const auto& at = *report.last_at;
  const double moved = double(resume_ns - *player_ns) / 1e9;
  const room::Spot truth = room::walk(plan_phase, at.entry, at.position_seconds, moved);
  INFO("the killed player was at entry " << at.entry << ", " << at.position_seconds << " s; " << moved
       << " s of music later: " << (truth.silent ? "silence" : "entry " + std::to_string(truth.entry)) << " at "
       << truth.offset << " s");
  if (room::walk(plan_phase, at.entry, at.position_seconds, moved - 0.1).silent !=
      room::walk(plan_phase, at.entry, at.position_seconds, moved + 0.1).silent) {
    return;
  }
  ++tally.checked_against_player;
  CHECK(truth.silent == expected.silent);
  if (!truth.silent && resumed_spot) CHECK(room::spot_distance(plan_phase, truth, *resumed_spot) <= 0.1);
}

}  // namespace

TEST_CASE("session kill test: SIGKILL a running session at random moments, and it resumes where the record says",
          "[journal][kill][session]") {
  test::TempDir dir("holdspace-session-kill");
  const auto plan = room::write_room(dir / "room");
  const auto data_dir = dir / "holdspace";
  const auto file = data_dir / "journal.sqlite3";
  const int kills = kills_wanted();

  unsigned seed = std::random_device{}();
  if (const char* fixed = std::getenv("HOLDSPACE_KILL_SEED")) seed = static_cast<unsigned>(std::stoul(fixed));
  std::printf("session kill test: %d kills, seed %u (HOLDSPACE_KILL_SEED=%u repeats it)\n", kills, seed, seed);
  std::fflush(stdout);
  INFO("seed " << seed << " (HOLDSPACE_KILL_SEED=" << seed << " repeats this run)");
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_ms(40, 600);
  const double paces[] = {0.0, 10.0, 30.0};  // flat out, or 10x / 30x real time

  Stored acked;  // every acknowledgement so far
  std::map<std::string, std::int64_t> last_acked_phase;
  Tally tally;
  std::size_t acks = 0;
  const auto began = std::chrono::steady_clock::now();
  for (int run = 0; run < kills; ++run) {
    const double pace = paces[random() % 3];
    const auto delay = std::chrono::milliseconds(delay_ms(random));
    INFO("run " << run << ": pace " << pace << ", killed after " << delay.count() << " ms");
    const test::RunnerReport report =
        test::run_and_kill({SESSION_RUNNER, data_dir.string(), plan.string(), std::to_string(random()),
                            std::to_string(pace)},
                           dir / ("run-" + std::to_string(run) + ".log"), delay);
    INFO("its output ends: " << report.log.substr(report.log.size() > 1500 ? report.log.size() - 1500 : 0));
    REQUIRE(report.killed);  // it never stops by itself: an error would show here

    std::map<std::string, std::int64_t> previous;
    for (const auto& ack : report.acks) {
      auto& before = previous[ack.session];
      if (before) CHECK(ack.sequence == before + 1);  // in order, none skipped
      before = ack.sequence;
      acked[ack.session][ack.sequence] = ack.type;
      if (ack.type == "phase_started") last_acked_phase[ack.session] = ack.sequence;
    }
    acks += report.acks.size();

    const Stored stored = stored_events(file);
    for (const auto& [session, events] : acked) {
      INFO("session " << session);
      REQUIRE(stored.count(session) == 1);
      for (const auto& [sequence, type] : events) {
        INFO("acknowledged event " << sequence << " " << type);
        REQUIRE(stored.at(session).count(sequence) == 1);
        CHECK(stored.at(session).at(sequence) == type);
      }
    }
    for (const auto& [session, last] : previous) {
      if (stored.at(session).rbegin()->first > last) ++tally.unacknowledged_commits;
    }
    ++tally.doing[doing(report.last_line)];
    ++tally.playing[playing(report.last_at)];

    check_resume(data_dir, report, last_acked_phase, random, tally);
    // The resume's own events are acknowledged too: the next kill must not lose them.
    for (const auto& [session, events] : stored_events(file)) {
      for (const auto& [sequence, type] : events) acked[session].emplace(sequence, type);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

  std::string summary = std::to_string(kills) + " kills in " + std::to_string(int(seconds)) + " s, seed " +
                        std::to_string(seed) + ": " + std::to_string(acks) + " acknowledged events in " +
                        std::to_string(acked.size()) + " sessions; " + std::to_string(tally.resumes) + " resumes (" +
                        std::to_string(tally.checked_against_player) + " checked against the killed player), " +
                        std::to_string(tally.between_sessions) + " kills between sessions, " +
                        std::to_string(tally.unacknowledged_commits) + " kills after a commit and before its ack\n";
  summary += "  the process was:";
  for (const auto& [what, count] : tally.doing) summary += " " + what + " " + std::to_string(count) + ",";
  summary += "\n  the music was:";
  for (const auto& [what, count] : tally.playing) summary += " " + what + " " + std::to_string(count) + ",";
  WARN(summary);
  CHECK(tally.resumes > kills / 2);
  CHECK(acks > std::size_t(kills) * 5);  // the runner really ran; a broken one would ack nothing
}
