#include "cli/session_loop.h"

#include <unistd.h>

#include <chrono>
#include <functional>
#include <set>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/audio_report.h"
#include "cli/interrupt.h"
#include "cli/journal_access.h"
#include "cli/key_input.h"
#include "cli/session_status.h"
#include "cli/terminal.h"
#include "control/device_watch.h"
#include "control/live_audio.h"
#include "control/session_controller.h"
#include "core/clock.h"
#include "journal/journal.h"
#include "session/vitals_text.h"

namespace holdspace::cli {
namespace {

using session::Command;

constexpr int kKeyWaitMs = 100;
constexpr auto kEndFadeWait = std::chrono::seconds(9);

void print_line(LiveLine& status, const std::string& text) {
  status.finish();
  std::printf("%s\n", text.c_str());
  std::fflush(stdout);
}

void print_help() {
  std::printf(
      "keys: n next phase  b back  u undo phase change  p pause/resume timeline  e extend +5 min\n"
      "      d dose  o booster  v vitals  m note  a acknowledge reminder\n"
      "      t talk (duck)  f fade out / back in  q end session  h this help\n");
}

// Turns a key into a command; prompts where the command needs more. Nothing for unknown keys.
std::optional<Command> command_for(char key, KeyInput& keys, const control::SessionSnapshot& view,
                                   LiveLine& status, const std::function<void()>& keep_going) {
  Command command;
  switch (key) {
    case 'n': command.type = Command::Type::Advance; return command;
    case 'b': command.type = Command::Type::Back; return command;
    case 'u': command.type = Command::Type::UndoPhaseChange; return command;
    case 'p': command.type = view.paused ? Command::Type::Resume : Command::Type::Pause; return command;
    case 'e':
      command.type = Command::Type::Extend;
      command.minutes = 5;
      return command;
    case 't': command.type = Command::Type::Talk; return command;
    case 'f': command.type = Command::Type::FadeOut; return command;
    case 'd':
    case 'o':
      command.type = Command::Type::Marker;
      command.marker = key == 'd' ? "dose" : "booster";
      return command;
    case 'm': {
      status.finish();
      command.type = Command::Type::Marker;
      command.marker = "note";
      command.text = keys.read_line("note: ", keep_going);
      if (command.text.empty()) return std::nullopt;
      return command;
    }
    case 'v': {
      status.finish();
      const std::string line = keys.read_line("vitals (e.g. 128/82 74 98 = BP, heart rate, SpO2): ", keep_going);
      if (line.empty()) return std::nullopt;
      auto vitals = session::parse_vitals(line);
      if (!vitals) {
        print_line(status, "not recorded: " + vitals.error().message);
        return std::nullopt;
      }
      command.type = Command::Type::Marker;
      command.marker = "vitals";
      command.vitals = vitals.value();
      return command;
    }
    case 'a':
      if (view.showing.empty()) return std::nullopt;
      command.type = Command::Type::AcknowledgeReminder;
      command.reminder = view.showing.front().index;
      return command;
    case 'q': {
      status.finish();
      const std::string answer = keys.read_line("End the session now? (y/n) ", keep_going);
      if (answer != "y" && answer != "Y" && answer != "yes") return std::nullopt;
      command.type = Command::Type::End;
      return command;
    }
    case 'h':
      status.finish();
      print_help();
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// One stereo pair per listener: a couples plan opens the device with 4 channels.
Result<control::LiveAudio> open_audio(const SessionArguments& args, int listener_pairs) {
  return control::LiveAudio::open({args.device, args.buffer_frames, listener_pairs});
}

int drive(control::SessionController& controller, control::LiveAudio& audio) {
  if (auto started = audio.start(); !started) {
    print_error(started.error().message);
    return 1;
  }
  watch_for_interrupt();
  KeyInput keys;
  LiveLine status(stdout);
  std::printf("session %s on %s (h for keys)\n", controller.session_id().c_str(),
              audio.stream->device().qualified_name().c_str());
  std::fflush(stdout);  // at once, into a log file or a pipe too: a script may wait for this line
  std::set<int> reminders_printed;
  control::DeviceWatch device(audio);
  // One turn of the session without a key: the device, the controller's work, alerts, new
  // reminders.
  const auto keep_going = [&] {
    control::follow_device(device, controller);
    controller.poll();
    for (const auto& message : controller.take_messages()) print_line(status, "! " + message);
    for (const auto& reminder : controller.snapshot().showing) {
      if (reminders_printed.insert(reminder.index).second) {
        print_line(status, "REMINDER: " + reminder.text + "   (a to acknowledge)");
      }
    }
  };
  auto ended_at = std::chrono::steady_clock::time_point::max();
  while (true) {
    keep_going();
    const auto view = controller.snapshot();
    status.show(session_status_line(view));

    if (view.ended) {
      if (ended_at == std::chrono::steady_clock::time_point::max()) {
        ended_at = std::chrono::steady_clock::now();
        print_line(status, "session ended; the music is fading out");
      }
      if (std::chrono::steady_clock::now() - ended_at > kEndFadeWait) break;
    }
    if (interrupt_count() > 0) {
      // Ctrl-C leaves the session unfinished on purpose: the music fades and `resume` picks up.
      print_line(status, "interrupted: the session stays open; `holdspace-cli resume` continues it");
      controller.fade_for_exit(2.0);
      std::this_thread::sleep_for(std::chrono::milliseconds(2500));
      break;
    }
    const auto key = keys.next_key(kKeyWaitMs);
    if (!key || view.ended) continue;
    if (auto command = command_for(*key, keys, view, status, keep_going)) {
      if (auto done = controller.command(*command); !done) print_line(status, "not done: " + done.error().message);
    }
  }
  status.finish();
  // The record comes first: while events still wait for the disk, keep trying and say so.
  for (int attempt = 0; controller.snapshot().journal_waiting > 0 && interrupt_count() < 2; ++attempt) {
    if (attempt % 50 == 0) {
      print_line(status, "! " + std::to_string(controller.snapshot().journal_waiting) +
                             " events still wait to be written to the journal; retrying (Ctrl-C twice to give up)");
    }
    controller.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (audio.stream) print_line(status, audio_report(audio.stream->callback_timing(), audio.engine->mixer().underruns()));
  audio.stop();
  return 0;
}

}  // namespace

int run_new_session(const SessionArguments& args) {
  auto plan = session::load_plan(args.plan);
  if (!plan) {
    print_error(plan.error().message);
    return 1;
  }
  for (const auto& warning : plan->warnings) {
    print_warning(args.plan + ":" + std::to_string(warning.line) + ": " + warning.message);
  }
  auto journal = open_journal(args.data_dir);
  if (!journal) {
    print_error(journal.error().message);
    return 1;
  }
  if (auto unfinished = journal.value()->unfinished_session()) {
    // At a terminal, offer to carry on where the crash left off; from a script, just say so.
    if (::isatty(STDIN_FILENO) == 1) {
      std::printf("Session %s was not ended (a crash?). Resume it instead of starting a new one? (y/n) ",
                  unfinished->c_str());
      std::fflush(stdout);
      std::string answer;
      std::getline(std::cin, answer);
      if (answer == "y" || answer == "Y" || answer == "yes") {
        SessionArguments resume_args = args;
        resume_args.resume_id = *unfinished;
        return resume_session(resume_args);
      }
    } else {
      print_warning("session " + *unfinished + " was not ended; `holdspace-cli resume` continues it");
    }
  }
  auto audio = open_audio(args, plan->plan.listener_pairs());
  if (!audio) {
    print_error(audio.error().message);
    return 1;
  }
  SystemClock clock;
  auto controller = control::SessionController::begin(plan.value(), args.client, *journal.value(), clock,
                                                      *audio->engine);
  if (!controller) {
    print_error(controller.error().message);
    return 1;
  }
  return drive(*controller.value(), audio.value());
}

int resume_session(const SessionArguments& args) {
  auto journal = open_journal(args.data_dir);
  if (!journal) {
    print_error(journal.error().message);
    return 1;
  }
  std::string id = args.resume_id;
  if (id.empty()) {
    auto unfinished = journal.value()->unfinished_session();
    if (!unfinished) {
      print_error("there is no unfinished session to resume");
      return 1;
    }
    id = *unfinished;
  } else {
    auto resolved = journal.value()->resolve_session_id(id);
    if (!resolved) {
      print_error(resolved.error().message);
      return 1;
    }
    id = resolved.value();
  }
  auto audio = open_audio(args, control::SessionController::listener_pairs_of(id, *journal.value()));
  if (!audio) {
    print_error(audio.error().message);
    return 1;
  }
  SystemClock clock;
  auto controller = control::SessionController::resume(id, *journal.value(), clock, *audio->engine);
  if (!controller) {
    print_error(controller.error().message);
    return 1;
  }
  std::printf("resuming session %s\n", id.c_str());
  return drive(*controller.value(), audio.value());
}

}  // namespace holdspace::cli
