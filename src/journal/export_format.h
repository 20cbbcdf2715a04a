// Text helpers shared by the review outputs (terminal timeline, CSV, JSON, HTML) and `sessions`,
// so a time or a vital sign reads the same everywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace holdspace::journal {

// Session time as a clock: 2530e9 -> "00:42:10". Always hh:mm:ss, so columns line up.
std::string session_clock(std::int64_t session_ns);

// Whole minutes and seconds, minutes unbounded: 5590 -> "93:10". Phases are planned in minutes.
std::string minutes_seconds(double seconds);

// A difference against the plan: 190 -> "+3:10", -30 -> "-0:30", 0 -> "+0:00".
std::string signed_minutes_seconds(double seconds);

// "2026-11-21T19:47:03.123Z" with offset 60 -> "2026-11-21 20:47". The text unchanged when it
// is not such a time.
std::string local_date_time(const std::string& wall_time_utc, int utc_offset_minutes);

// 60 -> "UTC+01:00", -330 -> "UTC-05:30".
std::string utc_offset_text(int utc_offset_minutes);

// 128 -> "128", 36.65 -> "36.7": vitals are whole numbers, anything else keeps one decimal.
std::string number_text(double value);

// "BP 128/82  HR 74  SpO2 98", leaving out what was not measured ("BP 128/-" for half a pair).
std::string vitals_text(const std::optional<double>& systolic,
                        const std::optional<double>& diastolic,
                        const std::optional<double>& heart_rate, const std::optional<double>& spo2);

// Text for HTML and XML content and attribute values. Control characters, which XML forbids,
// become spaces so a stray byte in a tag cannot break the document.
std::string html_escape(std::string_view text);

// Seconds with millisecond precision for machine-readable output: 2530.5e9 ns -> "2530.500".
std::string seconds_decimal(std::int64_t session_ns);

}  // namespace holdspace::journal
