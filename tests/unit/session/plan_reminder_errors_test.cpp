// Plans that must be refused for their reminders or their bell: a reminder needs text, a delay
// and exactly one anchor that exists; a phase may ring the bell only if the plan has one.
#include <catch2/catch.hpp>

#include "plan_test_support.h"

using holdspace::session::test::kOnePhase;
using holdspace::session::test::kPlanHead;
using holdspace::session::test::PlanFolder;
using holdspace::session::test::write_file;

namespace {

// One phase ("Calm", lines 2-5), then a [[reminder]] on line 6 with the given lines from 7.
std::string reminder_with(const std::string& lines) {
  return kPlanHead + kOnePhase + "[[reminder]]\n" + lines;
}

}  // namespace

TEST_CASE("reminder errors: marker and phase, both or neither", "[plan]") {
  PlanFolder folder;
  CHECK(
      folder.error_of(
          reminder_with("text = \"BP\"\nmarker = \"dose\"\nphase = \"Calm\"\nafter_minutes = 40\n")) ==
      "9: the reminder has both marker and phase (keep one: it counts from a marker or from a phase start)");
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nafter_minutes = 40\n")) ==
        "6: the reminder has neither marker nor phase to count from "
        "(add marker = \"dose\" or phase = \"<phase name>\")");
}

TEST_CASE("reminder errors: a marker type or a phase that does not exist", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nmarker = \"doze\"\nafter_minutes = 40\n")) ==
        "8: marker must be \"dose\", \"booster\", \"vitals\" or \"note\", not \"doze\" (did you mean "
        "\"dose\"?)");
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nmarker = \"lunch\"\nafter_minutes = 40\n")) ==
        "8: marker must be \"dose\", \"booster\", \"vitals\" or \"note\", not \"lunch\" (use one of those)");
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nphase = \"Dosing\"\nafter_minutes = 40\n")) ==
        "8: there is no phase named 'Dosing' (use the name of one of the plan's phases)");
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nphase = \"calm\"\nafter_minutes = 4\n")) ==
        "8: there is no phase named 'calm' (did you mean 'Calm'?)");
}

TEST_CASE("reminder errors: text and after_minutes", "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nmarker = \"dose\"\nafter_minutes = -5\n")) ==
        "9: after_minutes must be 0 or more, not -5 (count forward from the marker or phase start)");
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nmarker = \"dose\"\nafter_minutes = 800\n")) ==
        "9: after_minutes is 800, more than 12 hours (give the delay in minutes)");
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nmarker = \"dose\"\nafter_minutes = \"40\"\n")) ==
        "9: after_minutes must be a number (write it without quotes)");
  CHECK(folder.error_of(reminder_with("text = \"BP\"\nmarker = \"dose\"\n")) ==
        "6: the reminder has no after_minutes (add after_minutes = ..., counted from its marker or phase "
        "start)");
  CHECK(folder.error_of(reminder_with("marker = \"dose\"\nafter_minutes = 40\n")) ==
        "6: the reminder has no text (add text = \"...\", what the therapist sees)");
  CHECK(folder.error_of(reminder_with("text = \"\"\nmarker = \"dose\"\nafter_minutes = 40\n")) ==
        "7: the reminder's text is empty (write what the therapist should see)");
  CHECK(folder.error_of(kPlanHead + "reminder = \"BP at 40\"\n" + kOnePhase) ==
        "2: reminder must be a list of [[reminder]] tables "
        "(start each reminder with a [[reminder]] line, in double brackets)");
}

TEST_CASE("bell errors: a phase bell with no plan bell, and a bell file that is missing or not audio",
          "[plan]") {
  PlanFolder folder;
  CHECK(folder.error_of(kPlanHead + kOnePhase + "bell = true\n") ==
        "6: bell = true, but the plan names no bell file (add bell = \"...\" at the top of the plan)");
  CHECK(folder.error_of(kPlanHead + kOnePhase + "bell = \"yes\"\n") ==
        "6: bell must be true or false (write it without quotes)");
  // One mistake, one error: the missing file is named, the phase's bell = true is not blamed.
  CHECK(folder.error_of(kPlanHead + "bell = \"sounds/bell.ogg\"\n" + kOnePhase + "bell = true\n") ==
        "2: bell file not found: " + (folder / "sounds/bell.ogg").string() +
            " (paths are relative to the plan's folder)");
  CHECK(folder.error_of(kPlanHead + "bell = \"\"\n" + kOnePhase) ==
        "2: bell is empty (name an audio file, or leave the key out)");
  CHECK(folder.error_of(kPlanHead + "bell = true\n" + kOnePhase) ==
        "2: bell must be text (put it in double quotes)");

  write_file(folder / "bell.txt", "ding\n");
  const std::string not_audio = folder.error_of(kPlanHead + "bell = \"bell.txt\"\n" + kOnePhase);
  CHECK(not_audio.starts_with("2: bell: " + (folder / "bell.txt").string() + ": not an audio file"));
  CHECK(not_audio.ends_with(")"));
  CHECK(folder.error_of(kPlanHead + "bell = \"music\"\n" + kOnePhase) ==
        "2: bell: is a folder, not an audio file: " + (folder / "music").string() +
            " (name a readable audio file)");
}
