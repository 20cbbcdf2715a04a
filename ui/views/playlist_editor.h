// The Prepare view's playlist panel: the tracks of the chosen phase's playlist with what each
// file really is, reordered by dragging a row (or Alt+Up/Down), removed with Delete, heard
// quietly with P, and added by a path field or by dropping files from the file manager.
#pragma once

#include <string>
#include <vector>

#include "app/fonts.h"
#include "app/ui_session.h"
#include "prepare/playlist_draft.h"

namespace holdspace::ui {

class PlaylistEditor {
 public:
  // `keys` is false while another panel owns the keyboard.
  void draw(prepare::PlaylistDraft& playlist, int phases_using, UiSession& session, bool keys);
  // Adds dropped or typed paths after the selected track (or at the end).
  void add(prepare::PlaylistDraft& playlist, const std::vector<std::string>& paths);
  void reset() { selected_ = -1; messages_.clear(); }

 private:
  void draw_header(prepare::PlaylistDraft& playlist, int phases_using);
  void draw_tracks(prepare::PlaylistDraft& playlist);
  void draw_actions(prepare::PlaylistDraft& playlist, UiSession& session);
  void handle_keys(prepare::PlaylistDraft& playlist, UiSession& session);
  void toggle_preview(prepare::PlaylistDraft& playlist, UiSession& session);

  int selected_ = -1;
  std::string add_path_;
  std::vector<std::string> messages_;  // files left out, preview refusals: one line each
};

}  // namespace holdspace::ui
