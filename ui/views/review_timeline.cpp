#include "views/review_timeline.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/theme.h"
#include "journal/export_format.h"

namespace holdspace::ui {
namespace {

// Lane heights in pixels; the vitals lane is a small chart from kVitalsLow to kVitalsHigh
// (mmHg and bpm share it: both sit between 40 and 200 in a session room).
constexpr float kTop = 6.0f;  // room for the panel's rounded edge above the first lane
constexpr float kPlan = 26.0f;
constexpr float kActual = 36.0f;
constexpr float kMusic = 26.0f;
constexpr float kMarks = 42.0f;
constexpr float kVitals = 62.0f;
constexpr float kGap = 5.0f;
constexpr double kVitalsLow = 40.0;
constexpr double kVitalsHigh = 200.0;
constexpr float kSmall = 17.0f;  // lane names, tick and value labels
constexpr float kAxis = 30.0f;

ImU32 color(const ImVec4& c, float scale = 1.0f, float alpha = 1.0f) {
  return ImGui::GetColorU32(ImVec4(c.x * scale, c.y * scale, c.z * scale, c.w * alpha));
}

// Neighbouring phases alternate between two calm shades of the accent, so bands stay apart.
ImU32 phase_fill(int phase) { return color(palette().accent, phase % 2 == 0 ? 0.50f : 0.36f); }
ImU32 phase_outline(int phase) { return color(palette().accent, phase % 2 == 0 ? 0.85f : 0.65f); }

double seconds(std::int64_t ns) { return double(ns) / 1e9; }

void small_text(ImDrawList* draw, ImVec2 at, ImU32 col, const char* text, const ImVec4* clip = nullptr) {
  draw->AddText(ImGui::GetFont(), kSmall, at, col, text, nullptr, 0.0f, clip);
}

// A label inside a band, clipped to it, and only when at least a few letters fit.
void band_label(ImDrawList* draw, float x0, float x1, float y, ImU32 col, const std::string& text,
                float min_width = 28.0f) {
  if (x1 - x0 < min_width) return;
  const ImVec4 clip(x0 + 2, y - 2, x1 - 4, y + kSmall + 4);
  small_text(draw, ImVec2(std::max(x0, clip.x) + 6, y), col, text.c_str(), &clip);
}

// The spacing between ticks: the smallest step that leaves room for a label.
double tick_step(const TimeScale& scale) {
  static constexpr double kSteps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
  for (double step : kSteps) {
    if (step / scale.span_s * scale.width >= 110.0) return step;
  }
  return 7200.0;
}

std::string tick_label(double t, double step) {
  char text[32];
  const long total = std::lround(t);
  if (step >= 60.0) {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 3600, (total / 60) % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

std::string marker_title(const std::string& kind) {
  if (kind.empty()) return "Mark";
  std::string title = kind;
  title[0] = char(std::toupper(static_cast<unsigned char>(title[0])));
  return title;
}

struct Lanes {
  float plan, actual, music, marks, vitals, bottom;
};

void draw_phases(ImDrawList* draw, const journal::SessionRecord& record, const TimeScale& scale, const Lanes& lanes) {
  const Palette& p = palette();
  // Planned: the plan as it stood at the start, phases end to end, as outlines.
  double start = 0.0;
  for (std::size_t i = 0; i < record.planned_phases.size(); ++i) {
    const double planned = record.planned_phases[i].minutes * 60.0;
    const float x0 = scale.x(start);
    const float x1 = scale.x(start + planned);
    draw->AddRect(ImVec2(x0 + 1, lanes.plan), ImVec2(x1 - 1, lanes.plan + kPlan), phase_outline(int(i)), 4.0f, 0, 1.5f);
    band_label(draw, x0, x1, lanes.plan + 4, color(p.text_dim), record.planned_phases[i].name);
    start += planned;
  }
  // Actual: each stay in a phase, filled; pauses shaded over it.
  for (const journal::PhaseVisit& visit : record.visits) {
    const float x0 = scale.x(seconds(visit.start_ns));
    const float x1 = scale.x(seconds(visit.end_ns));
    draw->AddRectFilled(ImVec2(x0 + 1, lanes.actual), ImVec2(x1 - 1, lanes.actual + kActual), phase_fill(visit.phase), 4.0f);
    band_label(draw, x0, x1, lanes.actual + 8, color(p.text), record.phase_name(visit.phase));
  }
  for (const journal::PauseRecord& pause : record.pauses) {
    const float x0 = scale.x(seconds(pause.start_ns));
    const float x1 = scale.x(seconds(pause.open ? record.end_ns : pause.end_ns));
    const ImVec2 a(x0, lanes.actual + kActual * 0.55f);
    const ImVec2 b(std::max(x1, x0 + 2), lanes.actual + kActual);
    draw->AddRectFilled(a, b, color(p.warning, 0.45f));
    if (ImGui::IsMouseHoveringRect(ImVec2(a.x - 3, a.y), ImVec2(b.x + 3, b.y))) {
      ImGui::SetTooltip("Timeline paused at %s for %s%s", journal::session_clock(pause.start_ns).c_str(),
                        journal::minutes_seconds(double((pause.open ? record.end_ns : pause.end_ns) - pause.start_ns) / 1e9).c_str(),
                        pause.open ? " (never resumed)" : "");
    }
  }
}

void draw_tracks(ImDrawList* draw, const journal::SessionRecord& record, const TimeScale& scale, const Lanes& lanes) {
  const Palette& p = palette();
  for (std::size_t i = 0; i < record.tracks.size(); ++i) {
    const journal::TrackRecord& track = record.tracks[i];
    const float x0 = scale.x(seconds(track.start_ns));
    const float x1 = std::max(scale.x(seconds(track.end_ns)), x0 + 2.0f);
    const ImVec2 a(x0 + 1, lanes.music);
    const ImVec2 b(x1 - 1, lanes.music + kMusic);
    const bool hovered = ImGui::IsMouseHoveringRect(a, b);
    draw->AddRectFilled(a, b, color(p.text_dim, i % 2 == 0 ? 0.55f : 0.40f), 3.0f);
    if (hovered) draw->AddRect(a, b, color(p.text), 3.0f, 0, 1.5f);
    band_label(draw, x0, x1, lanes.music + 4, color(p.background), track.display_title(), 70.0f);
    if (hovered) {
      ImGui::SetTooltip("%s\n%s to %s  (%s played)\n%s", track.display_title().c_str(),
                        journal::session_clock(track.start_ns).c_str(), journal::session_clock(track.end_ns).c_str(),
                        journal::minutes_seconds(track.played_seconds()).c_str(), track.path.c_str());
    }
  }
}

float vitals_y(const Lanes& lanes, double value) {
  const double v = std::clamp(value, kVitalsLow, kVitalsHigh);
  return lanes.vitals + kVitals - 4.0f - float((v - kVitalsLow) / (kVitalsHigh - kVitalsLow)) * (kVitals - 8.0f);
}

void draw_markers(ImDrawList* draw, const journal::SessionRecord& record, const TimeScale& scale, const Lanes& lanes) {
  const Palette& p = palette();
  float row_end[2] = {-1e9f, -1e9f};
  // A value's label goes right of its mark, or left of it near the end of the visible window.
  const float right = scale.x0 + scale.width;
  const auto value_x = [right](float x, const std::string& text) {
    const float w = ImGui::GetFont()->CalcTextSizeA(kSmall, 1e9f, 0.0f, text.c_str()).x;
    return x + 8 + w > right ? x - 8 - w : x + 8;
  };  // right edge of the last label in each of two label rows
  for (const journal::MarkerRecord& marker : record.markers) {
    const float x = scale.x(seconds(marker.at_ns));
    const bool note = marker.kind == "note";
    const ImU32 tick = note ? color(p.text_dim) : color(p.marker);
    draw->AddLine(ImVec2(x, lanes.plan), ImVec2(x, lanes.bottom), color(p.marker, 1.0f, 0.22f), 1.0f);
    draw->AddTriangleFilled(ImVec2(x - 6, lanes.marks), ImVec2(x + 6, lanes.marks), ImVec2(x, lanes.marks + 9), tick);
    const std::string label = marker_title(marker.kind);
    const float label_width = ImGui::GetFont()->CalcTextSizeA(kSmall, 1e9f, 0.0f, label.c_str()).x;
    const int row = x - 4 > row_end[0] ? 0 : (x - 4 > row_end[1] ? 1 : 0);
    const float ly = lanes.marks + 11 + float(row) * (kSmall + 1);
    small_text(draw, ImVec2(x - 3, ly), tick, label.c_str());
    row_end[row] = x + label_width;

    // Vitals: the blood pressure as a bar from diastolic to systolic, the heart rate as a dot.
    if (marker.systolic || marker.diastolic) {
      const double high = marker.systolic.value_or(*marker.diastolic);
      const double low = marker.diastolic.value_or(high);
      const float y0 = vitals_y(lanes, high);
      const float y1 = vitals_y(lanes, low);
      draw->AddLine(ImVec2(x, y0), ImVec2(x, y1), color(p.marker), 3.0f);
      draw->AddLine(ImVec2(x - 5, y0), ImVec2(x + 5, y0), color(p.marker), 2.0f);
      draw->AddLine(ImVec2(x - 5, y1), ImVec2(x + 5, y1), color(p.marker), 2.0f);
      const std::string bp = (marker.systolic ? journal::number_text(*marker.systolic) : std::string("-")) + "/" +
                             (marker.diastolic ? journal::number_text(*marker.diastolic) : std::string("-"));
      small_text(draw, ImVec2(value_x(x, bp), y0 - 2), color(p.marker), bp.c_str());
    }
    if (marker.heart_rate) {
      const float y = vitals_y(lanes, *marker.heart_rate);
      draw->AddCircleFilled(ImVec2(x, y), 5.0f, color(p.accent));
      const std::string hr = "HR " + journal::number_text(*marker.heart_rate);
      small_text(draw, ImVec2(value_x(x, hr), y - kSmall * 0.5f), color(p.accent), hr.c_str());
    }

    const ImVec2 hover_a(x - 7, lanes.marks);
    const ImVec2 hover_b(x + std::max(label_width, 7.0f), lanes.bottom);
    if (ImGui::IsMouseHoveringRect(hover_a, hover_b)) {
      const std::string when = journal::local_date_time(marker.wall_time_utc, marker.utc_offset_minutes);
      std::string detail = journal::vitals_text(marker.systolic, marker.diastolic, marker.heart_rate, marker.spo2);
      if (!marker.text.empty()) detail += (detail.empty() ? "" : "\n") + marker.text;
      ImGui::SetTooltip("%s at %s  (%s)%s%s", label.c_str(), journal::session_clock(marker.at_ns).c_str(),
                        when.size() > 11 ? when.substr(11).c_str() : when.c_str(), detail.empty() ? "" : "\n",
                        detail.c_str());
    }
  }
}

void draw_grid(ImDrawList* draw, const TimeScale& scale, float top, float bottom) {
  const double step = tick_step(scale);
  const double first = std::ceil(scale.start_s / step) * step;
  const ImU32 col = color(palette().text_dim, 1.0f, 0.12f);
  for (double t = first; t <= scale.start_s + scale.span_s; t += step) {
    const float x = scale.x(t);
    draw->AddLine(ImVec2(x, top), ImVec2(x, bottom), col, 1.0f);
  }
}

}  // namespace

float session_timeline_height() { return kTop + kPlan + kActual + kMusic + kMarks + kVitals + 5 * kGap; }

ScreenRect draw_session_timeline(const journal::SessionRecord& record, TimeScale& scale) {
  const Palette& p = palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  scale.x0 = origin.x + kLaneGutter;
  scale.width = std::max(1.0f, width - kLaneGutter - 12.0f);

  Lanes lanes{};
  lanes.plan = origin.y + kTop;
  lanes.actual = lanes.plan + kPlan + kGap;
  lanes.music = lanes.actual + kActual + kGap;
  lanes.marks = lanes.music + kMusic + kGap;
  lanes.vitals = lanes.marks + kMarks + kGap;
  lanes.bottom = lanes.vitals + kVitals;

  const ImVec2 area_min(scale.x0, lanes.plan);
  const ImVec2 area_max(scale.x0 + scale.width, lanes.bottom);
  draw->AddRectFilled(ImVec2(area_min.x - 4, area_min.y - 4), ImVec2(area_max.x + 4, area_max.y + 4), color(p.panel), 6.0f);

  const ImU32 dim = color(p.text_dim);
  small_text(draw, ImVec2(origin.x, lanes.plan + 4), dim, "Plan");
  small_text(draw, ImVec2(origin.x, lanes.actual + 8), dim, "Actual");
  small_text(draw, ImVec2(origin.x, lanes.music + 4), dim, "Music");
  small_text(draw, ImVec2(origin.x, lanes.marks + 10), dim, "Markers");
  small_text(draw, ImVec2(origin.x, lanes.vitals + kVitals * 0.5f - kSmall * 0.5f), dim, "Vitals");
  // The vitals chart's own small scale, at the right of the gutter.
  for (double v : {60.0, 120.0, 180.0}) {
    const float y = vitals_y(lanes, v);
    char text[8];
    std::snprintf(text, sizeof text, "%.0f", v);
    draw->AddText(ImGui::GetFont(), 13.0f, ImVec2(scale.x0 - 30, y - 7), color(p.text_dim, 0.8f), text);
  }

  draw->PushClipRect(area_min, area_max, true);
  draw_grid(draw, scale, area_min.y, area_max.y);
  for (double v : {60.0, 120.0, 180.0}) {
    const float y = vitals_y(lanes, v);
    draw->AddLine(ImVec2(area_min.x, y), ImVec2(area_max.x, y), color(p.text_dim, 1.0f, 0.10f), 1.0f);
  }
  draw_phases(draw, record, scale, lanes);
  draw_tracks(draw, record, scale, lanes);
  draw_markers(draw, record, scale, lanes);
  // Where the record stops: the end of the session, or where an unfinished one broke off.
  const float end_x = scale.x(seconds(record.end_ns));
  draw->AddLine(ImVec2(end_x, area_min.y), ImVec2(end_x, area_max.y), color(record.ended ? p.text_dim : p.warning), 2.0f);
  if (!record.ended) small_text(draw, ImVec2(end_x + 6, lanes.vitals + 2), color(p.warning), "not ended");
  draw->PopClipRect();

  ImGui::Dummy(ImVec2(width, session_timeline_height() + 4.0f));
  return ScreenRect{area_min, area_max};
}

void draw_time_axis(const TimeScale& scale) {
  const Palette& p = palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const double step = tick_step(scale);
  small_text(draw, ImVec2(origin.x, origin.y + 6), color(p.text_dim), step >= 60.0 ? "h:mm" : "m:ss");
  draw->PushClipRect(ImVec2(scale.x0 - 30, origin.y), ImVec2(scale.x0 + scale.width + 30, origin.y + kAxis), true);
  const double first = std::max(0.0, std::ceil(scale.start_s / step) * step);
  for (double t = first; t <= scale.start_s + scale.span_s + 1e-6; t += step) {
    const float x = scale.x(t);
    draw->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + 6), color(p.text_dim), 1.5f);
    const std::string label = tick_label(t, step);
    const float w = ImGui::GetFont()->CalcTextSizeA(kSmall, 1e9f, 0.0f, label.c_str()).x;
    small_text(draw, ImVec2(x - w * 0.5f, origin.y + 8), color(p.text_dim), label.c_str());
  }
  draw->PopClipRect();
  ImGui::Dummy(ImVec2(scale.width + kLaneGutter, kAxis));
}

}  // namespace holdspace::ui
