// The Prepare view: open, create and edit a plan (its phases: name, minutes, playlist, what
// happens at the end) and the playlists its phases play, with a fit bar per phase, then save
// both. Files dropped on the window from a file manager land in the chosen phase's playlist.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/fonts.h"
#include "app/ui_session.h"
#include "prepare/plan_draft.h"
#include "views/playlist_editor.h"

namespace holdspace::ui {

class PrepareView {
 public:
  void draw(UiSession& session, const Fonts& fonts);
  // Paths dropped on the window; they join the chosen phase's playlist on the next frame.
  void drop(std::vector<std::string> paths) { dropped_.insert(dropped_.end(), paths.begin(), paths.end()); }

 private:
  void draw_plan_bar(UiSession& session, const Fonts& fonts);
  void draw_phases();
  void draw_phase_details();
  void draw_playlist(UiSession& session);
  void handle_keys(UiSession& session);
  void add_phase();
  void remove_phase();
  void move_phase(int by);
  void open_plan(UiSession& session);
  void new_plan();
  void save(UiSession& session);
  // Discarding unsaved edits takes a second press, like Next phase in a session.
  bool confirm_discard(const char* action);
  void select_phase(int index);
  void show_playlist_path();
  void say(std::string text, bool is_error);

  std::optional<prepare::PlanDraft> draft_;
  std::string plan_path_;
  int selected_phase_ = 0;
  std::string phase_name_;      // edited, applied when the field is left
  std::string playlist_path_;   // edited, applied with Use
  PlaylistEditor editor_;
  std::vector<std::string> dropped_;
  bool focus_plan_path_ = false;  // Ctrl+L and Ctrl+E put the keyboard in these fields
  bool focus_phase_name_ = false;
  std::string discard_armed_;   // the action that asked to discard, waiting for its second press
  std::string notice_;
  bool notice_is_error_ = false;
};

}  // namespace holdspace::ui
