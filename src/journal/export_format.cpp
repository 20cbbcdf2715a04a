#include "journal/export_format.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace holdspace::journal {

std::string session_clock(std::int64_t session_ns) {
  const long long total = session_ns > 0 ? session_ns / 1'000'000'000 : 0;
  char text[32];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", total / 3600, (total / 60) % 60,
                total % 60);
  return text;
}

std::string minutes_seconds(double seconds) {
  if (!std::isfinite(seconds)) return "--:--";
  const long long total = std::llround(std::fabs(seconds));
  char text[32];
  std::snprintf(text, sizeof text, "%s%lld:%02lld", seconds < 0 && total > 0 ? "-" : "", total / 60,
                total % 60);
  return text;
}

std::string signed_minutes_seconds(double seconds) {
  if (!std::isfinite(seconds)) return "--:--";
  const std::string magnitude = minutes_seconds(std::fabs(seconds));
  return (std::llround(seconds) < 0 ? "-" : "+") + magnitude;
}

std::string local_date_time(const std::string& wall_time_utc, int utc_offset_minutes) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(wall_time_utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &day, &hour,
                  &minute, &second) != 6) {
    return wall_time_utc;
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                            std::chrono::day{unsigned(day)}};
  if (!date.ok()) return wall_time_utc;
  const sys_seconds utc = sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
  const sys_seconds local = utc + minutes{utc_offset_minutes};
  const sys_days local_day = floor<days>(local);
  const year_month_day local_date{local_day};
  const hh_mm_ss clock{local - local_day};
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d", int(local_date.year()),
                unsigned(local_date.month()), unsigned(local_date.day()),
                int(clock.hours().count()), int(clock.minutes().count()));
  return text;
}

std::string utc_offset_text(int utc_offset_minutes) {
  const int magnitude = std::abs(utc_offset_minutes);
  char text[32];
  std::snprintf(text, sizeof text, "UTC%c%02d:%02d", utc_offset_minutes < 0 ? '-' : '+',
                magnitude / 60, magnitude % 60);
  return text;
}

std::string number_text(double value) {
  if (!std::isfinite(value)) return "-";
  char text[48];
  if (value == std::round(value) && std::fabs(value) < 1e15) {
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
  } else {
    std::snprintf(text, sizeof text, "%.1f", value);
  }
  return text;
}

std::string vitals_text(const std::optional<double>& systolic,
                        const std::optional<double>& diastolic,
                        const std::optional<double>& heart_rate,
                        const std::optional<double>& spo2) {
  std::string text;
  const auto add = [&text](const std::string& part) {
    if (!text.empty()) text += "  ";
    text += part;
  };
  if (systolic || diastolic) {
    add("BP " + (systolic ? number_text(*systolic) : "-") + "/" +
        (diastolic ? number_text(*diastolic) : "-"));
  }
  if (heart_rate) add("HR " + number_text(*heart_rate));
  if (spo2) add("SpO2 " + number_text(*spo2));
  return text;
}

std::string html_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          escaped += ' ';
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

std::string seconds_decimal(std::int64_t session_ns) {
  const bool negative = session_ns < 0;
  const long long magnitude = negative ? -static_cast<long long>(session_ns) : session_ns;
  const long long millis = (magnitude + 500'000) / 1'000'000;
  char text[48];
  std::snprintf(text, sizeof text, "%s%lld.%03lld", negative ? "-" : "", millis / 1000,
                millis % 1000);
  return text;
}

}  // namespace holdspace::journal
