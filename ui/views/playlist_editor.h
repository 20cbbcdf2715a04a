// The Prepare view's playlist panel: the tracks of the chosen phase's playlist with what each
// file really is, reordered by dragging a row (or Alt+Up/Down), removed with Delete, heard
// quietly with P, and added by a path field or by dropping files from the file manager. Each
// track's loudness is measured in the background and shown with the gain it will play at.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/fonts.h"
#include "app/ui_session.h"
#include "loudness/track_gain.h"
#include "prepare/playlist_draft.h"
#include "views/preview_output_picker.h"

namespace holdspace::ui {

class PlaylistEditor {
 public:
  // `keys` is false while another panel owns the keyboard.
  // `policy` is the plan's loudness target and ceiling, for the gains shown.
  void draw(prepare::PlaylistDraft& playlist, int phases_using, UiSession& session, bool keys,
            const loudness::GainPolicy& policy);
  // Adds dropped or typed paths after the selected track (or at the end).
  void add(prepare::PlaylistDraft& playlist, const std::vector<std::string>& paths);
  void reset() { selected_ = -1; messages_.clear(); }

 private:
  void draw_header(prepare::PlaylistDraft& playlist, int phases_using, loudness::BackgroundAnalysis& loudness);
  void draw_tracks(prepare::PlaylistDraft& playlist, loudness::BackgroundAnalysis& loudness,
                   const loudness::GainPolicy& policy);
  void draw_actions(prepare::PlaylistDraft& playlist, UiSession& session);
  void handle_keys(prepare::PlaylistDraft& playlist, UiSession& session);
  void toggle_preview(prepare::PlaylistDraft& playlist, UiSession& session);

  PreviewOutputPicker preview_output_;
  int selected_ = -1;
  std::string add_path_;
  std::vector<std::string> messages_;  // files left out, preview refusals: one line each
  std::vector<std::filesystem::path> requested_;  // the files last sent to be measured
};

}  // namespace holdspace::ui
