#include "views/review_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "app/theme.h"
#include "core/text_format.h"
#include "journal/export_format.h"
#include "journal/export_playlist.h"
#include "journal/export_session.h"
#include "views/view_input.h"

namespace holdspace::ui {
namespace {

constexpr float kListWidth = 430.0f;
constexpr double kMinSpanSeconds = 5.0;

std::string lower(std::string text) {
  for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string length_text(double actual_minutes, double planned_minutes) {
  return format_duration(actual_minutes * 60.0) + " of " + format_duration(planned_minutes * 60.0);
}

}  // namespace

void ReviewView::draw(UiSession& session, const Fonts& fonts) {
  // Ask the journal when the view appears (first time, or back from another view), never per frame.
  const int frame = ImGui::GetFrameCount();
  if (frame > last_frame_ + 1) refresh(session.journal());
  last_frame_ = frame;
  if (export_dir_.empty()) {
    std::error_code error;
    export_dir_ = std::filesystem::current_path(error).string();
  }

  if (shortcut(GLFW_KEY_R)) refresh_requested_ = true;
  if (!shown_.empty() && (shortcut_repeating(GLFW_KEY_DOWN) || shortcut_repeating(GLFW_KEY_UP))) {
    const bool down = ImGui::IsKeyPressed(GLFW_KEY_DOWN, true);
    std::size_t at = 0;
    while (at < shown_.size() && rows_[shown_[at]].summary.session_id != selected_id_) ++at;
    if (at == shown_.size()) at = 0;
    else if (down && at + 1 < shown_.size()) ++at;
    else if (!down && at > 0) --at;
    select(rows_[shown_[at]].summary.session_id);
    scroll_to_selected_ = true;
  }

  draw_list(fonts);
  if (refresh_requested_) {
    refresh_requested_ = false;
    refresh(session.journal());
  }
  // Read and fold a session only when the choice changes (or after a refresh).
  if (selected_id_ != primary_.id) {
    load(session.journal(), selected_id_, primary_);
    fit();
  }
  if (compare_id_ != compare_.id) {
    load(session.journal(), compare_id_, compare_);
    fit();
  }
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
  ImGui::BeginChild("review-main", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  draw_main(fonts);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ReviewView::refresh(journal::Journal& journal) {
  rows_.clear();
  for (journal::SessionSummary& summary : journal.sessions()) {
    Row row;
    row.when_and_client = journal::local_date_time(summary.started_utc, summary.utc_offset_minutes) + "   " + summary.client;
    // The length first: it is what the list is scanned for, and a long plan name may be clipped.
    row.plan_and_length = length_text(summary.actual_minutes, summary.planned_minutes) +
                          (summary.ended ? "" : "  not ended") + "  ·  " + summary.plan_name;
    row.summary = std::move(summary);
    rows_.push_back(std::move(row));
  }
  apply_filter();
  // A refresh also re-reads the chosen sessions: an unfinished one may have grown.
  primary_.id.clear();
  compare_.id.clear();
}

void ReviewView::apply_filter() {
  shown_.clear();
  const std::string wanted = lower(filter_);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (wanted.empty() || lower(rows_[i].summary.client).find(wanted) != std::string::npos) shown_.push_back(i);
  }
  const bool still_shown = std::any_of(shown_.begin(), shown_.end(),
                                       [&](std::size_t i) { return rows_[i].summary.session_id == selected_id_; });
  if (!still_shown) select(shown_.empty() ? std::string() : rows_[shown_.front()].summary.session_id);
}

void ReviewView::select(const std::string& id) {
  if (id == selected_id_) return;
  selected_id_ = id;
  // Only sessions of the same client are compared; a new client drops the comparison.
  const auto candidates = compare_candidates();
  const bool keep = std::any_of(candidates.begin(), candidates.end(),
                                [&](const Row* row) { return row->summary.session_id == compare_id_; });
  if (!keep) compare_id_.clear();
  notice_.clear();
}

void ReviewView::load(journal::Journal& journal, const std::string& id, Loaded& into) {
  into = Loaded{};
  into.id = id;
  if (id.empty()) return;
  auto events = journal.events(id);
  if (!events) {
    into.error = events.error().message;
    return;
  }
  into.events = std::move(events).value();
  into.record = journal::build_session_record(into.events);
  const journal::SessionRecord& r = into.record;
  into.title = r.plan_name + "  ·  " + length_text(r.actual_seconds() / 60.0, r.planned_minutes) +
               (r.ended ? "" : "  ·  not ended");
}

std::vector<const ReviewView::Row*> ReviewView::compare_candidates() const {
  std::vector<const Row*> candidates;
  const auto selected = std::find_if(rows_.begin(), rows_.end(),
                                     [&](const Row& row) { return row.summary.session_id == selected_id_; });
  if (selected == rows_.end()) return candidates;
  for (const Row& row : rows_) {
    if (row.summary.client == selected->summary.client && row.summary.session_id != selected_id_) {
      candidates.push_back(&row);
    }
  }
  return candidates;
}

void ReviewView::cycle_compare() {
  const auto candidates = compare_candidates();
  if (candidates.empty()) return;
  auto at = std::find_if(candidates.begin(), candidates.end(),
                         [&](const Row* row) { return row->summary.session_id == compare_id_; });
  if (at == candidates.end()) compare_id_ = candidates.front()->summary.session_id;
  else if (++at == candidates.end()) compare_id_.clear();
  else compare_id_ = (*at)->summary.session_id;
}

void ReviewView::draw_list(const Fonts& fonts) {
  const Palette& p = palette();
  ImGui::BeginChild("review-list", ImVec2(kListWidth, 0), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PushFont(fonts.large);
  ImGui::TextUnformatted("Sessions");
  ImGui::PopFont();
  const char* refresh_label = "Refresh  (R)";
  const float refresh_width = ImGui::CalcTextSize(refresh_label).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - refresh_width - ImGui::GetStyle().ItemSpacing.x);
  if (ImGui::InputTextWithHint("##client-filter", "Filter by client", &filter_)) apply_filter();
  ImGui::SameLine();
  if (ImGui::Button(refresh_label)) refresh_requested_ = true;
  ImGui::Separator();

  // The rows scroll on their own; the selected session's exports stay at the bottom of the column.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float export_height = selected_id_.empty() ? 0.0f
                                                   : ImGui::GetTextLineHeightWithSpacing() * 2 + ImGui::GetFrameHeightWithSpacing() +
                                                         2 * (64 + style.ItemSpacing.y) + 2 * style.ItemSpacing.y +
                                                         (notice_.empty() ? 0.0f
                                                                          : ImGui::CalcTextSize(notice_.c_str(), nullptr, false,
                                                                                                ImGui::GetContentRegionAvail().x).y);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
  ImGui::BeginChild("review-rows", ImVec2(0, -export_height), false);
  if (rows_.empty()) ImGui::TextColored(p.text_dim, "No sessions recorded yet.");
  else if (shown_.empty()) ImGui::TextColored(p.text_dim, "No session of a client matching '%s'.", filter_.c_str());
  const float line = ImGui::GetTextLineHeight();
  for (std::size_t i : shown_) {
    const Row& row = rows_[i];
    const bool selected = row.summary.session_id == selected_id_;
    ImGui::PushID(row.summary.session_id.c_str());
    if (ImGui::Selectable("##row", selected, 0, ImVec2(0, line * 2 + 10))) select(row.summary.session_id);
    if (selected && scroll_to_selected_) {
      ImGui::SetScrollHereY(0.5f);
      scroll_to_selected_ = false;
    }
    const ImVec2 at = ImGui::GetItemRectMin();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddText(ImVec2(at.x + 6, at.y + 4), ImGui::GetColorU32(p.text), row.when_and_client.c_str());
    draw->AddText(ImVec2(at.x + 6, at.y + 4 + line), ImGui::GetColorU32(row.summary.ended ? p.text_dim : p.warning),
                  row.plan_and_length.c_str());
    ImGui::PopID();
  }
  if (!shown_.empty()) ImGui::TextColored(p.text_dim, "Up/Down: choose");
  ImGui::EndChild();
  ImGui::PopStyleColor();
  if (!selected_id_.empty()) draw_exports();
  ImGui::EndChild();
}

void ReviewView::draw_main(const Fonts& fonts) {
  const Palette& p = palette();
  if (selected_id_.empty()) {
    ImGui::PushFont(fonts.large);
    ImGui::TextColored(p.text_dim, "Choose a session on the left.");
    ImGui::PopFont();
    return;
  }
  if (!primary_.error.empty()) {
    ImGui::TextColored(p.danger, "Cannot read session %s: %s", primary_.id.c_str(), primary_.error.c_str());
    return;
  }
  draw_header(fonts);
  draw_toolbar();
  draw_timelines();
}

void ReviewView::draw_header(const Fonts& fonts) {
  const journal::SessionRecord& r = primary_.record;
  ImGui::PushFont(fonts.large);
  ImGui::TextColored(palette().accent, "%s", r.client.c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(journal::local_date_time(r.started_utc, r.utc_offset_minutes).c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 8);
  ImGui::TextColored(r.ended ? palette().text_dim : palette().warning, "%s", primary_.title.c_str());
}

// Zoom, fit and the pan slider on one row, so two timelines and the exports fit an 800 px window.
void ReviewView::draw_toolbar() {
  if (big_button("Zoom out  (-)", shortcut_repeating(GLFW_KEY_MINUS) || shortcut_repeating(GLFW_KEY_KP_SUBTRACT))) {
    zoom(1.5, scale_.start_s + scale_.span_s * 0.5);
  }
  ImGui::SameLine();
  if (big_button("Zoom in  (+)", shortcut_repeating(GLFW_KEY_EQUAL) || shortcut_repeating(GLFW_KEY_KP_ADD))) {
    zoom(1.0 / 1.5, scale_.start_s + scale_.span_s * 0.5);
  }
  ImGui::SameLine();
  if (big_button("Fit  (F)", shortcut(GLFW_KEY_F))) fit();
  if (shortcut_repeating(GLFW_KEY_LEFT)) scale_.start_s -= scale_.span_s * 0.1;
  if (shortcut_repeating(GLFW_KEY_RIGHT)) scale_.start_s += scale_.span_s * 0.1;
  clamp_view();

  ImGui::SameLine();
  const float row_y = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(row_y + (64.0f - ImGui::GetFrameHeight()) * 0.5f);
  const double pan_max = std::max(0.0, total_seconds() * 1.03 - scale_.span_s);
  const std::string shown =
      format_duration(scale_.start_s) + " to " + format_duration(scale_.start_s + scale_.span_s) + "   (drag, wheel, arrows)";
  const double zero = 0.0;
  if (pan_max > 0.0) {
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderScalar("##pan", ImGuiDataType_Double, &scale_.start_s, &zero, &pan_max, shown.c_str());
  } else {
    ImGui::TextColored(palette().text_dim, "%s", shown.c_str());
  }
  clamp_view();
}

// The compare choice sits where the second timeline's title goes: only this client's sessions.
void ReviewView::draw_compare_choice() {
  const auto candidates = compare_candidates();
  if (shortcut(GLFW_KEY_K)) cycle_compare();
  if (candidates.empty()) {
    ImGui::TextColored(palette().text_dim, "No other session of %s to compare with.", primary_.record.client.c_str());
    return;
  }
  std::string preview = "Compare with...  (K)";
  for (const Row* row : candidates) {
    if (row->summary.session_id == compare_id_) preview = "Compare: " + row->when_and_client + "   (K)";
  }
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(preview.c_str()).x + ImGui::GetFrameHeight() + 3 * ImGui::GetStyle().FramePadding.x);
  if (ImGui::BeginCombo("##compare", preview.c_str())) {
    if (ImGui::Selectable("No comparison", compare_id_.empty())) compare_id_.clear();
    for (const Row* row : candidates) {
      const std::string label = row->when_and_client + "   " + row->plan_and_length;
      if (ImGui::Selectable(label.c_str(), row->summary.session_id == compare_id_)) compare_id_ = row->summary.session_id;
    }
    ImGui::EndCombo();
  }
  if (!compare_id_.empty() && compare_.id == compare_id_) {
    ImGui::SameLine();
    if (compare_.error.empty()) {
      ImGui::TextColored(compare_.record.ended ? palette().text_dim : palette().warning, "%s", compare_.title.c_str());
    } else {
      ImGui::TextColored(palette().danger, "Cannot read it: %s", compare_.error.c_str());
    }
  }
}

void ReviewView::draw_timelines() {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::Spacing();
  // Each session gets its own time axis (the same scale), so either reads on its own.
  ScreenRect all = draw_session_timeline(primary_.record, scale_);
  draw_time_axis(scale_);
  draw_compare_choice();
  if (!compare_id_.empty() && compare_.id == compare_id_ && compare_.error.empty()) {
    ImGui::Spacing();
    all.max = draw_session_timeline(compare_.record, scale_).max;
    draw_time_axis(scale_);
  }

  // Zoom around the pointer with the wheel; pan by dragging anywhere on the lanes.
  const bool hovered = ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(all.min, all.max);
  if (hovered && io.MouseWheel != 0.0f) zoom(std::pow(0.8, double(io.MouseWheel)), scale_.seconds_at(io.MousePos.x));
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) dragging_ = true;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) dragging_ = false;
  if (dragging_ && io.MouseDelta.x != 0.0f) {
    scale_.start_s -= double(io.MouseDelta.x) / double(scale_.width) * scale_.span_s;
    clamp_view();
  }
  if (dragging_) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
}

void ReviewView::draw_exports() {
  const Palette& p = palette();
  ImGui::Separator();
  ImGui::TextColored(p.text_dim, "Export this session to");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##export-dir", "Folder", &export_dir_);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (big_button("HTML report  (H)", shortcut(GLFW_KEY_H), half)) export_as(ExportKind::Html);
  ImGui::SameLine();
  if (big_button("CSV  (C)", shortcut(GLFW_KEY_C), half)) export_as(ExportKind::Csv);
  if (big_button("JSON  (J)", shortcut(GLFW_KEY_J), half)) export_as(ExportKind::Json);
  ImGui::SameLine();
  if (big_button("Playlist  (P)", shortcut(GLFW_KEY_P), half)) export_as(ExportKind::Playlist);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("What played, as an M3U8 playlist");
  if (!notice_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(notice_is_error_ ? p.warning : p.text_dim, "%s", notice_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void ReviewView::export_as(ExportKind kind) {
  // The record on screen must be the one chosen (it loads in the frame after a new choice).
  if (primary_.id.empty() || primary_.id != selected_id_ || !primary_.error.empty()) return;
  namespace fs = std::filesystem;
  const fs::path folder = export_dir_.empty() ? fs::path(".") : fs::path(export_dir_);
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    notice_ = "Not written: the folder " + folder.string() + " does not exist";
    notice_is_error_ = true;
    return;
  }
  // Same code as `holdspace-cli export`: one file per session, named by its id.
  Status written = ok_status();
  fs::path out;
  switch (kind) {
    case ExportKind::Html:
      out = folder / (primary_.id + ".html");
      written = journal::write_export(journal::ExportFormat::Html, primary_.events, out);
      break;
    case ExportKind::Csv:
      out = folder / (primary_.id + ".csv");
      written = journal::write_export(journal::ExportFormat::Csv, primary_.events, out);
      break;
    case ExportKind::Json:
      out = folder / (primary_.id + ".json");
      written = journal::write_export(journal::ExportFormat::Json, primary_.events, out);
      break;
    case ExportKind::Playlist:
      out = folder / (primary_.id + "-played.m3u8");
      written = journal::export_played_playlist(primary_.record, out);
      break;
  }
  notice_is_error_ = !written;
  notice_ = written ? "wrote " + out.string() : "Not written: " + written.error().message;
}

double ReviewView::total_seconds() const {
  double total = kMinSpanSeconds;
  for (const Loaded* loaded : {&primary_, &compare_}) {
    if (loaded->id.empty() || !loaded->error.empty()) continue;
    total = std::max({total, loaded->record.actual_seconds(), loaded->record.planned_seconds()});
  }
  return total;
}

void ReviewView::fit() {
  scale_.start_s = 0.0;
  scale_.span_s = total_seconds() * 1.03;
}

void ReviewView::zoom(double factor, double around_seconds) {
  const double span = std::clamp(scale_.span_s * factor, kMinSpanSeconds, total_seconds() * 1.5);
  // Keep the moment under the pointer where it is on screen.
  const double fraction = (around_seconds - scale_.start_s) / scale_.span_s;
  scale_.start_s = around_seconds - fraction * span;
  scale_.span_s = span;
  clamp_view();
}

void ReviewView::clamp_view() {
  scale_.span_s = std::clamp(scale_.span_s, kMinSpanSeconds, total_seconds() * 1.5);
  const double pan_max = std::max(0.0, total_seconds() * 1.03 - scale_.span_s);
  scale_.start_s = std::clamp(scale_.start_s, 0.0, pan_max);
}

}  // namespace holdspace::ui
