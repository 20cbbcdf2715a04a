#include "views/prepare_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <filesystem>
#include <utility>

#include "app/theme.h"
#include "core/text_format.h"
#include "views/fit_bar.h"
#include "views/view_input.h"

namespace holdspace::ui {
namespace {

constexpr float kPhasesWidth = 560.0f;
constexpr float kNameWidth = 280.0f;
constexpr float kFitBarWidth = 160.0f;
constexpr float kFitBarHeight = 14.0f;

bool ctrl_pressed(int glfw_key) { return ImGui::GetIO().KeyCtrl && key_pressed(glfw_key); }

// The first "new-plan.toml", "new-plan-2.toml", ... not on disk, beside the plan open now.
std::filesystem::path unused_plan_file(const std::filesystem::path& folder) {
  for (int n = 1;; ++n) {
    auto candidate = folder / ("new-plan" + (n == 1 ? std::string() : "-" + std::to_string(n)) + ".toml");
    std::error_code error;
    if (!std::filesystem::exists(candidate, error)) return candidate;
  }
}

// Paths under the plan's folder are shown (and may be typed) relative to it, as the plan file
// itself writes them.
std::string shown_path(const std::filesystem::path& file, const std::filesystem::path& folder) {
  if (file.empty()) return {};
  const auto relative = file.lexically_relative(folder);
  return relative.empty() || *relative.begin() == ".." ? file.string() : relative.generic_string();
}

std::filesystem::path typed_path(const std::string& text, const std::filesystem::path& folder) {
  const std::filesystem::path path(text);
  return (path.is_absolute() ? path : folder / path).lexically_normal();
}

}  // namespace

void PrepareView::draw(UiSession& session, const Fonts& fonts) {
  if (!draft_) {
    draft_.emplace(session.plan());
    plan_path_ = draft_->file().string();
    select_phase(0);
  }
  // A plan file dropped on its own opens it, as double-clicking it would.
  if (dropped_.size() == 1 && std::filesystem::path(dropped_.front()).extension() == ".toml") {
    plan_path_ = dropped_.front();
    dropped_.clear();
    open_plan(session);
  }
  if (!dropped_.empty()) {
    if (auto* playlist = draft_->playlist_of(selected_phase_)) {
      editor_.add(*playlist, dropped_);
    } else if (selected_phase_ < int(draft_->plan().phases.size()) && draft_->playlist_error(selected_phase_).empty()) {
      editor_.add(draft_->new_playlist_for(selected_phase_), dropped_);
      show_playlist_path();
    } else {
      say("Dropped files need a phase with a readable playlist: choose one first", true);
    }
    dropped_.clear();
  }
  draw_plan_bar(session, fonts);
  ImGui::BeginChild("phases", ImVec2(kPhasesWidth, 0));
  draw_phases();
  draw_phase_details();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("playlist", ImVec2(0, 0));
  draw_playlist(session);
  ImGui::EndChild();
  if (!ImGui::GetIO().WantTextInput) handle_keys(session);
}

void PrepareView::draw_plan_bar(UiSession& session, const Fonts& fonts) {
  const Palette& p = palette();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 3 * 190);
  if (std::exchange(focus_plan_path_, false)) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextWithHint("##plan-file", "Plan file (.toml)", &plan_path_);
  ImGui::SameLine();
  if (ImGui::Button("Open  (Ctrl+O)", ImVec2(180, 0))) open_plan(session);
  ImGui::SameLine();
  if (ImGui::Button("New  (Ctrl+N)", ImVec2(180, 0))) new_plan();
  ImGui::SameLine();
  if (ImGui::Button("Save  (Ctrl+S)", ImVec2(180, 0))) save(session);

  ImGui::PushFont(fonts.large);
  std::string name = draft_->plan().name;
  ImGui::SetNextItemWidth(kPhasesWidth);
  if (ImGui::InputText("##plan-name", &name)) draft_->set_name(name);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextColored(p.text_dim, "%zu phases, %s planned", draft_->plan().phases.size(),
                     format_duration(draft_->plan().planned_minutes() * 60).c_str());
  if (draft_->modified()) {
    ImGui::SameLine();
    ImGui::TextColored(p.warning, "·  unsaved changes");
  }
  if (!notice_.empty()) ImGui::TextColored(notice_is_error_ ? p.danger : p.accent, "%s", notice_.c_str());
  ImGui::Separator();
}

void PrepareView::draw_phases() {
  const Palette& p = palette();
  ImGui::TextColored(p.text_dim, "Phases  (PgUp / PgDn to choose)");
  const auto& phases = draft_->plan().phases;
  // One row per phase: its name, its fit bar, its minutes, so four or five phases and the
  // chosen one's details fit on the screen together.
  for (int i = 0; i < int(phases.size()); ++i) {
    ImGui::PushID(i);
    const std::string label = std::to_string(i + 1) + ". " + phases[i].name;
    if (ImGui::Selectable(label.c_str(), selected_phase_ == i, 0, ImVec2(kNameWidth, 0))) select_phase(i);
    ImGui::SameLine(kNameWidth + 12);
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + (ImGui::GetTextLineHeight() - kFitBarHeight) / 2);
    draw_fit_bar(draft_->fit(i), kFitBarWidth, kFitBarHeight);
    ImGui::SameLine(kNameWidth + kFitBarWidth + 24);
    ImGui::SetCursorPosY(y);
    ImGui::TextColored(p.text_dim, "%g min", phases[i].minutes);
    ImGui::PopID();
  }
  if (ImGui::Button("Add  (Ctrl+Enter)")) add_phase();
  ImGui::SameLine();
  ImGui::BeginDisabled(phases.empty());
  if (ImGui::Button("Remove  (Ctrl+Del)")) remove_phase();
  if (ImGui::Button("Earlier  (Ctrl+Up)")) move_phase(-1);
  ImGui::SameLine();
  if (ImGui::Button("Later  (Ctrl+Down)")) move_phase(+1);
  ImGui::EndDisabled();
  ImGui::Separator();
}

void PrepareView::draw_phase_details() {
  if (selected_phase_ < 0 || selected_phase_ >= int(draft_->plan().phases.size())) return;
  const Palette& p = palette();
  session::PhasePlan& phase = draft_->phase(selected_phase_);
  const float label_width = 130.0f;
  ImGui::TextUnformatted("Name");
  ImGui::SameLine(label_width);
  ImGui::SetNextItemWidth(-1);
  if (std::exchange(focus_phase_name_, false)) ImGui::SetKeyboardFocusHere();
  // Ctrl+E lands here; Tab then goes on to the minutes and the playlist.
  ImGui::InputText("##phase-name", &phase_name_);
  if (ImGui::IsItemDeactivatedAfterEdit() && !phase_name_.empty()) draft_->rename_phase(selected_phase_, phase_name_);

  ImGui::TextUnformatted("Minutes");
  ImGui::SameLine(label_width);
  ImGui::SetNextItemWidth(200);
  double minutes = phase.minutes;
  if (ImGui::InputDouble("##minutes", &minutes, 1.0, 5.0, "%.1f") && minutes > 0 && minutes <= 720) {
    phase.minutes = minutes;
    draft_->touch();
  }

  ImGui::TextUnformatted("Playlist");
  ImGui::SameLine(label_width);
  ImGui::SetNextItemWidth(-150);
  const bool entered = ImGui::InputTextWithHint("##playlist-file", "none: a silent phase", &playlist_path_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Use", ImVec2(60, 0)) || entered) {
    if (playlist_path_.empty()) {
      phase.playlist.clear();
      draft_->touch();
    } else {
      draft_->set_playlist(selected_phase_, typed_path(playlist_path_, draft_->file().parent_path()));
    }
    editor_.reset();
  }
  ImGui::SameLine();
  if (ImGui::Button("New", ImVec2(70, 0))) {
    draft_->new_playlist_for(selected_phase_);
    show_playlist_path();
    editor_.reset();
  }

  ImGui::TextUnformatted("Runs out");
  ImGui::SameLine(label_width);
  int at_end = phase.at_playlist_end == session::PlaylistEnd::Loop ? 0 : 1;
  ImGui::SetNextItemWidth(140);
  if (ImGui::Combo("##at-end", &at_end, "loop\0silence\0")) {
    phase.at_playlist_end = at_end == 0 ? session::PlaylistEnd::Loop : session::PlaylistEnd::Silence;
    draft_->touch();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("  Time up");
  ImGui::SameLine();
  int time_up = phase.at_time_up == session::TimeUp::Hold ? 0 : 1;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::Combo("##time-up", &time_up, "hold\0advance\0")) {
    phase.at_time_up = time_up == 0 ? session::TimeUp::Hold : session::TimeUp::Advance;
    draft_->touch();
  }
  const prepare::PhaseFit fit = draft_->fit(selected_phase_);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(fit.is_warning() ? p.warning : p.text_dim, "%s", fit.message.c_str());
  ImGui::Spacing();
  ImGui::TextColored(p.text_dim, "Keys: Ctrl+E the phase's name, then Tab to the next field; Ctrl+L the plan file.");
  ImGui::PopTextWrapPos();
}

void PrepareView::draw_playlist(UiSession& session) {
  const Palette& p = palette();
  if (selected_phase_ < 0 || selected_phase_ >= int(draft_->plan().phases.size())) {
    ImGui::TextColored(p.text_dim, "Add a phase to give it music.");
    return;
  }
  if (auto* playlist = draft_->playlist_of(selected_phase_)) {
    const session::Plan& plan = draft_->plan();
    editor_.draw(*playlist, draft_->phases_using(playlist->file()), session, true,
                 loudness::GainPolicy{plan.target_lufs, plan.ceiling_dbtp});
    return;
  }
  if (const std::string error = draft_->playlist_error(selected_phase_); !error.empty()) {
    ImGui::TextColored(p.danger, "%s", error.c_str());
    return;
  }
  ImGui::TextColored(p.text_dim, "A silent phase. Drop audio files or a folder here to give it a playlist,");
  ImGui::TextColored(p.text_dim, "or choose New beside Playlist.");
}

void PrepareView::handle_keys(UiSession& session) {
  if (ctrl_pressed(GLFW_KEY_S)) save(session);
  if (ctrl_pressed(GLFW_KEY_O)) open_plan(session);
  if (ctrl_pressed(GLFW_KEY_N)) new_plan();
  if (ctrl_pressed(GLFW_KEY_L)) focus_plan_path_ = true;
  if (ctrl_pressed(GLFW_KEY_E)) focus_phase_name_ = true;
  if (ctrl_pressed(GLFW_KEY_ENTER)) add_phase();
  if (ctrl_pressed(GLFW_KEY_DELETE)) remove_phase();
  if (ctrl_pressed(GLFW_KEY_UP)) move_phase(-1);
  if (ctrl_pressed(GLFW_KEY_DOWN)) move_phase(+1);
  if (key_pressed(GLFW_KEY_PAGE_UP) && selected_phase_ > 0) select_phase(selected_phase_ - 1);
  if (key_pressed(GLFW_KEY_PAGE_DOWN) && selected_phase_ + 1 < int(draft_->plan().phases.size())) {
    select_phase(selected_phase_ + 1);
  }
}

void PrepareView::add_phase() { select_phase(draft_->add_phase()); }

void PrepareView::remove_phase() {
  if (draft_->plan().phases.empty()) return;
  const auto removed = draft_->remove_phase(selected_phase_);
  say(removed.empty() ? std::string() : removed.front(), false);
  select_phase(std::min(selected_phase_, int(draft_->plan().phases.size()) - 1));
}

void PrepareView::move_phase(int by) {
  const int to = selected_phase_ + by;
  if (to < 0 || to >= int(draft_->plan().phases.size())) return;
  draft_->move_phase(selected_phase_, to);
  select_phase(to);
}

void PrepareView::open_plan(UiSession& session) {
  if (!confirm_discard("Open")) return;
  auto loaded = session::load_plan(plan_path_);
  if (!loaded) {
    say(loaded.error().message, true);
    return;
  }
  draft_.emplace(loaded->plan);
  plan_path_ = draft_->file().string();
  select_phase(0);
  const auto used = session.use_plan(std::move(loaded.value()));
  say(used ? "Opened; the next session runs this plan" : "Opened. " + used.error().message, false);
}

void PrepareView::new_plan() {
  if (!confirm_discard("New")) return;
  draft_.emplace(prepare::PlanDraft::new_kap_plan(unused_plan_file(draft_->file().parent_path())));
  plan_path_ = draft_->file().string();
  select_phase(0);
  say("A new plan with the four KAP phases: give each phase its music, then Save", false);
}

void PrepareView::save(UiSession& session) {
  if (plan_path_.empty()) {
    say("Give the plan a file name first", true);
    return;
  }
  draft_->set_file(plan_path_);
  auto saved = draft_->save();
  if (!saved) {
    say("Not saved: " + saved.error().message, true);
    return;
  }
  plan_path_ = draft_->file().string();
  select_phase(selected_phase_);  // a converted playlist has a new file name
  std::string text = "Saved " + draft_->file().filename().string();
  if (!saved->warnings.empty()) {
    text += " (" + session::format_warning(draft_->file(), saved->warnings.front()) + ")";
  }
  const auto used = session.use_plan(std::move(saved.value()));
  say(used ? text + "; the next session runs it" : text + ". " + used.error().message, false);
}

bool PrepareView::confirm_discard(const char* action) {
  if (!draft_->modified() || discard_armed_ == action) {
    discard_armed_.clear();
    return true;
  }
  say(std::string("Unsaved changes: press ") + action + " again to discard them, or Save first", true);
  discard_armed_ = action;
  return false;
}

void PrepareView::select_phase(int index) {
  selected_phase_ = std::max(0, index);
  editor_.reset();
  const auto& phases = draft_->plan().phases;
  if (selected_phase_ >= int(phases.size())) {
    phase_name_.clear();
    playlist_path_.clear();
    return;
  }
  phase_name_ = phases[selected_phase_].name;
  show_playlist_path();
}

void PrepareView::show_playlist_path() {
  playlist_path_ = shown_path(draft_->plan().phases.at(selected_phase_).playlist, draft_->file().parent_path());
}

void PrepareView::say(std::string text, bool is_error) {
  discard_armed_.clear();  // any other outcome cancels a pending "press again to discard"
  // The notice also goes to the log, so what was saved, dropped or refused outlives the screen.
  std::fprintf(stderr, "holdspace: prepare: %s\n", text.c_str());
  notice_ = std::move(text);
  notice_is_error_ = is_error;
}

}  // namespace holdspace::ui
