// The Session view: the screen that stays up for three hours. Big clocks for the phase and the
// session, a bar of all phases (planned against actual, with markers), the music, reminders as
// a banner for the therapist's eyes only, and one-press controls, each with its key.
#pragma once

#include <chrono>
#include <string>

#include "app/fonts.h"
#include "app/ui_session.h"

namespace holdspace::ui {

class SessionView {
 public:
  void draw(UiSession& session, const Fonts& fonts, bool& night);

 private:
  void draw_not_started(UiSession& session, const Fonts& fonts);
  void draw_clocks(const control::SessionSnapshot& view, const Fonts& fonts);
  void draw_phase_bar(const control::SessionSnapshot& view, const session::Plan& plan);
  void draw_journal_alert(const control::SessionSnapshot& view);
  void draw_reminders(control::SessionController& controller, const control::SessionSnapshot& view);
  void draw_music(const control::SessionSnapshot& view, const UiSession& session);
  void draw_controls(control::SessionController& controller, const control::SessionSnapshot& view);
  void draw_popups(control::SessionController& controller);
  void send(control::SessionController& controller, const session::Command& command);
  void press_next(control::SessionController& controller, const control::SessionSnapshot& view);

  std::string client_;
  std::string notice_;   // the last refusal or confirmation, one line
  std::chrono::steady_clock::time_point next_armed_until_{};
  bool undo_offered_ = false;
  // Popup fields.
  int systolic_ = 0;
  int diastolic_ = 0;
  int heart_rate_ = 0;
  int spo2_ = 0;
  char note_[256] = {};
  bool open_vitals_ = false;
  bool open_note_ = false;
  bool open_end_ = false;
};

}  // namespace holdspace::ui
