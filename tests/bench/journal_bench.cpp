// The many-sessions benchmark's helper (tests/bench/journal_sessions.sh).
//
//   journal_bench fill DATA_DIR PLAN SESSIONS   writes SESSIONS past sessions of PLAN
//   journal_bench time DATA_DIR ID RUNS         times, in this process, what the review view
//                                               does: list the sessions, read and fold one
//
// fill writes through the journal's own append(), so every row, the sessions table and its
// trigger are exactly what a real session leaves. The phase, marker and reminder events come
// from the real timeline (decide/reduce on the plan, with a simulated clock); the track events
// have the fields the controller records, for tracks of 3-7 minutes. Sessions are about three
// hours, for 250 clients, one every 16 hours of wall time. synchronous is turned OFF for the
// fill only (a crash would just mean filling again): 2,000 fsynced sessions would take an hour.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/wall_time.h"
#include "journal/journal.h"
#include "journal/session_record.h"
#include "session/plan.h"
#include "session/timeline.h"

using namespace holdspace;
using journal::Event;
using journal::EventType;
using session::Command;
using session::Nanos;

namespace {

// A command with no arguments.
Command command_of(Command::Type type) {
  Command command;
  command.type = type;
  return command;
}

constexpr Nanos kSecond = 1'000'000'000;
constexpr Nanos kMinute = 60 * kSecond;

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "journal_bench: %s\n", why.c_str());
  std::exit(1);
}

nlohmann::json plan_snapshot(const session::Plan& plan, const std::string& client) {
  nlohmann::json phases = nlohmann::json::array();
  for (const auto& phase : plan.phases) phases.push_back({{"name", phase.name}, {"minutes", phase.minutes}});
  return {{"plan_name", plan.name},       {"plan_path", std::filesystem::absolute(plan.source).string()},
          {"plan_toml", plan.toml_text},  {"client", client},
          {"planned_minutes", plan.planned_minutes()}, {"phases", phases}};
}

// One past session, written event by event as the controller would have written it.
class SessionWriter {
 public:
  SessionWriter(journal::Journal& journal, const session::Plan& plan, std::string id,
                std::chrono::system_clock::time_point start, std::mt19937& random)
      : journal_(journal), plan_(plan), timeline_(plan), state_(timeline_.initial_state()), id_(std::move(id)),
        start_(start), random_(random) {}

  void record(EventType type, nlohmann::json payload, Nanos at) {
    Event event;
    event.session_id = id_;
    event.type = type;
    event.payload = std::move(payload);
    const auto wall = start_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                   std::chrono::nanoseconds(at));
    event.wall_time_utc = iso_utc(wall);
    event.utc_offset_minutes = 60;
    event.session_ns = at;
    auto written = journal_.append(event);
    if (!written) fail(written.error().message);
    timeline_.reduce(state_, event);
  }

  // A command decided by the real timeline; its events recorded. Refusals are dropped.
  void command(const Command& command, Nanos at) {
    for (auto& event : timeline_.decide(state_, command, at).events) record(event.type, event.payload, at);
  }

  void run(const std::string& client) {
    record(EventType::SessionStarted, plan_snapshot(plan_, client), 0);
    Nanos now = 0;
    command(command_of(Command::Type::Start), now);
    const auto minutes = [&](double low, double high) {
      return Nanos(std::uniform_real_distribution<double>(low, high)(random_) * double(kMinute));
    };
    // The therapist's moves, by phase: vitals before dosing, the dose, a booster now and then,
    // vitals at +40 min, notes, talking, a reminder acknowledged a little after it shows.
    std::vector<std::pair<Nanos, Command>> moves;
    const auto marker = [](const std::string& kind) {
      Command c = command_of(Command::Type::Marker);
      c.marker = kind;
      return c;
    };
    const auto vitals = [&] {
      Command c = marker("vitals");
      c.vitals = {int(110 + random_() % 40), int(65 + random_() % 20), int(58 + random_() % 40), int(95 + random_() % 5)};
      return c;
    };
    const auto note = [&] {
      Command c = marker("note");
      static const char* texts[] = {"client settled, breathing slowly", "asked for a blanket",
                                    "tearful, then calm; said the music helped", "brief nausea, passed",
                                    "spoke about her father; hold for integration"};
      c.text = texts[random_() % 5];
      return c;
    };
    Nanos at = 0;
    for (std::size_t p = 0; p < plan_.phases.size(); ++p) {
      const Nanos length = Nanos(plan_.phases[p].minutes * double(kMinute)) + minutes(-2, 6);
      if (p == 1) moves.push_back({at + minutes(8, 12), vitals()});
      if (p == 2) {
        moves.push_back({at + minutes(1, 3), marker("dose")});
        moves.push_back({at + minutes(41, 44), vitals()});
        if (random_() % 3 == 0) moves.push_back({at + minutes(50, 60), marker("booster")});
      }
      if (p + 1 == plan_.phases.size()) moves.push_back({at + length - minutes(3, 6), vitals()});
      for (int n = int(random_() % 3); n > 0; --n) moves.push_back({at + minutes(1, 20), note()});
      for (int n = int(random_() % 3); n > 0; --n) {
        const Nanos talk = at + minutes(1, 15);
        moves.push_back({talk, command_of(Command::Type::Talk)});
        moves.push_back({talk + minutes(0.5, 3), command_of(Command::Type::Talk)});
      }
      at += length;
      moves.push_back({at, p + 1 < plan_.phases.size() ? command_of(Command::Type::Advance) : command_of(Command::Type::End)});
    }
    std::stable_sort(moves.begin(), moves.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    // Time runs in 5-second steps; moves, reminders, acknowledgements and tracks fall on them.
    std::size_t next_move = 0;
    int phase_playing = -1;
    int entry = 0;
    Nanos track_ends = 0;
    while (!state_.ended) {
      now += 5 * kSecond;
      if (state_.current.phase != phase_playing) {  // a new phase: its first track
        if (phase_playing >= 0) end_track(phase_playing, entry, now);
        phase_playing = state_.current.phase;
        entry = -1;
        track_ends = now;
      }
      if (now >= track_ends) {
        if (entry >= 0) end_track(phase_playing, entry, now);
        ++entry;
        track_ends = now + start_track(phase_playing, entry, now);
      }
      command(command_of(Command::Type::Tick), now);
      for (std::size_t r = 0; r < state_.reminders.size(); ++r) {
        if (state_.reminders[r].shown && !state_.reminders[r].acknowledged && random_() % 6 == 0) {
          Command acknowledge = command_of(Command::Type::AcknowledgeReminder);
          acknowledge.reminder = int(r);
          command(acknowledge, now);
        }
      }
      while (next_move < moves.size() && moves[next_move].first <= now) command(moves[next_move++].second, now);
    }
    end_track(phase_playing, entry, now + 8 * kSecond);  // faded out under session_ended
  }

 private:
  Nanos start_track(int phase, int entry, Nanos at) {
    const double seconds = std::uniform_real_distribution<double>(180, 420)(random_);
    const int number = 1 + int(random_() % 60);
    const std::string title = "Track " + std::to_string(number);
    record(EventType::TrackStarted,
           {{"phase", phase},
            {"entry", entry},
            {"path", "/home/therapist/Music/KAP/" + std::to_string(number) + " - " + title + ".flac"},
            {"title", title},
            {"line", entry + 2},
            {"offset_seconds", 0.0},
            {"duration_seconds", seconds},
            {"gain_db", std::uniform_real_distribution<double>(-9, 3)(random_)}},
           at);
    played_from_ = at;
    return Nanos(seconds * double(kSecond));
  }
  void end_track(int phase, int entry, Nanos at) {
    record(EventType::TrackEnded,
           {{"phase", phase}, {"entry", entry}, {"path", "/home/therapist/Music/KAP/track.flac"},
            {"played_seconds", double(at - played_from_) / double(kSecond)}},
           at);
  }

  journal::Journal& journal_;
  const session::Plan& plan_;
  session::Timeline timeline_;
  session::TimelineState state_;
  std::string id_;
  std::chrono::system_clock::time_point start_;
  std::mt19937& random_;
  Nanos played_from_ = 0;
};

int fill(const std::filesystem::path& data_dir, const std::filesystem::path& plan_file, int sessions) {
  auto plan = session::load_plan(plan_file);
  if (!plan) fail(plan.error().message);
  auto opened = journal::Journal::open(data_dir);
  if (!opened) fail(opened.error().message);
  journal::Journal& journal = **opened;
  if (!journal.sessions().empty()) fail(data_dir.string() + " already holds sessions");
  if (auto off = journal.diagnostic_pragma("synchronous = OFF"); !off) fail(off.error().message);

  std::mt19937 random(2026);
  auto start = std::chrono::system_clock::from_time_t(1'700'000'000);  // November 2023
  for (int s = 0; s < sessions; ++s) {
    char client[8];
    std::snprintf(client, sizeof client, "K%03d", 1 + int(random() % 250));
    char stamp[32];
    const std::time_t t = std::chrono::system_clock::to_time_t(start);
    std::tm utc{};
    ::gmtime_r(&t, &utc);
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    SessionWriter(journal, plan->plan, std::string(stamp) + "-" + client, start, random).run(client);
    start += std::chrono::hours(16);
    if ((s + 1) % 200 == 0) std::fprintf(stderr, "  %d sessions written\n", s + 1);
  }
  (void)journal.diagnostic_pragma("wal_checkpoint");
  return 0;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int time_review(const std::filesystem::path& data_dir, const std::string& id, int runs) {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::vector<double> open_ms, list_ms, read_ms;
  std::size_t listed = 0, events = 0;
  for (int run = 0; run < runs; ++run) {
    const auto t0 = Clock::now();
    auto opened = journal::Journal::open(data_dir);
    if (!opened) fail(opened.error().message);
    const auto t1 = Clock::now();
    listed = opened.value()->sessions().size();
    const auto t2 = Clock::now();
    auto read = opened.value()->events(id);
    if (!read) fail(read.error().message);
    const auto record = journal::build_session_record(read.value());
    events = read->size();
    const auto t3 = Clock::now();
    open_ms.push_back(ms(t1 - t0));
    list_ms.push_back(ms(t2 - t1));
    read_ms.push_back(ms(t3 - t2));
  }
  std::printf("in-process, median of %d: open %.2f ms, list %zu sessions %.2f ms, read and fold %zu events %.2f ms\n",
              runs, median(open_ms), listed, median(list_ms), events, median(read_ms));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "fill" && argc == 5) return fill(argv[2], argv[3], std::atoi(argv[4]));
  if (mode == "time" && argc == 5) return time_review(argv[2], argv[3], std::atoi(argv[4]));
  std::fprintf(stderr, "usage: %s fill DATA_DIR PLAN SESSIONS | time DATA_DIR ID RUNS\n", argv[0]);
  return 64;
}
