#include "views/session_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "app/theme.h"
#include "core/text_format.h"
#include "views/view_input.h"

namespace holdspace::ui {
namespace {

using session::Command;

// A second press of Next within this long confirms it; a stray double press therefore gives one
// phase change, never two (and the timeline refuses a second change within 2 s anyway).
constexpr auto kConfirmWindow = std::chrono::seconds(3);

Command make(Command::Type type) {
  Command command;
  command.type = type;
  return command;
}

std::string clock_text(double seconds) { return format_duration(std::max(0.0, seconds)); }

}  // namespace

void SessionView::send(control::SessionController& controller, const Command& command) {
  auto done = controller.command(command);
  notice_ = done ? std::string() : "Not done: " + done.error().message;
}

void SessionView::draw(UiSession& session, const Fonts& fonts, bool& night) {
  if (shortcut(GLFW_KEY_L)) night = !night;
  if (!session.running()) {
    draw_not_started(session, fonts);
    return;
  }
  auto& controller = *session.controller();
  const auto view = controller.snapshot();
  draw_clocks(view, fonts);
  draw_phase_bar(view, session.plan());
  draw_journal_alert(view);
  draw_reminders(controller, view);
  draw_music(view, session);
  if (!view.ended) draw_controls(controller, view);
  if (!notice_.empty()) ImGui::TextColored(palette().warning, "%s", notice_.c_str());
  draw_popups(controller);
}

void SessionView::draw_not_started(UiSession& session, const Fonts& fonts) {
  const session::Plan& plan = session.plan();
  ImGui::PushFont(fonts.large);
  ImGui::TextUnformatted(plan.name.c_str());
  ImGui::PopFont();
  ImGui::TextColored(palette().text_dim, "%zu phases, %s planned", plan.phases.size(),
                     format_duration(plan.planned_minutes() * 60).c_str());
  for (std::size_t i = 0; i < plan.phases.size(); ++i) {
    ImGui::Text("%zu. %s  (%s)", i + 1, plan.phases[i].name.c_str(),
                format_duration(plan.phases[i].minutes * 60).c_str());
  }
  ImGui::Spacing();
  ImGui::SetNextItemWidth(260);
  ImGui::InputTextWithHint("##client", "Client code, e.g. K042", &client_);
  ImGui::SameLine();
  const bool enter = ImGui::IsItemDeactivatedAfterEdit() && ImGui::IsKeyPressed(GLFW_KEY_ENTER);
  if (big_button("Start session  (Enter)", enter && !client_.empty())) {
    auto started = session.start(client_);
    notice_ = started ? std::string() : "Cannot start: " + started.error().message;
  }
  if (auto unfinished = session.unfinished()) {
    ImGui::Spacing();
    ImGui::TextColored(palette().warning, "Session %s was not ended.", unfinished->c_str());
    if (big_button("Resume it", false)) {
      auto resumed = session.resume_unfinished();
      notice_ = resumed ? std::string() : "Cannot resume: " + resumed.error().message;
    }
  }
  if (!session.audio_problem().empty()) {
    ImGui::TextColored(palette().danger, "No sound: %s", session.audio_problem().c_str());
  }
  if (!notice_.empty()) ImGui::TextColored(palette().warning, "%s", notice_.c_str());
}

void SessionView::draw_clocks(const control::SessionSnapshot& view, const Fonts& fonts) {
  const Palette& p = palette();
  ImGui::PushFont(fonts.large);
  if (view.ended) {
    ImGui::TextColored(p.accent, "Session ended");
  } else {
    ImGui::TextColored(p.accent, "Phase %d of %d  ·  %s", view.phase + 1, view.phase_count, view.phase_name.c_str());
  }
  ImGui::SameLine(ImGui::GetWindowWidth() - 360);
  ImGui::TextColored(p.text_dim, "Session %s", clock_text(view.session_elapsed_seconds).c_str());
  ImGui::PopFont();

  ImGui::PushFont(fonts.huge);
  ImGui::TextColored(p.text, "%s", clock_text(view.phase_elapsed_seconds).c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushFont(fonts.large);
  const double remaining = view.phase_planned_seconds - view.phase_elapsed_seconds;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 40);
  if (remaining >= 0) {
    ImGui::TextColored(p.text_dim, "of %s  ·  %s left", clock_text(view.phase_planned_seconds).c_str(),
                       clock_text(remaining).c_str());
  } else {
    ImGui::TextColored(p.warning, "of %s  ·  +%s over", clock_text(view.phase_planned_seconds).c_str(),
                       clock_text(-remaining).c_str());
  }
  if (view.paused) {
    ImGui::SameLine();
    ImGui::TextColored(p.warning, "  PAUSED");
  }
  ImGui::PopFont();
}

// All phases as one bar: each phase as wide as its planned minutes, the part already lived
// filled, the current position as a line, and markers as ticks below.
void SessionView::draw_phase_bar(const control::SessionSnapshot& view, const session::Plan& plan) {
  const Palette& p = palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = 34.0f;
  const double total = std::max(plan.planned_minutes() * 60.0, 1.0);
  double start = 0.0;
  for (int i = 0; i < int(plan.phases.size()); ++i) {
    const double planned = plan.phases[std::size_t(i)].minutes * 60.0;
    const float x0 = origin.x + float(start / total) * width;
    const float x1 = origin.x + float((start + planned) / total) * width;
    const bool current = i == view.phase;
    const bool done = i < view.phase;
    const ImVec4 fill = done || current ? ImVec4(p.accent.x * 0.45f, p.accent.y * 0.45f, p.accent.z * 0.45f, 1.0f)
                                        : p.panel;
    draw->AddRectFilled(ImVec2(x0 + 1, origin.y), ImVec2(x1 - 1, origin.y + height), ImGui::GetColorU32(fill), 4.0f);
    if (current) {
      const double into = std::min(view.phase_elapsed_seconds, planned);
      const float xn = x0 + float(into / total) * width;
      draw->AddLine(ImVec2(xn, origin.y - 4), ImVec2(xn, origin.y + height + 4), ImGui::GetColorU32(p.text), 3.0f);
    }
    draw->AddText(ImVec2(x0 + 8, origin.y + 6), ImGui::GetColorU32(current ? p.text : p.text_dim),
                  plan.phases[std::size_t(i)].name.c_str());
    start += planned;
  }
  ImGui::Dummy(ImVec2(width, height + 12));
}

// The record comes second only to the client's ears: while the disk refuses it, a banner like
// a reminder's, in the danger colour; once it is written again, a quiet line for a minute.
void SessionView::draw_journal_alert(const control::SessionSnapshot& view) {
  const Palette& p = palette();
  if (!view.journal_alert.empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(p.danger.x * 0.35f, p.danger.y * 0.35f, p.danger.z * 0.35f, 1.0f));
    ImGui::BeginChild("journal_alert", ImVec2(0, 76), false);
    ImGui::SetCursorPos(ImVec2(16, 20));
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - 16);
    ImGui::TextColored(p.text, "%s", view.journal_alert.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();
  } else if (!view.journal_note.empty()) {
    ImGui::TextColored(p.text_dim, "%s", view.journal_note.c_str());
  }
}

void SessionView::draw_reminders(control::SessionController& controller, const control::SessionSnapshot& view) {
  const Palette& p = palette();
  for (const auto& reminder : view.showing) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(p.warning.x * 0.35f, p.warning.y * 0.35f, p.warning.z * 0.35f, 1.0f));
    ImGui::BeginChild(("reminder" + std::to_string(reminder.index)).c_str(), ImVec2(0, 76), false);
    ImGui::SetCursorPos(ImVec2(16, 20));
    ImGui::TextColored(p.text, "Reminder: %s", reminder.text.c_str());
    ImGui::SameLine(ImGui::GetWindowWidth() - 260);
    ImGui::SetCursorPosY(8);
    if (big_button("Acknowledge  (A)", shortcut(GLFW_KEY_A) && reminder.index == view.showing.front().index, 240)) {
      Command ack = make(Command::Type::AcknowledgeReminder);
      ack.reminder = reminder.index;
      send(controller, ack);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  if (view.next_reminder) {
    ImGui::TextColored(p.text_dim, "Next reminder: %s in %s", view.next_reminder->text.c_str(),
                       clock_text(view.next_reminder->due_in_seconds).c_str());
  }
}

void SessionView::draw_music(const control::SessionSnapshot& view, const UiSession& session) {
  const Palette& p = palette();
  if (view.track.index >= 0) {
    ImGui::Text("Now playing: %s  ·  %s left", view.track.title.c_str(),
                clock_text(view.track.duration_seconds - view.track.position_seconds).c_str());
  } else {
    ImGui::TextColored(p.text_dim, "No music playing");
  }
  ImGui::SameLine(ImGui::GetWindowWidth() - 520);
  ImGui::TextColored(p.text_dim, "Ceiling %.0f dB%s%s", session.plan().max_volume_db, view.ducked ? "  ·  TALK" : "",
                     view.faded_out ? "  ·  faded out" : "");
  // These lines wrap at the window's edge: the end of "the music comes back by itself" is what
  // the therapist needs to read, and a long device name pushed it out of sight.
  ImGui::PushTextWrapPos(0.0f);
  if (view.device_lost) {
    ImGui::TextColored(p.danger, "NO SOUND in the client's headphones: %s. The session goes on; the music comes "
                       "back by itself when the device does.",
                       session.audio_problem().c_str());
    if (!view.device_search.empty()) {
      ImGui::TextColored(p.text_dim, "Looking for it every second. Last try: %s", view.device_search.c_str());
    }
  } else if (!session.audio_problem().empty()) {
    ImGui::TextColored(p.danger, "AUDIO DEVICE: %s", session.audio_problem().c_str());
  }
  for (const auto& message : session.recent_messages()) ImGui::TextColored(p.text_dim, "%s", message.c_str());
  ImGui::PopTextWrapPos();
}

void SessionView::press_next(control::SessionController& controller, const control::SessionSnapshot& view) {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_armed_until_) {
    next_armed_until_ = {};
    send(controller, make(Command::Type::Advance));
    undo_offered_ = notice_.empty();
    return;
  }
  next_armed_until_ = now + kConfirmWindow;
  notice_ = view.phase + 1 < view.phase_count ? "Press Next again to move on" : "This is the last phase";
}

void SessionView::draw_controls(control::SessionController& controller, const control::SessionSnapshot& view) {
  ImGui::Spacing();
  const bool armed = std::chrono::steady_clock::now() < next_armed_until_;
  if (big_button(armed ? "Press again: next phase  (N)" : "Next phase  (N)", shortcut(GLFW_KEY_N), 330)) {
    press_next(controller, view);
  }
  ImGui::SameLine();
  if (undo_offered_ && big_button("Undo phase change  (U)", shortcut(GLFW_KEY_U))) {
    send(controller, make(Command::Type::UndoPhaseChange));
    undo_offered_ = false;
  }
  ImGui::SameLine();
  if (big_button(view.paused ? "Resume timeline  (P)" : "Pause timeline  (P)", shortcut(GLFW_KEY_P))) {
    send(controller, make(view.paused ? Command::Type::Resume : Command::Type::Pause));
  }
  ImGui::SameLine();
  if (big_button(view.ducked ? "End talk  (T)" : "Talk  (T)", shortcut(GLFW_KEY_T))) send(controller, make(Command::Type::Talk));
  ImGui::SameLine();
  if (big_button(view.faded_out ? "Music back  (F)" : "Fade out  (F)", shortcut(GLFW_KEY_F))) {
    send(controller, make(Command::Type::FadeOut));
  }
  ImGui::SameLine();
  if (big_button("Extend +5 min  (E)", shortcut(GLFW_KEY_E))) {
    Command extend = make(Command::Type::Extend);
    extend.minutes = 5;
    send(controller, extend);
  }

  if (big_button("Dose  (D)", shortcut(GLFW_KEY_D), 180)) {
    Command dose = make(Command::Type::Marker);
    dose.marker = "dose";
    send(controller, dose);
  }
  ImGui::SameLine();
  if (big_button("Booster  (O)", shortcut(GLFW_KEY_O), 180)) {
    Command booster = make(Command::Type::Marker);
    booster.marker = "booster";
    send(controller, booster);
  }
  ImGui::SameLine();
  if (big_button("Vitals  (V)", shortcut(GLFW_KEY_V), 180)) open_vitals_ = true;
  ImGui::SameLine();
  if (big_button("Note  (M)", shortcut(GLFW_KEY_M), 180)) open_note_ = true;
  ImGui::SameLine();
  if (big_button("End session  (Q)", shortcut(GLFW_KEY_Q), 240)) open_end_ = true;
  ImGui::TextColored(palette().text_dim, "L: night light");
}

void SessionView::draw_popups(control::SessionController& controller) {
  if (std::exchange(open_vitals_, false)) ImGui::OpenPopup("Vitals");
  if (std::exchange(open_note_, false)) ImGui::OpenPopup("Note");
  if (std::exchange(open_end_, false)) ImGui::OpenPopup("End session?");

  if (ImGui::BeginPopupModal("Vitals", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("Leave a field at 0 if it was not taken.");
    ImGui::SetNextItemWidth(160);
    ImGui::InputInt("Systolic (mmHg)", &systolic_, 0);
    ImGui::SetNextItemWidth(160);
    ImGui::InputInt("Diastolic (mmHg)", &diastolic_, 0);
    ImGui::SetNextItemWidth(160);
    ImGui::InputInt("Heart rate (bpm)", &heart_rate_, 0);
    ImGui::SetNextItemWidth(160);
    ImGui::InputInt("SpO2 (%)", &spo2_, 0);
    if (ImGui::Button("Save", ImVec2(140, 54))) {
      Command vitals = make(Command::Type::Marker);
      vitals.marker = "vitals";
      if (systolic_ > 0) vitals.vitals.systolic = systolic_;
      if (diastolic_ > 0) vitals.vitals.diastolic = diastolic_;
      if (heart_rate_ > 0) vitals.vitals.heart_rate = heart_rate_;
      if (spo2_ > 0) vitals.vitals.spo2 = spo2_;
      send(controller, vitals);
      if (notice_.empty()) ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(140, 54)) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) ImGui::CloseCurrentPopup();
    if (!notice_.empty()) ImGui::TextColored(palette().warning, "%s", notice_.c_str());
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("Note", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(560);
    const bool entered = ImGui::InputText("##note", note_, sizeof note_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button("Save", ImVec2(140, 54)) || entered) {
      Command note = make(Command::Type::Marker);
      note.marker = "note";
      note.text = note_;
      send(controller, note);
      if (notice_.empty()) {
        note_[0] = '\0';
        ImGui::CloseCurrentPopup();
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(140, 54)) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("End session?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("End the session? The music fades out over 8 s.");
    if (ImGui::Button("End session  (Y)", ImVec2(240, 54)) || ImGui::IsKeyPressed(GLFW_KEY_Y)) {
      send(controller, make(Command::Type::End));
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep going", ImVec2(200, 54)) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace holdspace::ui
