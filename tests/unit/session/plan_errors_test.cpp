// Plans that must be refused: TOML syntax, unknown keys, missing or wrong values in the plan and
// its phases. Each error is one line, "<file>:<line>: <what> (<what to do>)"; PlanFolder::error_of
// checks the file prefix, and these tests check the line and the words.
#include <catch2/catch.hpp>

#include "plan_test_support.h"

using holdspace::session::test::kOnePhase;
using holdspace::session::test::kPlanHead;
using holdspace::session::test::PlanFolder;
using holdspace::session::test::write_file;

namespace {

// A phase with the given extra lines, starting at line 2 of the plan: [[phase]] on 2, name on 3,
// minutes on 4, playlist on 5, the extra lines from 6.
std::string phase_with(const std::string& extra) { return kPlanHead + kOnePhase + extra; }

}  // namespace

TEST_CASE("plan errors: TOML syntax, with toml++'s line", "[plan]") {
  PlanFolder folder;
  const std::string unclosed = folder.error_of(kPlanHead + "[[phase]]\nname = \"Calm\nminutes = 10\n");
  CHECK(unclosed.starts_with("3: "));
  CHECK(unclosed.ends_with(" (fix the TOML on that line)"));

  const std::string twice = folder.error_of(kPlanHead + kOnePhase + "minutes = 12\n");
  CHECK(twice.starts_with("6: "));
  CHECK(twice.find("minutes") != std::string::npos);
}

TEST_CASE("plan errors: unknown keys, with the nearest known key", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead +
                        "[[phase]]\nname = \"Calm\"\nminuts = 10\nplaylist = \"music/calm.m3u8\"\n") ==
        "4: unknown key 'minuts' (did you mean 'minutes'?)");
  CHECK(folder.error_of("nmae = \"Test\"\n" + kOnePhase) == "1: unknown key 'nmae' (did you mean 'name'?)");
  CHECK(folder.error_of(phase_with("fade_in = 2\n")) ==
        "6: unknown key 'fade_in' (did you mean 'fade_in_seconds'?)");
  CHECK(folder.error_of(kPlanHead + "[[phases]]\nname = \"Calm\"\nminutes = 10\n") ==
        "2: unknown key 'phases' (did you mean 'phase'?)");
  CHECK(folder.error_of(phase_with("[[reminder]]\ntext = \"BP\"\nmarker = \"dose\"\naftr_minutes = 40\n")) ==
        "9: unknown key 'aftr_minutes' (did you mean 'after_minutes'?)");
}

TEST_CASE("plan errors: an unknown key with nothing near lists the keys allowed there", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(phase_with("colour = \"blue\"\n")) ==
        "6: unknown key 'colour' (known keys here: name, minutes, playlist, at_playlist_end, at_time_up, "
        "volume_db, fade_in_seconds, bell, crossfade_seconds, track_crossfade_seconds)");
  CHECK(folder.error_of(phase_with("[phase.extra]\nx = 1\n")) ==
        "6: unknown key 'extra' (known keys here: name, minutes, playlist, at_playlist_end, at_time_up, "
        "volume_db, fade_in_seconds, bell, crossfade_seconds, track_crossfade_seconds)");
}

TEST_CASE("plan errors: a right key in the wrong section says where it belongs", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead + "minutes = 10\n" + kOnePhase) ==
        "2: unknown key 'minutes' (it belongs in a [[phase]])");
  // TOML puts a key written below [[phase]] into that phase: the commonest slip of all.
  CHECK(folder.error_of(phase_with("max_volume_db = -3\n")) ==
        "6: unknown key 'max_volume_db' (it belongs at the top of the plan, above the first [[phase]])");
  CHECK(folder.error_of(phase_with("marker = \"dose\"\n")) ==
        "6: unknown key 'marker' (it belongs in a [[reminder]])");
}

TEST_CASE("plan errors: the plan's name", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kOnePhase) == "1: the plan has no name (add name = \"...\" at the top of the plan)");
  CHECK(folder.error_of("name = \"  \"\n" + kOnePhase) ==
        "1: the plan's name is empty (give the plan a name)");
  CHECK(folder.error_of("name = 5\n" + kOnePhase) == "1: name must be text (put it in double quotes)");
}

TEST_CASE("plan errors: no phases", "[plan]") {
  PlanFolder folder;
  const std::string none = "1: the plan has no phases (add at least one [[phase]] with a name and minutes)";
  CHECK(folder.error_of(kPlanHead) == none);
  CHECK(folder.error_of(kPlanHead + "\n# nothing yet\n") == none);
  CHECK(folder.error_of(kPlanHead + "phase = []\n") ==
        "2: the plan has no phases (add at least one [[phase]] with a name and minutes)");
  CHECK(folder.error_of(kPlanHead + "[phase]\nname = \"Calm\"\nminutes = 10\n") ==
        "2: phase must be a list of [[phase]] tables (start each phase with a [[phase]] line, in double "
        "brackets)");
  CHECK(folder.error_of(kPlanHead + "phase = \"Calm\"\n") ==
        "2: phase must be a list of [[phase]] tables (start each phase with a [[phase]] line, in double "
        "brackets)");
}

TEST_CASE("plan errors: a phase without its name or minutes", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead + "[[phase]]\nminutes = 10\nplaylist = \"music/calm.m3u8\"\n") ==
        "2: phase 1 has no name (add name = \"...\")");
  CHECK(folder.error_of(kPlanHead + kOnePhase + "[[phase]]\nminutes = 10\n") ==
        "6: phase 2 has no name (add name = \"...\")");
  CHECK(folder.error_of(kPlanHead + "[[phase]]\nname = \"Calm\"\nplaylist = \"music/calm.m3u8\"\n") ==
        "2: phase 'Calm' has no minutes (add minutes = ..., the phase's planned length)");
  CHECK(folder.error_of(kPlanHead + "[[phase]]\nname = \"\"\nminutes = 10\n") ==
        "3: phase name is empty (give the phase a name)");
}

TEST_CASE("plan errors: minutes that are not a planned length", "[plan]") {
  PlanFolder folder;
  const auto with_minutes = [](const std::string& value) {
    return kPlanHead + "[[phase]]\nname = \"Calm\"\nminutes = " + value +
           "\nplaylist = \"music/calm.m3u8\"\n";
  };
  CHECK(folder.error_of(with_minutes("0")) ==
        "4: minutes must be more than 0, not 0 (give the phase's planned length in minutes)");
  CHECK(folder.error_of(with_minutes("-5")) ==
        "4: minutes must be more than 0, not -5 (give the phase's planned length in minutes)");
  CHECK(folder.error_of(with_minutes("721")) ==
        "4: minutes is 721, more than 12 hours (give the phase's planned length in minutes)");
  CHECK(folder.error_of(with_minutes("\"20\"")) == "4: minutes must be a number (write it without quotes)");
  CHECK(folder.error_of(with_minutes("true")) ==
        "4: minutes must be a number (write a plain number, e.g. 20)");
  CHECK(folder.error_of(with_minutes("nan")) ==
        "4: minutes must be a finite number (nan and inf are not allowed)");
  CHECK(folder.error_of(with_minutes("inf")) ==
        "4: minutes must be a finite number (nan and inf are not allowed)");
}

TEST_CASE("plan errors: two phases with one name", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead + kOnePhase + "[[phase]]\nname = \"calm\"\nminutes = 5\n") ==
        "7: a phase named 'Calm' already exists at line 2 (give each phase its own name)");
}

TEST_CASE("plan errors: choices spelt wrong", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(phase_with("at_playlist_end = \"stop\"\n")) ==
        "6: at_playlist_end must be \"loop\" or \"silence\", not \"stop\" (use one of those)");
  CHECK(folder.error_of(phase_with("at_playlist_end = \"loops\"\n")) ==
        "6: at_playlist_end must be \"loop\" or \"silence\", not \"loops\" (did you mean \"loop\"?)");
  CHECK(folder.error_of(phase_with("at_time_up = \"advence\"\n")) ==
        "6: at_time_up must be \"hold\" or \"advance\", not \"advence\" (did you mean \"advance\"?)");
  CHECK(folder.error_of(phase_with("at_time_up = 1\n")) ==
        "6: at_time_up must be text (put it in double quotes)");
}

TEST_CASE("plan errors: loudness, true-peak ceiling, talk depth and fade length out of range", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead + "target_lufs = -5\n" + kOnePhase) ==
        "2: target_lufs must be between -40 and -9, not -5 (every track is matched to this loudness, in LUFS)");
  CHECK(folder.error_of(kPlanHead + "ceiling_dbtp = 0.5\n" + kOnePhase) ==
        "2: ceiling_dbtp must be between -12 and 0, not 0.5 (the output's true peak never passes it, in dBTP)");
  CHECK(folder.error_of(kPlanHead + "talk_duck_db = 6\n" + kOnePhase) ==
        "2: talk_duck_db must be between -40 and -3, not 6 (Talk lowers the music by this many dB)");
  CHECK(folder.error_of(kPlanHead + "fade_out_seconds = 0\n" + kOnePhase) ==
        "2: fade_out_seconds must be between 1 and 120, not 0 (Fade out takes this long)");
  CHECK(folder.error_of(kPlanHead + "target_lufs = \"loud\"\n" + kOnePhase).find("target_lufs must be a number") !=
        std::string::npos);
}

TEST_CASE("plan errors: volumes above the ceiling, and a ceiling above 0 dB", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead + "max_volume_db = -6\n" + "[[phase]]\nname = \"Calm\"\nminutes = 10\n" +
                        "playlist = \"music/calm.m3u8\"\nvolume_db = -3\n") ==
        "7: volume_db -3 is above the plan's max_volume_db -6 (lower volume_db, or raise max_volume_db)");
  CHECK(folder.error_of(phase_with("volume_db = 2\n")) ==
        "6: volume_db 2 is above the plan's max_volume_db 0 (lower volume_db, or raise max_volume_db)");
  CHECK(folder.error_of(kPlanHead + "max_volume_db = 3\n" + kOnePhase) ==
        "2: max_volume_db must be between -60 and 0, not 3 (it is the fader's ceiling in dB below full scale)");
  CHECK(folder.error_of(phase_with("volume_db = -70\n")) ==
        "6: volume_db -70 is below -60 dB, too quiet to hear (raise it, or leave out the playlist for a "
        "silent phase)");
  CHECK(folder.error_of(phase_with("volume_db = \"-6 dB\"\n")) ==
        "6: volume_db must be a number (write it without quotes)");
}

TEST_CASE("plan errors: negative or absurd seconds", "[plan]") {
  PlanFolder folder;
  for (const char* key : {"fade_in_seconds", "crossfade_seconds", "track_crossfade_seconds"}) {
    INFO(key);
    CHECK(folder.error_of(phase_with(std::string(key) + " = -1\n")) ==
          "6: " + std::string(key) + " must be 0 or more, not -1 (give it in seconds)");
    CHECK(folder.error_of(phase_with(std::string(key) + " = 900\n")) ==
          "6: " + std::string(key) + " is 900 s, more than 10 minutes (give it in seconds)");
  }
}

TEST_CASE("plan errors: a phase's playlist", "[plan]") {
  PlanFolder folder;
  const auto with_playlist = [](const std::string& path) {
    return kPlanHead + "[[phase]]\nname = \"Calm\"\nminutes = 10\nplaylist = \"" + path + "\"\n";
  };
  CHECK(folder.error_of(with_playlist("music/none.m3u8")) ==
        "5: playlist not found: " + (folder / "music/none.m3u8").string() +
            " (paths are relative to the plan's folder)");
  CHECK(folder.error_of(with_playlist("")) == "5: playlist is empty (leave the key out for a silent phase)");

  write_file(folder / "music/notes.txt", "buy milk\nmusic/a.ogg\n");
  CHECK(folder.error_of(with_playlist("music/notes.txt")) ==
        "5: " + (folder / "music/notes.txt").string() +
            ": not a playlist holdspace can read (use .m3u8, .pls or .xspf)");

  write_file(folder / "music/gone.m3u8", "#EXTM3U\nmissing-1.ogg\nmissing-2.ogg\n");
  CHECK(folder.error_of(with_playlist("music/gone.m3u8")) ==
        "5: playlist 'music/gone.m3u8' has no track that can be played "
        "(add tracks, or leave the playlist out for a silent phase)");
  write_file(folder / "music/blank.m3u8", "#EXTM3U\n");
  CHECK(folder.error_of(with_playlist("music/blank.m3u8")) ==
        "5: playlist 'music/blank.m3u8' has no track that can be played "
        "(add tracks, or leave the playlist out for a silent phase)");
  CHECK(folder.error_of(with_playlist("music"))
            .starts_with("5: " + (folder / "music").string() + ": is a folder"));
}

TEST_CASE("plan errors: the first problem in the file is the one reported", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead + "[[phase]]\nname = \"Calm\"\nminutes = -1\nvolume_db = 5\n") ==
        "4: minutes must be more than 0, not -1 (give the phase's planned length in minutes)");
  // A misspelt key outranks the "missing" error it causes on the header line above it.
  CHECK(folder.error_of(kPlanHead + "[[phase]]\nnmae = \"Calm\"\nminutes = 10\n") ==
        "3: unknown key 'nmae' (did you mean 'name'?)");
}
