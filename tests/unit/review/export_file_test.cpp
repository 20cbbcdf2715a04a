// Writing exports: private (0600) even over a readable file, atomic, one-line errors; formats
// chosen by name; and the shared time and number texts.
#include "journal/export_file.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "journal/export_format.h"
#include "journal/export_session.h"
#include "review_session.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

namespace {
unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}
}  // namespace

TEST_CASE("export file: written whole, mode 0600, even over a readable file", "[review]") {
  ReviewTempDir dir;
  const auto out = dir / "report.html";
  { std::ofstream(out) << "old"; }
  ::chmod(out.c_str(), 0644);
  REQUIRE(write_private_file(out, "new text").ok());
  CHECK(read_text(out) == "new text");
  CHECK(mode_of(out) == 0600);
  CHECK_FALSE(std::filesystem::exists(dir / "report.html.holdspace-tmp"));
}

TEST_CASE("export file: a missing folder or a folder as target is a one-line error", "[review]") {
  ReviewTempDir dir;
  const auto missing = write_private_file(dir / "nope/report.csv", "x");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message ==
        (dir / "nope/report.csv").string() + ": cannot write: No such file or directory");
  const auto folder = write_private_file(dir.path(), "x");
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().message.find("Is a directory") != std::string::npos);
}

TEST_CASE("export session: each format by name, written privately", "[review]") {
  CHECK(export_format_from("csv") == ExportFormat::Csv);
  CHECK(export_format_from("JSON") == ExportFormat::Json);
  CHECK(export_format_from("html") == ExportFormat::Html);
  CHECK_FALSE(export_format_from("xml").has_value());
  CHECK_FALSE(export_format_from("").has_value());

  ReviewTempDir dir;
  const auto events = kap_session_events();
  for (const auto& [format, name] :
       {std::pair{ExportFormat::Csv, "s.csv"}, std::pair{ExportFormat::Json, "s.json"},
        std::pair{ExportFormat::Html, "s.html"}}) {
    REQUIRE(write_export(format, events, dir / name).ok());
    CHECK(mode_of(dir / name) == 0600);
    CHECK(read_text(dir / name) == render_export(format, events, build_session_record(events)));
  }
}

TEST_CASE("export format: clocks, differences and local time", "[review]") {
  CHECK(session_clock(2530 * kSecond) == "00:42:10");
  CHECK(session_clock(0) == "00:00:00");
  CHECK(session_clock(-5) == "00:00:00");
  CHECK(session_clock(36000 * kSecond + 1) == "10:00:00");
  CHECK(minutes_seconds(5590) == "93:10");
  CHECK(minutes_seconds(59.6) == "1:00");
  CHECK(signed_minutes_seconds(190) == "+3:10");
  CHECK(signed_minutes_seconds(-30) == "-0:30");
  CHECK(signed_minutes_seconds(0.2) == "+0:00");
  CHECK(local_date_time("2026-11-21T19:47:03.123Z", 60) == "2026-11-21 20:47");
  CHECK(local_date_time("2026-12-31T23:30:00Z", 90) == "2027-01-01 01:00");
  CHECK(local_date_time("2026-03-01T02:00:00Z", -300) == "2026-02-28 21:00");
  CHECK(local_date_time("not a time", 60) == "not a time");
  CHECK(utc_offset_text(60) == "UTC+01:00");
  CHECK(utc_offset_text(-330) == "UTC-05:30");
  CHECK(number_text(128) == "128");
  CHECK(number_text(36.65) == "36.6");
  CHECK(vitals_text(128, 82, 74, 98) == "BP 128/82  HR 74  SpO2 98");
  CHECK(vitals_text(std::nullopt, std::nullopt, 74, std::nullopt) == "HR 74");
  CHECK(vitals_text(128, std::nullopt, std::nullopt, std::nullopt) == "BP 128/-");
  CHECK(html_escape("a<b>&\"c'\x01") == "a&lt;b&gt;&amp;&quot;c&#39; ");
  CHECK(seconds_decimal(2530500000000) == "2530.500");
}
