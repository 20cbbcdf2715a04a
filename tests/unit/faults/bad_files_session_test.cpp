// Issue 6: bad files in the middle of a session's playlist. Every kind a therapist's music
// folder really gets sits between good tracks; each must be skipped with a crossfade into the
// next track and a note in the journal, and the client must never hear more than the crossfade
// plus a second of silence. The session runs through the real controller, a real SQLite
// journal and the engine, rendered to a WAV file that the test then listens to.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "bad_files.h"
#include "heard.h"
#include "journal/journal.h"
#include "session_to_wav.h"
#include "support/test_audio.h"
#include "without_read_override.h"

using namespace holdspace;

namespace {

constexpr double kCrossfadeSeconds = 2.0;
constexpr double kGoodSeconds = 4.0;

struct GoodTrack {
  std::string name;
  double hz;
};

struct BadTrack {
  std::string name;
  std::string reason;          // what the journal's note must say (a regular expression)
  double hz = 0.0;             // for one that holds some audio: its tone
  double heard_seconds = 0.0;  // how long at least it must be the loudest tone; 0 = never heard
};

// Every good track is a different tone, in a mix of formats and rates.
std::vector<GoodTrack> good_tracks() {
  return {{"g0.ogg", 220}, {"g1.flac", 262}, {"g2.wav", 294}, {"g3.ogg", 330}, {"g4.flac", 370},
          {"g5.wav", 415}, {"g6.ogg", 466}, {"g7.flac", 523}, {"g8.wav", 587}};
}

std::vector<BadTrack> bad_tracks() {
  // cut.flac decodes for about 7.8 s, more than an engine ring holds (5.5 s), so decoding fails
  // while it plays, not before it starts: it must play on to that point, then crossfade (2 s).
  // promises.wav holds 2 s: its crossfades are cut to half its length, leaving about 1 s.
  return {{"missing.ogg", "file not found"},
          // Where the cut falls decides whether the decoder reports an error or just runs out.
          {"cut.flac", "stopped decoding at 7\\.[0-9] s|ends [0-9.]+ s before its header says", 698, 5.0},
          {"empty.wav", "not an audio file .*the file is empty"},
          {"notes.ogg", "not an audio file .*format not recognised"},
          {"promises.wav", "cut short", 784, 0.5},
          {"album.m4a", "not an audio file .*format not recognised"},
          {"noise.mp3", "not an audio file .*format not recognised"},
          {"locked.flac", "cannot read: Permission denied", 880}};
}

void write_good(const std::filesystem::path& path, double hz) {
  const std::string extension = path.extension().string();
  const int rate = extension == ".flac" ? 48000 : 44100;
  const int format = extension == ".ogg"    ? SF_FORMAT_OGG | SF_FORMAT_VORBIS
                     : extension == ".flac" ? SF_FORMAT_FLAC | SF_FORMAT_PCM_16
                                            : SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  test::write_audio(path, format, rate, 2, std::int64_t(kGoodSeconds * rate), test::sine(hz, rate, 0.3f));
}

void write_bad_files(const test::TempDir& dir) {
  test::write_cut_flac(dir / "cut.flac", 698, 16.0);
  test::write_empty_file(dir / "empty.wav");
  test::write_text_file(dir / "notes.ogg");
  test::write_overpromising_wav(dir / "promises.wav", 784, 2.0, 60.0);
  test::write_mp4_container(dir / "album.m4a");
  test::write_random_bytes(dir / "noise.mp3", 100 * 1024);
  test::write_locked_flac(dir / "locked.flac", 880, kGoodSeconds);
}

// good, bad, good, bad, ... good: every bad file has a good track on each side.
void write_session(const test::TempDir& dir) {
  const auto good = good_tracks();
  const auto bad = bad_tracks();
  std::ofstream list(dir / "music.m3u8");
  list << "#EXTM3U\n";
  for (std::size_t i = 0; i < good.size(); ++i) {
    write_good(dir / good[i].name, good[i].hz);
    list << good[i].name << "\n";
    if (i < bad.size()) list << bad[i].name << "\n";
  }
  write_bad_files(dir);
  std::ofstream(dir / "plan.toml") << "name = \"Bad files\"\n"
                                      "[[phase]]\n"
                                      "name = \"Journey\"\n"
                                      "minutes = 5\n"
                                      "playlist = \"music.m3u8\"\n"
                                      "at_playlist_end = \"silence\"\n"
                                      "volume_db = 0\n"
                                      "fade_in_seconds = 1\n"
                                      "track_crossfade_seconds = "
                                   << kCrossfadeSeconds << "\n";
}

// What should be heard, in order: the good tracks, and the bad ones that hold some audio.
std::vector<double> expected_tones() {
  std::vector<double> tones;
  const auto good = good_tracks();
  const auto bad = bad_tracks();
  for (std::size_t i = 0; i < good.size(); ++i) {
    tones.push_back(good[i].hz);
    if (i < bad.size() && bad[i].heard_seconds > 0) tones.push_back(bad[i].hz);
  }
  return tones;
}

std::vector<double> all_tones() {
  std::vector<double> tones;
  for (const auto& track : good_tracks()) tones.push_back(track.hz);
  for (const auto& track : bad_tracks()) {
    if (track.hz > 0) tones.push_back(track.hz);
  }
  return tones;
}

std::string describe(const std::vector<test::HeardRun>& runs, const std::vector<double>& tones) {
  std::ostringstream text;
  for (const auto& run : runs) {
    text << (run.tone >= 0 ? std::to_string(int(tones[std::size_t(run.tone)])) + " Hz" : "silence") << " at "
         << run.start_seconds << " s for " << run.seconds << " s\n";
  }
  return text.str();
}

}  // namespace

TEST_CASE("bad files in the middle of a session are skipped with a crossfade and a journaled note, "
          "and the silence never outlasts the crossfade plus 1 s",
          "[faults]") {
  test::TempDir dir("holdspace-faults");
  write_session(dir);
  const auto data_dir = dir / "data";
  const auto wav = dir / "heard.wav";

  // The session runs in a child that, even as root, may not read locked.flac.
  const int child = test::run_without_read_override([&] {
    if (!test::cannot_read(dir / "locked.flac")) return 91;
    auto id = test::render_session_to_wav(dir / "plan.toml", data_dir, wav, 120.0);
    if (!id) {
      std::fprintf(stderr, "%s\n", id.error().message.c_str());
      return 92;
    }
    std::ofstream(dir / "session-id") << id.value();
    return 0;
  });
  INFO("child: 90 = could not give up the capabilities, 91 = locked.flac still readable, 92 = session failed");
  REQUIRE(child == 0);
  std::string session_id;
  std::ifstream(dir / "session-id") >> session_id;

  const auto heard = test::read_audio(wav);
  const auto tones = all_tones();
  const auto runs = test::tone_runs(heard, tones);
  INFO("heard:\n" << describe(runs, tones));

  {  // no silence longer than the crossfade plus 1 s while the music plays
    const test::HeardRun music = test::sounding_span(heard);
    REQUIRE(music.seconds > 25.0);
    double longest = 0.0;
    for (const auto& silence : test::silent_runs(heard)) {
      if (silence.start_seconds < music.start_seconds || silence.end_seconds() > music.end_seconds()) continue;
      longest = std::max(longest, silence.seconds);
    }
    INFO("longest silence inside the music: " << longest << " s");
    CHECK(longest <= kCrossfadeSeconds + 1.0);
  }

  {  // every good track is heard, in order, and what a broken file holds plays before it is skipped
    std::vector<double> order;
    for (const auto& run : runs) {
      if (run.tone >= 0 && run.seconds >= 0.25) order.push_back(tones[std::size_t(run.tone)]);
    }
    CHECK(order == expected_tones());
    // Each one long enough: a good track for all but its crossfades, a broken one for what it holds.
    for (const auto& run : runs) {
      if (run.seconds < 0.25) continue;
      const double hz = tones[std::size_t(run.tone)];
      double at_least = kGoodSeconds - kCrossfadeSeconds - 0.3;
      for (const auto& bad : bad_tracks()) {
        if (bad.hz == hz) at_least = bad.heard_seconds;
      }
      INFO(hz << " Hz for " << run.seconds << " s");
      CHECK(at_least > 0);  // locked.flac: it could not be read, so it must never be heard
      CHECK(run.seconds >= at_least);
    }
  }

  {  // each bad file has one note in the journal: the file named and why
    auto journal = journal::Journal::open(data_dir);
    REQUIRE(journal.ok());
    const auto events = journal.value()->events(session_id);
    REQUIRE(events.ok());
    std::string record;
    for (const auto& event : events.value()) {
      record += std::to_string(double(event.session_ns) / 1e9) + " " + std::string(journal::to_string(event.type)) +
                " " + event.payload.dump() + "\n";
    }
    INFO("journal:\n" << record);

    for (const auto& bad : bad_tracks()) {
      INFO(bad.name);
      std::vector<journal::Event> notes;
      std::optional<std::int64_t> ended_at;
      for (const auto& event : events.value()) {
        if (event.payload.value("path", std::string()) != (dir / bad.name).string()) continue;
        if (event.type == journal::EventType::TrackSkipped) notes.push_back(event);
        if (event.type == journal::EventType::TrackEnded) ended_at = event.session_ns;
      }
      REQUIRE(notes.size() == 1);
      const std::string reason = notes[0].payload.value("reason", std::string());
      CHECK(std::regex_search(reason, std::regex(bad.reason)));
      CHECK(reason.find(bad.name) != std::string::npos);
      CHECK(reason.find('\n') == std::string::npos);
      // One that broke off while playing is noted as it ends, when the client hears it go.
      if (bad.heard_seconds > 0) CHECK(ended_at == notes[0].session_ns);
    }

    std::vector<std::string> started;
    for (const auto& event : events.value()) {
      if (event.type != journal::EventType::TrackStarted) continue;
      started.push_back(std::filesystem::path(event.payload.value("path", std::string())).filename().string());
    }
    std::vector<std::string> expected_started;
    const auto good = good_tracks();
    const auto bad = bad_tracks();
    for (std::size_t i = 0; i < good.size(); ++i) {
      expected_started.push_back(good[i].name);
      if (i < bad.size() && bad[i].heard_seconds > 0) expected_started.push_back(bad[i].name);
    }
    CHECK(started == expected_started);
  }
}
