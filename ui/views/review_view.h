// The Review view: past sessions by client and date, a drawn timeline of the chosen one (zoom and
// pan), a second session of the same client under it on the same scale, and the CLI's exports.
// The journal is asked only when the view is shown or the therapist refreshes, and a session's
// record is built only when the selection changes, so an idle frame stays cheap.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/fonts.h"
#include "app/ui_session.h"
#include "journal/event.h"
#include "journal/journal.h"
#include "journal/session_record.h"
#include "views/review_timeline.h"

namespace holdspace::ui {

class ReviewView {
 public:
  void draw(UiSession& session, const Fonts& fonts);

 private:
  // One line pair in the session list, formatted once per refresh, not per frame.
  struct Row {
    journal::SessionSummary summary;
    std::string when_and_client;
    std::string plan_and_length;
  };
  // A session read from the journal and folded once; kept until the selection changes.
  struct Loaded {
    std::string id;
    std::vector<journal::Event> events;
    journal::SessionRecord record;
    std::string title;
    std::string error;
  };
  enum class ExportKind { Html, Csv, Json, Playlist };

  void refresh(journal::Journal& journal);
  void apply_filter();
  void select(const std::string& id);
  void load(journal::Journal& journal, const std::string& id, Loaded& into);
  void draw_list(const Fonts& fonts);
  void draw_main(const Fonts& fonts);
  void draw_header(const Fonts& fonts);
  void draw_toolbar();
  void draw_compare_choice();
  void draw_timelines();
  void draw_exports();
  void export_as(ExportKind kind);
  void cycle_compare();
  std::vector<const Row*> compare_candidates() const;
  double total_seconds() const;  // the longer of the shown sessions, planned or actual
  void fit();
  void zoom(double factor, double around_seconds);
  void clamp_view();

  std::vector<Row> rows_;           // newest first, as the journal gives them
  std::vector<std::size_t> shown_;  // rows_ that pass the client filter
  std::string filter_;
  std::string selected_id_;
  std::string compare_id_;
  Loaded primary_;
  Loaded compare_;
  TimeScale scale_;
  bool dragging_ = false;
  bool refresh_requested_ = false;
  bool scroll_to_selected_ = false;
  int last_frame_ = -10;  // the last frame this view drew; a gap means it was just shown again
  std::string export_dir_;
  std::string notice_;
  bool notice_is_error_ = false;
};

}  // namespace holdspace::ui
