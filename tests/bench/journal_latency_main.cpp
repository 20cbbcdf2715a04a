// Benchmark: how long one journal event takes to become durable (append plus commit, WAL with
// synchronous = FULL), on the disk the data folder is on. The peer is SQLite itself: one row per
// transaction into a plain table with the same pragmas, in a second file beside it, which is
// the floor for any durable append on that disk.
//
// usage: holdspace_journal_latency DATA_DIR [EVENTS]
// Prints the median, 99th percentile and worst of each, and the ratio of the medians.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "journal/journal.h"

using namespace holdspace;
using Clock = std::chrono::steady_clock;

namespace {

struct Figures {
  double median_ms = 0.0;
  double p99_ms = 0.0;
  double worst_ms = 0.0;
};

Figures figures_of(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * 0.99))], ms.back()};
}

template <typename Work>
double time_ms(Work work) {
  const auto began = Clock::now();
  work();
  return std::chrono::duration<double, std::milli>(Clock::now() - began).count();
}

journal::Event vitals_event(const std::string& session, int i) {
  journal::Event event;
  event.session_id = session;
  event.wall_time_utc = "2026-11-22T03:00:00.000Z";
  event.session_ns = std::int64_t(i) * 1'000'000'000;
  event.type = journal::EventType::Marker;
  event.payload = {{"kind", "vitals"}, {"systolic", 120 + i % 10}, {"diastolic", 80}, {"heart_rate", 70}};
  return event;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR [EVENTS]\n", argv[0]);
    return 64;
  }
  const std::filesystem::path dir = argv[1];
  const int count = argc > 2 ? std::atoi(argv[2]) : 1000;
  std::filesystem::create_directories(dir);

  auto opened = journal::Journal::open(dir);
  if (!opened) {
    std::fprintf(stderr, "holdspace_journal_latency: %s\n", opened.error().message.c_str());
    return 1;
  }
  journal::Journal& store = *opened.value();
  const std::string session = "20261122T030000Z-BENCH" + std::to_string(::getpid());
  journal::Event started;
  started.session_id = session;
  started.wall_time_utc = "2026-11-22T03:00:00.000Z";
  started.type = journal::EventType::SessionStarted;
  started.payload = {{"client", "BENCH"}, {"plan_name", "Bench"}, {"planned_minutes", 180}};
  if (!store.append(started)) return 1;
  std::vector<double> ours;
  for (int i = 1; i <= count; ++i) {
    bool ok = true;
    ours.push_back(time_ms([&] { ok = store.append(vitals_event(session, i)).ok(); }));
    if (!ok) return 1;
  }

  sqlite3* db = nullptr;
  const std::string peer_file = (dir / "peer.sqlite").string();
  std::filesystem::remove(peer_file);
  if (sqlite3_open(peer_file.c_str(), &db) != SQLITE_OK) return 1;
  sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                   "CREATE TABLE events (session_id TEXT, sequence INTEGER, wall_time_utc TEXT, session_ns INTEGER,"
                   " type TEXT, payload TEXT, PRIMARY KEY (session_id, sequence))",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?, ?, ?, ?, 'marker', ?)", -1, &insert, nullptr);
  std::vector<double> peer;
  for (int i = 1; i <= count; ++i) {
    const std::string payload = vitals_event(session, i).payload.dump();
    peer.push_back(time_ms([&] {
      sqlite3_bind_text(insert, 1, session.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(insert, 2, i);
      sqlite3_bind_text(insert, 3, "2026-11-22T03:00:00.000Z", -1, SQLITE_STATIC);
      sqlite3_bind_int64(insert, 4, std::int64_t(i) * 1'000'000'000);
      sqlite3_bind_text(insert, 5, payload.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }));
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  std::filesystem::remove(peer_file);

  const Figures a = figures_of(ours);
  const Figures b = figures_of(peer);
  std::printf("journal append+commit, %d events on %s: median %.3f ms, 99th percentile %.3f ms, worst %.3f ms\n",
              count, dir.c_str(), a.median_ms, a.p99_ms, a.worst_ms);
  std::printf("plain SQLite insert+commit (same pragmas):      median %.3f ms, 99th percentile %.3f ms, worst %.3f ms\n",
              b.median_ms, b.p99_ms, b.worst_ms);
  std::printf("ratio of medians %.2f (journal / plain SQLite)\n", a.median_ms / b.median_ms);
  return 0;
}
