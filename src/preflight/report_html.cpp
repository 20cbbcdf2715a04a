#include "preflight/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "journal/export_format.h"

namespace holdspace::preflight {
namespace {

using journal::html_escape;
using journal::minutes_seconds;

constexpr double kPlotWidth = 1000.0;
constexpr double kPlotHeight = 260.0;
constexpr double kLeft = 48.0;    // room for the LUFS axis labels
constexpr double kBottom = 22.0;  // room for the time labels
constexpr double kTopLufs = 0.0;
constexpr double kBottomLufs = -60.0;
constexpr std::size_t kMaxPoints = 2000;  // a three-hour line needs no more to look right

std::string fixed(double value, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

double x_of(double seconds, double total) { return kLeft + (total > 0 ? seconds / total : 0) * (kPlotWidth - kLeft); }
double y_of(double lufs) {
  const double clamped = std::clamp(lufs, kBottomLufs, kTopLufs);
  return (kTopLufs - clamped) / (kTopLufs - kBottomLufs) * (kPlotHeight - kBottom);
}

void phase_bands(const PreflightReport& report, double total, std::string& svg) {
  const auto& phases = report.render.phases;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const double start = phases[i].start_seconds;
    const double end = i + 1 < phases.size() ? phases[i + 1].start_seconds : report.render.seconds();
    const double x = x_of(start, total);
    svg += "<rect x=\"" + fixed(x) + "\" y=\"0\" width=\"" + fixed(x_of(end, total) - x) + "\" height=\"" +
           fixed(kPlotHeight - kBottom) + "\" class=\"band" + std::to_string(i % 2) + "\"/>\n";
    svg += "<text x=\"" + fixed(x + 4) + "\" y=\"14\" class=\"phase\">" + html_escape(phases[i].name) + "</text>\n";
  }
}

void axes(const PreflightReport& report, double total, std::string& svg) {
  for (double lufs = kTopLufs; lufs >= kBottomLufs; lufs -= 10.0) {
    const std::string y = fixed(y_of(lufs));
    svg += "<line x1=\"" + fixed(kLeft) + "\" x2=\"" + fixed(kPlotWidth) + "\" y1=\"" + y + "\" y2=\"" + y +
           "\" class=\"grid\"/>\n";
    svg += "<text x=\"" + fixed(kLeft - 6) + "\" y=\"" + fixed(y_of(lufs) + 4) + "\" class=\"axis\" "
           "text-anchor=\"end\">" + fixed(lufs, 0) + "</text>\n";
  }
  const double step = total > 3 * 3600 ? 1800 : total > 3600 ? 900 : total > 600 ? 300 : 60;
  for (double t = 0; t <= total; t += step) {
    svg += "<text x=\"" + fixed(x_of(t, total)) + "\" y=\"" + fixed(kPlotHeight - 6) + "\" class=\"axis\" "
           "text-anchor=\"middle\">" + minutes_seconds(t) + "</text>\n";
  }
  const std::string target = fixed(y_of(report.target_lufs));
  svg += "<line x1=\"" + fixed(kLeft) + "\" x2=\"" + fixed(kPlotWidth) + "\" y1=\"" + target + "\" y2=\"" + target +
         "\" class=\"target\"/>\n";
}

// The loudest reading in each bucket, so a short loud moment is never averaged away.
void loudness_line(const PreflightReport& report, double total, std::string& svg) {
  const auto& readings = report.output.short_term_lufs;
  if (readings.empty()) return;
  const std::size_t per_point = std::max<std::size_t>(1, (readings.size() + kMaxPoints - 1) / kMaxPoints);
  svg += "<polyline class=\"loudness\" points=\"";
  for (std::size_t start = 0; start < readings.size(); start += per_point) {
    const auto end = readings.begin() + long(std::min(readings.size(), start + per_point));
    const double loudest = *std::max_element(readings.begin() + long(start), end);
    svg += fixed(x_of(double(start + 1), total)) + "," + fixed(y_of(loudest)) + " ";
  }
  svg += "\"/>\n";
}

std::string row(std::initializer_list<std::string> cells) {
  std::string html = "<tr>";
  for (const auto& cell : cells) html += "<td>" + cell + "</td>";
  return html + "</tr>\n";
}

const char* kStyle = R"(<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; max-width: 1100px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; } td, th { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: left; }
.ok { color: #1b6e2d; } .problem { color: #a3201b; } .dim { color: #777; }
svg { background: #fafafa; border: 1px solid #ddd; }
.band0 { fill: #eef2f7; } .band1 { fill: #f7f4ee; } .grid { stroke: #ddd; } .axis, .phase { font-size: 11px; fill: #555; }
.target { stroke: #1b6e2d; stroke-dasharray: 6 4; } .loudness { fill: none; stroke: #2a4d8f; stroke-width: 1.2; }
</style>
)";

std::string peak_against_ceiling(double peak_dbtp, double ceiling_dbtp) {
  return fixed(peak_dbtp) + " dBTP (ceiling " + fixed(ceiling_dbtp) + " dBTP) " +
         (peak_dbtp <= ceiling_dbtp ? "<span class=\"ok\">held</span>" : "<span class=\"problem\">passed</span>");
}

}  // namespace

std::string loudness_svg(const PreflightReport& report) {
  const double total = std::max(1.0, report.render.seconds());
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fixed(kPlotWidth, 0) + "\" height=\"" +
                    fixed(kPlotHeight, 0) + "\" viewBox=\"0 0 " + fixed(kPlotWidth, 0) + " " +
                    fixed(kPlotHeight, 0) + "\" role=\"img\" aria-label=\"Short-term loudness over the session\">\n";
  phase_bands(report, total, svg);
  axes(report, total, svg);
  loudness_line(report, total, svg);
  return svg + "</svg>\n";
}

std::string report_html(const PreflightReport& report) {
  const auto& out = report.output;
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Preflight: " +
                     html_escape(report.plan_name) + "</title>\n" + kStyle + "</head><body>\n";
  html += "<h1>Preflight: " + html_escape(report.plan_name) + "</h1>\n<p class=\"dim\">" +
          html_escape(report.plan_file.string()) + "</p>\n";
  const int problems = report.problem_count();
  html += problems == 0 ? "<p class=\"ok\"><strong>Ready: no problems found.</strong></p>\n"
                        : "<p class=\"problem\"><strong>" + std::to_string(problems) + " problem" +
                              (problems == 1 ? "" : "s") + " to look at before the session.</strong></p>\n";

  html += "<h2>The session as the client hears it</h2>\n<table>\n";
  html += row({"Length", minutes_seconds(report.render.seconds())});
  html += row({"Highest true peak", peak_against_ceiling(out.max_true_peak_dbtp, report.ceiling_dbtp)});
  if (const auto& second = report.second_listener) {
    html += row({"Second listener (" + html_escape(second->name) + ", channels 3-4)",
                 peak_against_ceiling(second->max_true_peak_dbtp, second->ceiling_dbtp)});
  }
  html += row({"Integrated loudness", fixed(out.integrated_lufs) + " LUFS (tracks matched to " +
                                          fixed(report.target_lufs) + " LUFS, before phase levels)"});
  if (out.loudest.minute >= 0) {
    html += row({"Loudest minute", "minute " + std::to_string(out.loudest.minute + 1) + ": " +
                                       fixed(out.loudest.lufs) + " LUFS"});
    html += row({"Quietest minute", "minute " + std::to_string(out.quietest.minute + 1) + ": " +
                                        fixed(out.quietest.lufs) + " LUFS"});
  }
  html += "</table>\n<p>Short-term loudness (3 s), the loudest reading per point; dashed: the target.</p>\n";
  html += loudness_svg(report);

  html += "<h2>Phases: music against planned time</h2>\n<table>\n<tr><th>Phase</th><th>Planned</th>"
          "<th>Music</th><th></th></tr>\n";
  for (std::size_t i = 0; i < report.fits.size(); ++i) {
    const auto& fit = report.fits[i];
    const std::string name = i < report.phase_names.size() ? report.phase_names[i] : "";
    html += row({html_escape(name), minutes_seconds(fit.planned_seconds), minutes_seconds(fit.music_seconds),
                 fit.is_warning() ? "<span class=\"problem\">" + html_escape(fit.message) + "</span>"
                                  : "<span class=\"ok\">fits</span>"});
  }
  html += "</table>\n";

  html += "<h2>Files</h2>\n";
  if (report.files.empty()) {
    html += "<p class=\"ok\">Every file opens, plays and measures normally.</p>\n";
  } else {
    html += "<table>\n<tr><th>File</th><th>Where</th><th>Problem</th></tr>\n";
    for (const auto& finding : report.files) {
      const std::string where = finding.playlist.empty()
                                    ? ""
                                    : finding.playlist.filename().string() + ":" + std::to_string(finding.line);
      html += row({html_escape(finding.file.filename().string()), html_escape(where),
                   std::string("<span class=\"problem\">") + html_escape(finding.problem) + "</span>"});
    }
    html += "</table>\n";
  }

  if (!report.render.problems.empty()) {
    html += "<h2>During the render</h2>\n<ul>\n";
    for (const auto& problem : report.render.problems) {
      html += "<li class=\"problem\">" + html_escape(problem) + "</li>\n";
    }
    html += "</ul>\n";
  }

  html += "<h2>Loudness jumps between neighbouring tracks (over " + fixed(kJumpLimitLu, 0) + " LU)</h2>\n";
  if (report.jumps.empty()) {
    html += "<p class=\"ok\">None.</p>\n";
  } else {
    html += "<table>\n<tr><th>At</th><th>From</th><th>To</th><th>Change</th></tr>\n";
    for (const auto& jump : report.jumps) {
      html += row({minutes_seconds(jump.to.start_seconds), html_escape(jump.from.title), html_escape(jump.to.title),
                   "<span class=\"problem\">" + fixed(jump.to_lufs - jump.from_lufs) + " LU</span>"});
    }
    html += "</table>\n";
  }

  html += "<h2>Tracks</h2>\n<table>\n<tr><th>File</th><th>LUFS</th><th>LRA</th><th>True peak</th><th>Gain</th></tr>\n";
  for (const auto& track : report.tracks) {
    if (track.loudness) {
      html += row({html_escape(track.file.filename().string()), fixed(track.loudness->integrated_lufs),
                   fixed(track.loudness->range_lu), fixed(track.loudness->true_peak_dbtp) + " dBTP",
                   (track.gain_db >= 0 ? "+" : "") + fixed(track.gain_db) + " dB"});
    } else {
      html += row({html_escape(track.file.filename().string()), "", "", "", fixed(track.gain_db) + " dB (not measured)"});
    }
  }
  html += "</table>\n</body></html>\n";
  return html;
}

}  // namespace holdspace::preflight
