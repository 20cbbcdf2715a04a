#include "control/session_controller.h"

#include <algorithm>
#include <utility>

#include "control/journal_alert.h"
#include "control/music_position.h"
#include "core/wall_time.h"

namespace holdspace::control {
namespace {

using journal::Event;
using journal::EventType;
using session::Command;

constexpr double kDuckDownSeconds = 1.0;
constexpr double kDuckUpSeconds = 3.0;
constexpr double kResumeFadeSeconds = 3.0;
// A refused write is retried this often from poll(): the record catches up within a moment of
// the disk taking writes again, and a UI drawing 60 frames a second does not retry 60 times.
constexpr session::Nanos kJournalRetryNs = 250'000'000;
constexpr session::Nanos kJournalNoteNs = 60'000'000'000;  // how long "written again" stays up

nlohmann::json plan_snapshot(const session::LoadedPlan& loaded, const std::string& client) {
  const session::Plan& plan = loaded.plan;
  nlohmann::json phases = nlohmann::json::array();
  for (const auto& phase : plan.phases) phases.push_back({{"name", phase.name}, {"minutes", phase.minutes}});
  return {{"plan_name", plan.name},
          {"plan_path", std::filesystem::absolute(plan.source).string()},
          {"plan_toml", plan.toml_text},
          {"client", client},
          {"planned_minutes", plan.planned_minutes()},
          {"phases", phases}};
}

}  // namespace

SessionController::SessionController(session::LoadedPlan plan, std::string session_id, std::string client,
                                     journal::Journal& journal, const Clock& clock, audio::AudioEngine& engine,
                                     const std::filesystem::path& loudness_dir)
    : loaded_(std::move(plan)),
      timeline_(loaded_.plan),
      state_(timeline_.initial_state()),
      session_id_(std::move(session_id)),
      client_(std::move(client)),
      journal_(journal),
      clock_(clock),
      engine_(engine),
      music_(engine),
      levels_(loudness_dir.empty() ? journal.path().parent_path() : loudness_dir, loaded_.plan) {
  clock_origin_ns_ = clock_.monotonic_ns();
  set_listeners();
  music_.set_gain_source([this](const std::filesystem::path& file) { return levels_.gain_for(file); },
                         loudness::kUnanalysedGainDb);
}

Result<std::unique_ptr<SessionController>> SessionController::begin(const session::LoadedPlan& plan,
                                                                    const std::string& client,
                                                                    journal::Journal& journal, const Clock& clock,
                                                                    audio::AudioEngine& engine,
                                                                    const std::filesystem::path& loudness_dir) {
  if (client.empty()) return Error{"a session needs a client code (--client)"};
  if (plan.plan.listener_pairs() > engine.mixer().listener_pairs()) {
    return Error{"the plan has two listeners, but the audio was opened for one (channels 1-2 only)"};
  }
  // new_session_id only knows this process's ids. Another holdspace (the one that crashed, or
  // the CLI after the UI) may have begun a session for this client in the same second; the
  // journal would then refuse the second session_started and file this session's events under
  // that one. So the id must be new to the journal too.
  const std::string base_id = journal::new_session_id(client);
  std::string id = base_id;
  for (int n = 2; journal.events(id).ok(); ++n) id = base_id + "-" + std::to_string(n);
  std::unique_ptr<SessionController> controller(
      new SessionController(plan, id, client, journal, clock, engine, loudness_dir));
  Event started;
  started.type = EventType::SessionStarted;
  started.payload = plan_snapshot(plan, client);
  controller->record(std::move(started));
  Command start;
  start.type = Command::Type::Start;
  if (auto begun = controller->command(start); !begun) return begun.error();
  return controller;
}

Result<std::unique_ptr<SessionController>> SessionController::resume(const std::string& session_id,
                                                                     journal::Journal& journal, const Clock& clock,
                                                                     audio::AudioEngine& engine) {
  auto events = journal.events(session_id);
  if (!events) return events.error();
  if (events->empty() || events->front().type != EventType::SessionStarted) {
    return Error{"session " + session_id + " has no start in the journal"};
  }
  const auto& snapshot = events->front().payload;
  const std::filesystem::path plan_path = snapshot.value("plan_path", std::string());
  auto plan = session::parse_plan(snapshot.value("plan_toml", std::string()), plan_path, plan_path.parent_path());
  if (!plan) return Error{"cannot resume " + session_id + ": " + plan.error().message};

  if (plan->plan.listener_pairs() > engine.mixer().listener_pairs()) {
    return Error{"cannot resume " + session_id + ": its plan has two listeners, but the audio was opened for one"};
  }
  std::unique_ptr<SessionController> controller(new SessionController(
      std::move(plan.value()), session_id, snapshot.value("client", std::string()), journal, clock, engine, {}));
  for (const auto& event : *events) controller->timeline_.reduce(controller->state_, event);
  if (controller->state_.ended) return Error{"session " + session_id + " has already ended"};
  controller->record_ = std::move(events.value());

  // Session time carries on from the last event, plus however long holdspace was not running
  // (by the wall clock: after a power cut the monotonic clock starts again from zero).
  const Event& last = controller->record_.back();
  double gap_seconds = 0.0;
  if (auto last_wall = parse_iso_utc(last.wall_time_utc)) {
    gap_seconds = std::max(0.0, std::chrono::duration<double>(clock.wall() - *last_wall).count());
  }
  controller->base_ns_ = last.session_ns + std::int64_t(gap_seconds * 1e9);
  Event resumed;
  resumed.type = EventType::SessionResumed;
  resumed.payload = {{"gap_seconds", gap_seconds}};
  controller->record(std::move(resumed));

  controller->update_level(0.0);
  if (controller->state_.current.phase < 0) {
    // It stopped between its start and its first phase: begin that phase now.
    Command start;
    start.type = Command::Type::Start;
    if (auto begun = controller->command(start); !begun) return begun.error();
  } else if (!controller->state_.faded_out) {
    controller->play_from(controller->state_.current.phase, kResumeFadeSeconds);
  }
  return controller;
}

int SessionController::listener_pairs_of(const std::string& session_id, journal::Journal& journal) {
  auto events = journal.events(session_id);
  if (!events || events->empty() || events->front().type != EventType::SessionStarted) return 1;
  const auto& snapshot = events->front().payload;
  const std::filesystem::path plan_path = snapshot.value("plan_path", std::string());
  auto plan = session::parse_plan(snapshot.value("plan_toml", std::string()), plan_path, plan_path.parent_path());
  return plan ? plan->plan.listener_pairs() : 1;
}

// Each listener's own level and ceiling, sent once: they hold for the whole session, under the
// session level that update_level moves. Without [[listener]]s, the plan's ceiling on 1-2.
void SessionController::set_listeners() {
  const auto& plan = loaded_.plan;
  if (plan.listeners.empty()) {
    music_.set_ceiling_dbtp(plan.ceiling_dbtp);
    return;
  }
  for (std::size_t i = 0; i < plan.listeners.size(); ++i) {
    music_.set_ceiling_dbtp(plan.listeners[i].ceiling_dbtp, int(i));
    music_.set_listener_db(int(i), plan.listeners[i].volume_db, 0.0);
  }
}

session::Nanos SessionController::now() const { return base_ns_ + (clock_.monotonic_ns() - clock_origin_ns_); }

// Stamps the event and writes it. If the disk refuses, the journal keeps it in memory and we
// say so at once; the session goes on either way.
void SessionController::record(Event event) {
  const auto wall = clock_.wall();
  event.session_id = session_id_;
  event.wall_time_utc = iso_utc(wall);
  event.utc_offset_minutes = utc_offset_minutes(wall);
  event.session_ns = now();
  auto written = journal_.append(event);
  if (written) event.sequence = written.value();
  const bool caught_up = written && journal_spell_.active && journal_.pending_count() == 0;
  if (!written) journal_refused(event, written.error().message);
  timeline_.reduce(state_, event);
  record_.push_back(std::move(event));
  if (caught_up) journal_caught_up();
}

// The event waits in the journal's memory (or, if the journal refused it outright, is only in
// ours); the therapist hears of it with the first refusal, not with every one.
void SessionController::journal_refused(const Event& event, const std::string& message) {
  journal_problem_ = message;
  if (journal_.pending_count() == 0) {
    messages_.push_back("journal: " + message);
    return;
  }
  if (!journal_spell_.active) {
    journal_spell_ = {true, event.wall_time_utc, event.session_ns, 0, journal_.pending_reason()};
    last_journal_retry_ = now();
    messages_.push_back("journal: " + journal_alert_text(journal_.pending_count(), journal_spell_.reason));
  }
  ++journal_spell_.held;
}

// Everything held is on disk, in order, before anything newer. The spell itself goes into the
// record, so a review shows that these events were written late, and why.
void SessionController::journal_caught_up() {
  const JournalSpell spell = std::exchange(journal_spell_, {});
  journal_problem_.clear();
  const session::Nanos at = now();
  journal_note_ = journal_recovered_text(spell.held, double(spell.since_ns - state_.session_started) / 1e9,
                                         double(at - state_.session_started) / 1e9, spell.reason);
  journal_note_until_ = at + kJournalNoteNs;
  messages_.push_back("journal: " + journal_note_);
  Event recovered;
  recovered.type = EventType::JournalRecovered;
  recovered.payload = {{"reason", spell.reason},
                       {"since_utc", spell.since_utc},
                       {"since_ns", spell.since_ns},
                       {"events_held", spell.held}};
  record(std::move(recovered));
}

void SessionController::retry_journal() {
  if (journal_.pending_count() == 0 || now() - last_journal_retry_ < kJournalRetryNs) return;
  last_journal_retry_ = now();
  if (auto written = journal_.flush_pending(); !written) {
    journal_problem_ = written.error().message;
  } else if (journal_spell_.active) {
    journal_caught_up();
  }
}

Status SessionController::command(const Command& command) {
  session::Decision decision = timeline_.decide(state_, command, now());
  if (!decision.refused.empty()) return Error{decision.refused};
  for (auto& event : decision.events) {
    // What sounded before this event decides how the next music comes in.
    const int phase_before = state_.current.phase;
    const bool music_before = phase_before >= 0 && !state_.faded_out &&
                              !loaded_.plan.phases[std::size_t(phase_before)].playlist.empty();
    record(event);
    apply_audio(record_.back(), phase_before, music_before);
  }
  return ok_status();
}

void SessionController::apply_audio(const Event& event, int phase_before, bool music_before) {
  const auto& plan = loaded_.plan;
  switch (event.type) {
    case EventType::PhaseStarted: {
      const int phase = event.payload.value("phase", 0);
      const session::PhasePlan& p = plan.phases[std::size_t(phase)];
      // Out of silence (the first phase, a silent phase, a fade-out): this phase's own fade-in.
      // Out of music: the crossfade the phase being left asks for.
      const double crossfade = music_before ? plan.phases[std::size_t(phase_before)].crossfade_seconds
                                            : p.fade_in_seconds;
      // With no device the music waits for device_restored, which starts this phase where the
      // timeline has reached by then. Its bell is not kept for that moment: minutes late, it
      // would mark nothing, and would only startle.
      const bool sound = device_problem_.empty();
      if (sound) music_.play_phase(p, phase, crossfade);
      update_level(crossfade);
      if (p.bell && plan.bell) {
        if (sound) music_.ring_bell(*plan.bell);
        else messages_.push_back("bell: not rung, as " + p.name + " began while there was no sound");
      }
      break;
    }
    case EventType::PhaseChangeUndone:
      play_from(state_.current.phase, kResumeFadeSeconds);
      update_level(kResumeFadeSeconds);
      break;
    case EventType::DuckOn:
      update_level(kDuckDownSeconds);
      break;
    case EventType::DuckOff:
      update_level(kDuckUpSeconds);
      break;
    case EventType::FadeOut:
      music_.fade_out(event.payload.value("seconds", loaded_.plan.fade_out_seconds));
      break;
    case EventType::FadeIn:
      play_from(state_.current.phase, event.payload.value("seconds", kResumeFadeSeconds));
      update_level(0.0);
      break;
    case EventType::SessionEnded:
      music_.fade_out(loaded_.plan.fade_out_seconds);
      break;
    default:
      break;
  }
}

// The music of `phase` where the timeline says it should be now, faded in. Not while the device
// is lost: music queued then would start at full level the moment the output plays again.
void SessionController::play_from(int phase, double fade_seconds) {
  if (phase < 0 || !device_problem_.empty()) return;
  const session::PhasePlan& p = loaded_.plan.phases[std::size_t(phase)];
  const MusicPosition position = music_position(p, phase, record_, state_.current.started, now());
  if (position.silent) {
    session::PhasePlan silent = p;
    silent.playlist.clear();
    music_.play_phase(silent, phase, fade_seconds);
    return;
  }
  music_.play_phase(p, phase, fade_seconds, position.entry, position.offset_seconds);
}

// Not while the device is lost: nothing drains the mixer's commands then, and a queue filled by
// presses of Talk would drop the latest level. device_restored sets the level the session has.
void SessionController::update_level(double ramp_seconds) {
  if (!device_problem_.empty()) return;
  const auto& plan = loaded_.plan;
  double db = 0.0;
  if (state_.current.phase >= 0) db = plan.phases[std::size_t(state_.current.phase)].volume_db;
  db = std::min(db, plan.max_volume_db);
  // The plan's depth; a resumed session reads the same plan back from the journal.
  if (state_.ducked) db += plan.talk_duck_db;
  music_.set_level_db(db, ramp_seconds);
}

void SessionController::record_track_events() {
  for (const auto& track : music_.take_track_events()) {
    Event event;
    nlohmann::json payload = {{"phase", track.list_tag},  {"entry", track.entry},
                              {"path", track.path.string()}, {"title", track.title},
                              {"line", track.line}};
    switch (track.kind) {
      case audio::TrackEvent::Kind::Started:
        event.type = EventType::TrackStarted;
        payload["offset_seconds"] = track.offset_seconds;
        payload["duration_seconds"] = track.duration_seconds;
        payload["gain_db"] = track.gain_db;  // its loudness-matching gain
        break;
      case audio::TrackEvent::Kind::Ended:
        event.type = EventType::TrackEnded;
        payload["played_seconds"] = track.played_seconds;
        break;
      case audio::TrackEvent::Kind::Skipped:
        event.type = EventType::TrackSkipped;
        payload["reason"] = track.reason;
        break;
    }
    event.payload = std::move(payload);
    record(std::move(event));
  }
}

void SessionController::poll() {
  music_.poll();
  record_track_events();
  for (auto& message : music_.take_messages()) messages_.push_back(std::move(message));
  for (auto& problem : levels_.take_problems()) messages_.push_back(std::move(problem));
  if (!state_.ended) {
    Command tick;
    tick.type = Command::Type::Tick;
    (void)command(tick);
  }
  retry_journal();
}

SessionSnapshot SessionController::snapshot() const {
  SessionSnapshot view;
  const auto& plan = loaded_.plan;
  const session::Nanos at = now();
  view.session_id = session_id_;
  view.client = client_;
  view.plan_name = plan.name;
  view.ended = state_.ended;
  view.paused = state_.paused;
  view.ducked = state_.ducked;
  view.faded_out = state_.faded_out;
  view.phase = state_.current.phase;
  view.phase_count = int(plan.phases.size());
  if (view.phase >= 0) {
    view.phase_name = plan.phases[std::size_t(view.phase)].name;
    const auto times = session::phase_times(state_, plan, at);
    view.phase_elapsed_seconds = double(times.elapsed) / 1e9;
    view.phase_planned_seconds = double(times.planned) / 1e9;
  }
  view.session_elapsed_seconds = double(at - state_.session_started) / 1e9;
  // With no device nothing plays, whatever the player last showed.
  if (device_problem_.empty()) view.track = music_.now_playing();
  for (int r = 0; r < int(plan.reminders.size()); ++r) {
    const auto& reminder = state_.reminders[std::size_t(r)];
    if (reminder.shown && !reminder.acknowledged) {
      view.showing.push_back({r, plan.reminders[std::size_t(r)].text, 0.0});
    } else if (!reminder.shown) {
      if (auto due = session::reminder_due(state_, plan, r, at)) {
        const double in = double(*due - at) / 1e9;
        if (!view.next_reminder || in < view.next_reminder->due_in_seconds) {
          view.next_reminder = ReminderView{r, plan.reminders[std::size_t(r)].text, in};
        }
      }
    }
  }
  view.underruns = engine_.mixer().underruns();
  view.device_lost = !device_problem_.empty();
  view.device_problem = device_problem_;
  view.device_search = device_search_;
  view.journal_waiting = journal_.pending_count();
  if (view.journal_waiting > 0) {
    view.journal_problem = journal_problem_;
    view.journal_alert = journal_alert_text(view.journal_waiting, journal_.pending_reason());
  } else if (at < journal_note_until_) {
    view.journal_note = journal_note_;
  }
  return view;
}

void SessionController::device_lost(const std::string& device, const std::string& reason) {
  device_problem_ = reason;
  music_.hold();  // device_restored brings the music back, faded in where the timeline says
  messages_.push_back("audio: " + reason + ". The session goes on; the music comes back by itself when the "
                      "device does");
  Event event;
  event.type = EventType::DeviceLost;
  event.payload = {{"device", device}, {"reason", reason}};
  record(std::move(event));
}

void SessionController::device_search_failed(const std::string& device, const std::string& why) {
  if (device_problem_.empty() || why.empty() || why == device_search_) return;
  device_search_ = why;
  messages_.push_back("audio: " + device + " is not back yet: " + why + ". Trying again every second");
}

void SessionController::device_restored(const std::string& device) {
  device_problem_.clear();
  device_search_.clear();
  messages_.push_back("audio: " + device + " is back");
  Event event;
  event.type = EventType::DeviceRestored;
  event.payload = {{"device", device}};
  record(std::move(event));
  update_level(0.0);  // at once: the mixer is silent until play_from fades the music in
  if (!state_.ended && !state_.faded_out) play_from(state_.current.phase, kResumeFadeSeconds);
}

void SessionController::fade_for_exit(double seconds) { music_.fade_out(seconds); }

std::vector<std::string> SessionController::take_messages() { return std::exchange(messages_, {}); }

}  // namespace holdspace::control
