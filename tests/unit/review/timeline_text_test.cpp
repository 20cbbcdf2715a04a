// timeline_text: the header, phases planned against actual with overruns, and the timeline's
// tracks, markers, vitals and reminders at their session times.
#include "journal/timeline_text.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "review_session.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

namespace {

bool has_line_with(const std::string& text, const std::vector<std::string>& parts) {
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    bool all = true;
    for (const std::string& part : parts) all = all && line.find(part) != std::string::npos;
    if (all) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace

TEST_CASE("timeline text: header with local date and planned against actual length", "[review]") {
  const std::string text = timeline_text(build_session_record(kap_session_events()));
  INFO(text);
  CHECK(has_line_with(text, {"Client", "K042"}));
  CHECK(has_line_with(text, {"Plan", "KAP 3 h"}));
  CHECK(has_line_with(text, {"Date", "2026-11-21 20:47", "UTC+01:00"}));
  CHECK(has_line_with(text, {"Length", "2:58:20 of 3:00:00 planned", "-1:40"}));
  CHECK(has_line_with(text, {"Paused", "2:00"}));
  CHECK(text.find("unfinished") == std::string::npos);
}

TEST_CASE("timeline text: each phase planned against actual, overruns as +mm:ss", "[review]") {
  const std::string text = timeline_text(build_session_record(kap_session_events()));
  INFO(text);
  CHECK(has_line_with(text, {"1 Intention setting", "20:00", "22:30", "+2:30", "2 visits"}));
  CHECK(has_line_with(text, {"2 Guided relaxation", "15:00", "12:30", "-2:30"}));
  CHECK(has_line_with(
      text, {"3 Dosing experience", "90:00", "93:00", "+1:00", "extended +2:00", "paused 2:00"}));
  CHECK(has_line_with(text, {"4 Initial integration", "55:00", "48:20", "-6:40"}));
}

TEST_CASE("timeline text: tracks, markers, vitals and reminders at session time", "[review]") {
  const std::string text = timeline_text(build_session_record(kap_session_events()));
  INFO(text);
  CHECK(text.find("00:35:00  phase  3 Dosing experience (planned 90:00)\n") != std::string::npos);
  CHECK(text.find("00:21:30  phase  1 Intention setting (back)\n") != std::string::npos);
  CHECK(
      text.find("00:35:10  undo  phase change to Initial integration taken back, Dosing experience "
                "continues\n") != std::string::npos);
  CHECK(text.find("00:00:01  track  Opening  (opening.ogg)\n") != std::string::npos);
  CHECK(text.find("00:35:10  track  Ascent  (ascent.flac, from 0:10)\n") != std::string::npos);
  CHECK(text.find("00:40:00  dose\n") != std::string::npos);
  CHECK(text.find("01:00:00  booster  half lozenge\n") != std::string::npos);
  CHECK(text.find("00:25:30  vitals  BP 124/80  HR 72  SpO2 98\n") != std::string::npos);
  CHECK(text.find("01:20:10  vitals  BP 128/82  HR 74  SpO2 98\n") != std::string::npos);
  CHECK(text.find("02:55:00  vitals  BP 118/76  HR 68\n") != std::string::npos);
  // The note's line break does not split the timeline line.
  CHECK(text.find(
            "02:20:00  note  Warmth, tears; talks about her \"safe place\" wants to journal\n") !=
        std::string::npos);
  CHECK(text.find("01:20:00  reminder  Blood pressure check  (acknowledged 01:20:15)\n") !=
        std::string::npos);
  CHECK(text.find("02:54:10  reminder  Vitals before the client leaves  (not acknowledged)\n") !=
        std::string::npos);
  CHECK(text.find("00:45:00  pause  2:00\n") != std::string::npos);
  CHECK(
      text.find("01:30:00  device lost  USB headphones: device unplugged  (restored 01:30:12)\n") !=
      std::string::npos);
  CHECK(text.find("01:23:20  talk duck on  -12 dB\n") != std::string::npos);
  CHECK(text.find("02:58:20  end\n") != std::string::npos);
  // In time order: the Ascent restart comes after the undo that caused it.
  CHECK(text.find("00:35:10  undo") < text.find("00:35:10  track  Ascent"));
  // Plain text: no escape sequences or other control characters besides line ends.
  CHECK(std::all_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x20 || c == '\n'; }));
}

TEST_CASE("timeline text: an unfinished session says so", "[review]") {
  const std::string text = timeline_text(build_session_record(kap_session_until(4810)));
  INFO(text);
  CHECK(has_line_with(text, {"Length", "1:20:10 of 3:00:00 planned  (unfinished)"}));
  // The phase it stopped in has no difference against the plan: it was cut off, not short.
  CHECK(has_line_with(text,
                      {"3 Dosing experience", "90:00", "43:10", "running when the record stops"}));
  CHECK_FALSE(has_line_with(text, {"3 Dosing experience", "-46:50"}));
  CHECK(has_line_with(text, {"4 Initial integration", "55:00", "not reached"}));
  CHECK(text.find("01:20:10  (the record stops here: the session did not end)") !=
        std::string::npos);
}
