#include "views/playlist_editor.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "app/theme.h"
#include "core/text_format.h"
#include "views/view_input.h"

namespace holdspace::ui {
namespace {

// "-14.8 LUFS  -3.2 dB": what the track measures and the gain it will play at.
void draw_loudness(const loudness::BackgroundAnalysis::Lookup& found, const loudness::GainPolicy& policy) {
  const Palette& p = palette();
  using State = loudness::BackgroundAnalysis::State;
  if (found.state == State::Ready) {
    const loudness::TrackGain gain = loudness::normalization_gain(found.loudness, policy);
    ImGui::Text("%.1f LUFS  %+.1f dB%s", found.loudness.integrated_lufs, gain.gain_db,
                gain.limited_by_peak ? " (peaks)" : "");
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("Range %.1f LU, true peak %.1f dBTP%s", found.loudness.range_lu, found.loudness.true_peak_dbtp,
                        gain.limited_by_peak ? "; the boost stops where the peaks meet the ceiling" : "");
    }
  } else if (found.state == State::Failed) {
    ImGui::TextColored(p.warning, "plays at %.0f dB", loudness::kUnanalysedGainDb);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", found.error.c_str());
  } else {
    ImGui::TextColored(p.text_dim, "measuring...");
  }
}

}  // namespace

void PlaylistEditor::draw(prepare::PlaylistDraft& playlist, int phases_using, UiSession& session, bool keys,
                          const loudness::GainPolicy& policy) {
  if (selected_ >= int(playlist.tracks().size())) selected_ = int(playlist.tracks().size()) - 1;
  // New files join the measuring queue. Asked only when the list changes: a request looks at
  // each file on disk, which is no work for every frame.
  std::vector<std::filesystem::path> files;
  for (const auto& track : playlist.tracks()) {
    if (track.playable()) files.push_back(track.path);
  }
  if (files != requested_) {
    session.loudness().request(files);
    requested_ = std::move(files);
  }
  draw_header(playlist, phases_using, session.loudness());
  draw_tracks(playlist, session.loudness(), policy);
  draw_actions(playlist, session);
  if (keys && !ImGui::GetIO().WantTextInput) handle_keys(playlist, session);
}

void PlaylistEditor::add(prepare::PlaylistDraft& playlist, const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files(paths.begin(), paths.end());
  const int at = selected_ >= 0 ? selected_ + 1 : -1;
  const std::size_t before = playlist.tracks().size();
  messages_ = playlist.add(files, at);
  const int added = int(playlist.tracks().size() - before);
  if (added > 0) selected_ = (at >= 0 ? at : int(before)) + added - 1;
}

void PlaylistEditor::draw_header(prepare::PlaylistDraft& playlist, int phases_using,
                                 loudness::BackgroundAnalysis& loudness) {
  const Palette& p = palette();
  ImGui::TextUnformatted(playlist.file().filename().string().c_str());
  ImGui::SameLine();
  ImGui::TextColored(p.text_dim, "%d tracks  ·  %s", playlist.playable_count(),
                     format_duration(playlist.playable_seconds()).c_str());
  if (phases_using > 1) {
    ImGui::SameLine();
    ImGui::TextColored(p.warning, "· used by %d phases", phases_using);
  }
  if (playlist.modified()) {
    ImGui::SameLine();
    ImGui::TextColored(p.warning, "· not saved");
  }
  // Its own line: the header above is already as wide as the panel.
  if (loudness.done() < loudness.total()) {
    ImGui::TextColored(p.text_dim, "Measuring loudness: %d of %d", loudness.done() + 1, loudness.total());
    ImGui::SameLine();
    ImGui::ProgressBar(float(loudness.done()) / float(loudness.total()), ImVec2(200, 0), "");
  }
}

void PlaylistEditor::draw_tracks(prepare::PlaylistDraft& playlist, loudness::BackgroundAnalysis& loudness,
                                 const loudness::GainPolicy& policy) {
  const Palette& p = palette();
  const float height = std::max(160.0f, ImGui::GetContentRegionAvail().y - 232.0f);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH;
  if (!ImGui::BeginTable("tracks", 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Track  (Up / Down to choose)", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Length", ImGuiTableColumnFlags_WidthFixed, 80);
  ImGui::TableSetupColumn("Format", ImGuiTableColumnFlags_WidthFixed, 170);
  ImGui::TableSetupColumn("Loudness, gain", ImGuiTableColumnFlags_WidthFixed, 210);
  ImGui::TableSetupColumn("Problem", ImGuiTableColumnFlags_WidthStretch, 0.6f);
  ImGui::TableHeadersRow();
  const auto& tracks = playlist.tracks();
  for (int i = 0; i < int(tracks.size()); ++i) {
    const prepare::DraftTrack& track = tracks[i];
    ImGui::PushID(i);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = std::to_string(i + 1) + ". " + track.title;
    if (ImGui::Selectable(label.c_str(), selected_ == i, ImGuiSelectableFlags_SpanAllColumns)) selected_ = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", track.path.string().c_str());
    // Dragging a row past its neighbour swaps them, so the row follows the pointer.
    if (ImGui::IsItemActive() && !ImGui::IsItemHovered()) {
      const float drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y;
      const int to = i + (drag < 0 ? -1 : 1);
      if (drag != 0 && to >= 0 && to < int(tracks.size())) {
        playlist.move(i, to);
        selected_ = to;
        ImGui::ResetMouseDragDelta();
      }
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(track.info ? format_duration(track.info->seconds()).c_str() : "—");
    ImGui::TableNextColumn();
    ImGui::TextColored(p.text_dim, "%s", track.info ? track.info->format.c_str() : "");
    ImGui::TableNextColumn();
    if (track.playable()) draw_loudness(loudness.lookup(track.path), policy);
    ImGui::TableNextColumn();
    if (!track.problem.empty()) ImGui::TextColored(track.playable() ? p.warning : p.danger, "%s", track.problem.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void PlaylistEditor::draw_actions(prepare::PlaylistDraft& playlist, UiSession& session) {
  const Palette& p = palette();
  const bool has_selection = selected_ >= 0;
  ImGui::BeginDisabled(!has_selection);
  if (ImGui::Button(session.previewing() ? "Stop preview (P)" : "Preview (P)")) toggle_preview(playlist, session);
  ImGui::SameLine();
  if (ImGui::Button("Up (Alt+Up)") && selected_ > 0) {
    playlist.move(selected_, selected_ - 1);
    --selected_;
  }
  ImGui::SameLine();
  if (ImGui::Button("Down (Alt+Down)") && selected_ + 1 < int(playlist.tracks().size())) {
    playlist.move(selected_, selected_ + 1);
    ++selected_;
  }
  ImGui::SameLine();
  if (ImGui::Button("Remove (Del)")) playlist.remove(selected_);
  ImGui::EndDisabled();
  preview_output_.draw(session);
  if (const auto* track = session.previewed_track()) {
    ImGui::TextColored(p.accent, "Previewing quietly: %s", track->filename().string().c_str());
  }

  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 130);
  const bool entered = ImGui::InputTextWithHint("##add", "Add a file or folder: type its path, or drop it here",
                                                &add_path_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Add", ImVec2(120, 0)) || entered) && !add_path_.empty()) {
    add(playlist, {add_path_});
    add_path_.clear();
  }
  for (const auto& message : playlist.messages()) ImGui::TextColored(p.warning, "%s", message.c_str());
  for (const auto& message : messages_) ImGui::TextColored(p.warning, "%s", message.c_str());
}

void PlaylistEditor::handle_keys(prepare::PlaylistDraft& playlist, UiSession& session) {
  const int count = int(playlist.tracks().size());
  const bool alt = ImGui::GetIO().KeyAlt;
  if (ImGui::GetIO().KeyCtrl) return;  // Ctrl+arrows move phases, not tracks
  if (key_pressed(GLFW_KEY_UP) && selected_ > 0) {
    if (alt) playlist.move(selected_, selected_ - 1);
    --selected_;
  }
  if (key_pressed(GLFW_KEY_DOWN) && selected_ + 1 < count) {
    if (alt && selected_ >= 0) playlist.move(selected_, selected_ + 1);
    ++selected_;
  }
  if (key_pressed(GLFW_KEY_DELETE) && selected_ >= 0) playlist.remove(selected_);
  if (key_pressed(GLFW_KEY_P) && selected_ >= 0) toggle_preview(playlist, session);
}

void PlaylistEditor::toggle_preview(prepare::PlaylistDraft& playlist, UiSession& session) {
  const auto* playing = session.previewed_track();
  const auto& track = playlist.tracks().at(std::size_t(selected_));
  if (playing && *playing == track.path) {
    session.stop_preview();
    return;
  }
  if (auto started = session.preview(track.path); !started) messages_ = {"No preview: " + started.error().message};
}

}  // namespace holdspace::ui
