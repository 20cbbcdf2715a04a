// The one seam both front ends use: it owns the timeline state and the session's music, and
// writes the journal. A command is validated by the timeline, appended to the journal (durable),
// folded into the state, and only then turned into audio. Resuming after a crash folds the
// journal's events through the same code, so there is no second copy of the state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audio/audio_engine.h"
#include "control/session_music.h"
#include "control/track_levels.h"
#include "core/clock.h"
#include "core/result.h"
#include "journal/journal.h"
#include "session/timeline.h"

namespace holdspace::control {

struct ReminderView {
  int index = -1;
  std::string text;
  double due_in_seconds = 0.0;  // for the next one; negative once due
};

// Everything a front end draws, read in one go.
struct SessionSnapshot {
  std::string session_id;
  std::string client;
  std::string plan_name;
  bool ended = false;
  bool paused = false;
  bool ducked = false;
  bool faded_out = false;
  int phase = -1;
  int phase_count = 0;
  std::string phase_name;
  double phase_elapsed_seconds = 0.0;
  double phase_planned_seconds = 0.0;
  double session_elapsed_seconds = 0.0;
  audio::NowPlaying track;
  std::vector<ReminderView> showing;  // shown and not yet acknowledged
  std::optional<ReminderView> next_reminder;
  std::int64_t underruns = 0;
  bool device_lost = false;           // the client's output is gone; the session goes on
  std::string device_problem;         // why, while it is
  std::string device_search;          // why the last try to open it again failed, while lost
  std::size_t journal_waiting = 0;    // events kept in memory because the disk refused them
  std::string journal_problem;        // why, while any wait (the journal's own words)
  std::string journal_alert;          // while any wait: one line for the therapist, shown at once
  std::string journal_note;           // for a minute after they are written: that they were
};

class SessionController {
 public:
  // Records session_started (with the plan as it is now) and starts the first phase. Track
  // loudness is cached in `loudness_dir`, by default the journal's own folder (a preflight
  // keeps its throwaway journal apart but shares the therapist's cache).
  static Result<std::unique_ptr<SessionController>> begin(const session::LoadedPlan& plan,
                                                          const std::string& client,
                                                          journal::Journal& journal, const Clock& clock,
                                                          audio::AudioEngine& engine,
                                                          const std::filesystem::path& loudness_dir = {});
  // Rebuilds an unfinished session from its events and brings the music back at the track and
  // offset the timeline implies, fading in.
  static Result<std::unique_ptr<SessionController>> resume(const std::string& session_id,
                                                           journal::Journal& journal, const Clock& clock,
                                                           audio::AudioEngine& engine);

  // Stereo pairs the session `session_id` needs (its plan's listener_pairs()), read from the
  // journal's snapshot of the plan, so `resume` can open the device with enough channels. 1
  // when the session cannot be read: resume then reports why.
  static int listener_pairs_of(const std::string& session_id, journal::Journal& journal);

  // Ok once the command's events are recorded (or, if the disk refuses, held in memory and the
  // therapist told). An Error is a refusal: one line saying why, nothing changed.
  Status command(const session::Command& command);
  // Call often: reminders and timed phase changes, track events into the journal, retries of
  // journal writes that failed (at most four times a second; each new event retries too).
  void poll();

  // The client's output went (DeviceWatch): recorded, shown, and the session clock runs on.
  void device_lost(const std::string& device, const std::string& reason);
  // The watch tried to open the lost output again and could not: shown beside the loss, and
  // said as a message each time the reason changes (not every try). Not recorded: the loss and
  // the return are, and a reason that changes every second would bury the session's events.
  void device_search_failed(const std::string& device, const std::string& why);
  // It is back, playing silence: recorded, and the music fades in where the timeline says it
  // would be by now, as after a resume.
  void device_restored(const std::string& device);

  SessionSnapshot snapshot() const;
  // Fades the music before the program exits with the session still open (Ctrl-C). Not
  // recorded: to the record this is like a crash, and `resume` brings the music back.
  void fade_for_exit(double seconds);
  std::vector<std::string> take_messages();
  bool ended() const { return state_.ended; }
  const std::string& session_id() const { return session_id_; }

 private:
  SessionController(session::LoadedPlan plan, std::string session_id, std::string client,
                    journal::Journal& journal, const Clock& clock, audio::AudioEngine& engine,
                    const std::filesystem::path& loudness_dir);
  session::Nanos now() const;
  void record(journal::Event event);
  void play_from(int phase, double fade_seconds);
  void apply_audio(const journal::Event& event, int phase_before, bool music_before);
  void update_level(double ramp_seconds);
  void set_listeners();
  void record_track_events();
  void journal_refused(const journal::Event& event, const std::string& message);
  void journal_caught_up();
  void retry_journal();

  session::LoadedPlan loaded_;
  session::Timeline timeline_;
  session::TimelineState state_;
  std::string session_id_;
  std::string client_;
  journal::Journal& journal_;
  const Clock& clock_;
  audio::AudioEngine& engine_;
  SessionMusic music_;
  TrackLevels levels_;  // each track's gain; measuring starts with the session
  std::vector<journal::Event> record_;  // this session's events so far (for resume positions)
  std::int64_t clock_origin_ns_ = 0;    // monotonic time at which session time was `base_ns_`
  std::int64_t base_ns_ = 0;
  std::string journal_problem_;
  std::string device_problem_;  // set while the client's output is lost
  std::string device_search_;   // why the last try to open it again failed, while lost
  // A spell in which the disk refuses the record: from the first event it refused until the
  // journal's memory queue is written. It becomes a journal_recovered event when it ends.
  struct JournalSpell {
    bool active = false;
    std::string since_utc;
    session::Nanos since_ns = 0;
    std::int64_t held = 0;  // events refused during the spell
    std::string reason;
  };
  JournalSpell journal_spell_;
  session::Nanos last_journal_retry_ = 0;
  std::string journal_note_;
  session::Nanos journal_note_until_ = 0;
  std::vector<std::string> messages_;
};

}  // namespace holdspace::control
