#include "journal/export_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "journal/export_format.h"

namespace holdspace::journal {
namespace {

// Layout in SVG user units; the report scales the whole drawing to the page width.
constexpr double kWidth = 1000.0;
constexpr double kLeft = 96.0;  // room for the lane names
constexpr double kRight = 16.0;
constexpr double kPlanY = 22.0, kPlanHeight = 18.0;
constexpr double kActualY = 44.0, kActualHeight = 26.0;
constexpr double kTrackY = 76.0, kTrackHeight = 16.0;
constexpr double kDeviceY = 94.0, kDeviceHeight = 4.0;
constexpr double kMarkerY = 102.0;
constexpr double kVitalsY = 146.0, kVitalsHeight = 80.0;
constexpr double kHeight = 252.0;
// The vitals scale covers resting and raised heart rate and blood pressure alike.
constexpr double kVitalsMin = 40.0, kVitalsMax = 200.0;

// Muted, print-friendly fills, one per phase in turn.
constexpr const char* kPhaseFills[] = {"#8fb3d9", "#9fcfa8", "#d9b38f",
                                       "#c3a6d9", "#d6cf8a", "#8fd3d0"};

std::string fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::isfinite(value) ? value : 0.0);
  return text;
}

const char* phase_fill(int index) {
  constexpr int count = int(sizeof kPhaseFills / sizeof kPhaseFills[0]);
  return kPhaseFills[((index % count) + count) % count];
}

// Characters, not bytes, for a rough text width.
double text_width(const std::string& text, double font_size) {
  std::size_t characters = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
  }
  return double(characters) * font_size * 0.6;
}

class SvgWriter {
 public:
  explicit SvgWriter(const SessionRecord& record) : record_(record) {
    double total = std::max(record.actual_seconds(), record.planned_seconds());
    for (const TrackRecord& track : record.tracks)
      total = std::max(total, double(track.end_ns) / 1e9);
    // Room for where a late phase's planned time would have run out.
    for (const PhaseRecord& phase : record.phases) {
      if (phase.started())
        total = std::max(total, double(phase.first_start_ns) / 1e9 + phase.planned_seconds());
    }
    total_seconds_ = std::max(total, 60.0);
  }

  std::string write() {
    out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 " +
            fixed(kWidth) + " " + fixed(kHeight) +
            "\" role=\"img\" aria-label=\"Session timeline\">\n";
    axis();
    lane_names();
    planned_phases();
    actual_phases();
    pauses();
    tracks();
    outages();
    markers();
    vitals();
    out_ += "</svg>\n";
    return std::move(out_);
  }

 private:
  double x_of_seconds(double seconds) const {
    const double clamped = std::clamp(seconds, 0.0, total_seconds_);
    return kLeft + clamped / total_seconds_ * (kWidth - kLeft - kRight);
  }
  double x_of(std::int64_t ns) const { return x_of_seconds(double(ns) / 1e9); }

  void rect(const std::string& css_class, double x, double y, double width, double height,
            const std::string& attributes, const std::string& tooltip) {
    out_ += "<rect class=\"" + css_class + "\" x=\"" + fixed(x) + "\" y=\"" + fixed(y) +
            "\" width=\"" + fixed(std::max(width, 1.0)) + "\" height=\"" + fixed(height) + "\" " +
            attributes + "><title>" + html_escape(tooltip) + "</title></rect>\n";
  }

  void text(double x, double y, const std::string& content, const std::string& attributes) {
    out_ += "<text x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\" " + attributes + ">" +
            html_escape(content) + "</text>\n";
  }

  // The name when it fits in the band, else the phase number, else nothing (the tooltip stays).
  void band_label(double x, double y, double width, int index, const std::string& name) {
    constexpr double font = 11.0;
    const std::string number = std::to_string(index + 1);
    const std::string full = number + " " + name;
    const std::string label = text_width(full, font) + 6 <= width     ? full
                              : text_width(number, font) + 4 <= width ? number
                                                                      : std::string();
    if (!label.empty()) text(x + 3, y, label, "class=\"band-label\" font-size=\"11\"");
  }

  // A grid line and a clock label every few minutes, chosen so about 6 to 12 fit.
  void axis() {
    const double minutes = total_seconds_ / 60.0;
    const double step = minutes <= 10    ? 1
                        : minutes <= 30  ? 5
                        : minutes <= 120 ? 15
                        : minutes <= 300 ? 30
                                         : 60;
    out_ += "<g class=\"axis\" font-size=\"10\" fill=\"#555\">\n";
    for (double at = 0; at <= minutes + 1e-9; at += step) {
      const double x = x_of_seconds(at * 60.0);
      // "0:01" could be a second or a minute; a session under an hour counts in minutes.
      char label[32];
      if (minutes < 60) {
        std::snprintf(label, sizeof label, "%d min", int(at));
      } else {
        std::snprintf(label, sizeof label, "%d:%02d", int(at) / 60, int(at) % 60);
      }
      out_ += "<line x1=\"" + fixed(x) + "\" y1=\"18\" x2=\"" + fixed(x) + "\" y2=\"" +
              fixed(kMarkerY + 36) + "\" stroke=\"#ddd\" stroke-width=\"0.5\"/>\n";
      text(x, 13, label, "text-anchor=\"middle\"");
    }
    out_ += "</g>\n";
  }

  void lane_names() {
    out_ += "<g class=\"lane-names\" font-size=\"11\" fill=\"#333\" text-anchor=\"end\">\n";
    text(kLeft - 6, kPlanY + 13, "Plan", "");
    text(kLeft - 6, kActualY + 17, "Actual", "");
    text(kLeft - 6, kTrackY + 12, "Tracks", "");
    text(kLeft - 6, kMarkerY + 12, "Markers", "");
    text(kLeft - 28, kVitalsY + kVitalsHeight / 2, "Vitals", "");  // clear of the scale
    out_ += "</g>\n";
  }

  // The plan as it was laid out before the session: each phase after the one before.
  void planned_phases() {
    double at = 0.0;
    for (std::size_t i = 0; i < record_.planned_phases.size(); ++i) {
      const PlannedPhase& planned = record_.planned_phases[i];
      const double x = x_of_seconds(at), end = x_of_seconds(at + planned.minutes * 60.0);
      rect("phase-planned", x, kPlanY, end - x, kPlanHeight,
           std::string("fill=\"") + phase_fill(int(i)) +
               "\" fill-opacity=\"0.3\" stroke=\"#666\" stroke-dasharray=\"3 2\" "
               "stroke-width=\"0.8\"",
           planned.name + ": planned " + minutes_seconds(planned.minutes * 60.0));
      band_label(x, kPlanY + 13, end - x, int(i), planned.name);
      at += planned.minutes * 60.0;
    }
  }

  // One group per phase that ran, with a rect per visit and a dashed line where its planned
  // time (with extensions) ran out, so an overrun shows as colour past the line.
  void actual_phases() {
    for (const PhaseRecord& phase : record_.phases) {
      if (!phase.started()) continue;
      const std::string name = record_.phase_name(phase.index);
      out_ += "<g class=\"phase-band\" data-phase=\"" + std::to_string(phase.index + 1) + "\">\n";
      const std::string tooltip = name + ": " + minutes_seconds(phase.actual_seconds()) + " of " +
                                  minutes_seconds(phase.planned_seconds()) + " planned (" +
                                  signed_minutes_seconds(phase.difference_seconds()) + ")";
      for (const PhaseVisit& visit : record_.visits) {
        if (visit.phase != phase.index) continue;
        const double x = x_of(visit.start_ns), end = x_of(visit.end_ns);
        rect("phase-visit", x, kActualY, end - x, kActualHeight,
             std::string("fill=\"") + phase_fill(phase.index) +
                 "\" stroke=\"#333\" stroke-width=\"0.6\"",
             tooltip + ", " + session_clock(visit.start_ns) + " to " + session_clock(visit.end_ns));
        band_label(x, kActualY + 17, end - x, phase.index, name);
        if (visit.open) {
          text(end + 3, kActualY + 17, "record stops",
               "class=\"open-end\" font-size=\"10\" fill=\"#555\"");
        }
      }
      const double planned_end =
          x_of_seconds(double(phase.first_start_ns) / 1e9 + phase.planned_seconds());
      out_ += "<line class=\"planned-end\" x1=\"" + fixed(planned_end) + "\" y1=\"" +
              fixed(kActualY - 2) + "\" x2=\"" + fixed(planned_end) + "\" y2=\"" +
              fixed(kActualY + kActualHeight + 2) +
              "\" stroke=\"#333\" stroke-dasharray=\"2 2\" stroke-width=\"1\"/>\n";
      out_ += "</g>\n";
    }
  }

  void pauses() {
    for (const PauseRecord& pause : record_.pauses) {
      const double x = x_of(pause.start_ns), end = x_of(pause.end_ns);
      rect("pause", x, kActualY + kActualHeight - 6, end - x, 6,
           "fill=\"#555\" fill-opacity=\"0.6\"",
           "paused " + session_clock(pause.start_ns) + " for " +
               minutes_seconds(double(pause.end_ns - pause.start_ns) / 1e9));
    }
  }

  void tracks() {
    for (std::size_t i = 0; i < record_.tracks.size(); ++i) {
      const TrackRecord& track = record_.tracks[i];
      const double x = x_of(track.start_ns), end = x_of(track.end_ns);
      // Alternate shades so neighbouring tracks stay apart even when they touch.
      rect("track", x, kTrackY, end - x, kTrackHeight,
           std::string("fill=\"") + (i % 2 == 0 ? "#6d8fb3" : "#9db7d1") +
               "\" stroke=\"#fff\" stroke-width=\"0.5\"",
           track.display_title() + "\n" + session_clock(track.start_ns) + " to " +
               session_clock(track.end_ns) + " (" + minutes_seconds(track.played_seconds()) + ")" +
               (track.phase >= 0 ? ", " + record_.phase_name(track.phase) : std::string()) + "\n" +
               track.path);
    }
  }

  void outages() {
    for (const DeviceOutage& outage : record_.outages) {
      const std::int64_t restored = outage.restored_ns.value_or(record_.end_ns);
      const double x = x_of(outage.lost_ns), end = x_of(restored);
      rect("device-lost", x, kDeviceY, end - x, kDeviceHeight, "fill=\"#c0392b\"",
           "audio device lost " + session_clock(outage.lost_ns) +
               (outage.restored_ns ? ", restored " + session_clock(*outage.restored_ns)
                                   : std::string(", not restored")) +
               (outage.reason.empty() ? "" : ": " + outage.reason));
    }
  }

  static const char* marker_colour(const std::string& kind) {
    if (kind == "dose") return "#b03a2e";
    if (kind == "booster") return "#d35400";
    if (kind == "vitals") return "#2e6da4";
    return "#555";
  }

  // A faint line through the bands shows where in the music it happened; labels alternate
  // between two heights so neighbours overlap less.
  void markers() {
    for (std::size_t i = 0; i < record_.markers.size(); ++i) {
      const MarkerRecord& marker = record_.markers[i];
      const std::string kind = marker.kind.empty() ? std::string("marker") : marker.kind;
      const char* colour = marker_colour(marker.kind);
      const double x = x_of(marker.at_ns);
      std::string tooltip = session_clock(marker.at_ns) + " " + kind;
      const std::string vitals =
          vitals_text(marker.systolic, marker.diastolic, marker.heart_rate, marker.spo2);
      if (!vitals.empty()) tooltip += " " + vitals;
      if (!marker.text.empty()) tooltip += ": " + marker.text;
      out_ += "<g class=\"marker marker-" + html_escape(kind) + "\">\n<title>" +
              html_escape(tooltip) + "</title>\n";
      out_ += "<line x1=\"" + fixed(x) + "\" y1=\"" + fixed(kPlanY) + "\" x2=\"" + fixed(x) +
              "\" y2=\"" + fixed(kMarkerY) + "\" stroke=\"" + colour +
              "\" stroke-opacity=\"0.35\" stroke-width=\"1\"/>\n";
      out_ += "<line x1=\"" + fixed(x) + "\" y1=\"" + fixed(kMarkerY) + "\" x2=\"" + fixed(x) +
              "\" y2=\"" + fixed(kMarkerY + 10) + "\" stroke=\"" + colour +
              "\" stroke-width=\"2\"/>\n";
      text(x + 2, kMarkerY + (i % 2 == 0 ? 21 : 33), kind,
           std::string("font-size=\"10\" fill=\"") + colour + "\"");
      out_ += "</g>\n";
    }
  }

  double y_of_vital(double value) const {
    const double clamped = std::clamp(value, kVitalsMin, kVitalsMax);
    return kVitalsY + (1.0 - (clamped - kVitalsMin) / (kVitalsMax - kVitalsMin)) * kVitalsHeight;
  }

  // Heart rate as dots and blood pressure as a bar from diastolic to systolic, on one scale.
  void vitals() {
    out_ += "<g class=\"vitals-scale\" font-size=\"9\" fill=\"#555\">\n";
    for (double value = 60; value <= 180; value += 40) {
      const double y = y_of_vital(value);
      out_ += "<line x1=\"" + fixed(kLeft) + "\" y1=\"" + fixed(y) + "\" x2=\"" +
              fixed(kWidth - kRight) + "\" y2=\"" + fixed(y) +
              "\" stroke=\"#e4e4e4\" stroke-width=\"0.5\"/>\n";
      text(kLeft - 4, y + 3, number_text(value), "text-anchor=\"end\"");
    }
    text(kLeft, kHeight - 6,
         "\u25CF heart rate (bpm)    \u2503 blood pressure, diastolic to systolic (mmHg)", "");
    out_ += "</g>\n";
    for (const MarkerRecord& marker : record_.markers) {
      const double x = x_of(marker.at_ns);
      const std::string when = session_clock(marker.at_ns) + " ";
      if (marker.systolic || marker.diastolic) {
        const double top = y_of_vital(marker.systolic.value_or(*marker.diastolic));
        const double bottom = y_of_vital(marker.diastolic.value_or(*marker.systolic));
        out_ += "<g class=\"vital-bp\"><title>" +
                html_escape(when + vitals_text(marker.systolic, marker.diastolic, std::nullopt,
                                               std::nullopt)) +
                "</title>";
        out_ += "<line x1=\"" + fixed(x) + "\" y1=\"" + fixed(top) + "\" x2=\"" + fixed(x) +
                "\" y2=\"" + fixed(bottom) + "\" stroke=\"#b03a2e\" stroke-width=\"3\"/>";
        for (const double y : {top, bottom}) {
          out_ += "<line x1=\"" + fixed(x - 3) + "\" y1=\"" + fixed(y) + "\" x2=\"" + fixed(x + 3) +
                  "\" y2=\"" + fixed(y) + "\" stroke=\"#b03a2e\" stroke-width=\"1.5\"/>";
        }
        out_ += "</g>\n";
      }
      if (marker.heart_rate) {
        std::string tooltip = when + "HR " + number_text(*marker.heart_rate);
        if (marker.spo2) tooltip += "  SpO2 " + number_text(*marker.spo2);
        out_ += "<circle class=\"vital-hr\" cx=\"" + fixed(x + 6) + "\" cy=\"" +
                fixed(y_of_vital(*marker.heart_rate)) + "\" r=\"3.5\" fill=\"#2e6da4\"><title>" +
                html_escape(tooltip) + "</title></circle>\n";
      }
    }
  }

  const SessionRecord& record_;
  double total_seconds_ = 60.0;
  std::string out_;
};

}  // namespace

std::string session_timeline_svg(const SessionRecord& record) { return SvgWriter(record).write(); }

}  // namespace holdspace::journal
