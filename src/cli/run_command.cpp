// holdspace-cli run / resume: a whole session from the terminal, keyboard-driven.
#include "cli/commands.h"
#include "cli/session_loop.h"

namespace holdspace::cli {

void add_run_command(CLI::App& app, int& exit_code) {
  static SessionArguments args;
  auto* run = app.add_subcommand("run", "Run a session from a plan, with keyboard control");
  run->add_option("PLAN", args.plan, "The session plan (.toml)")->required();
  run->add_option("--client", args.client, "The client's code (not their name)")->required();
  run->add_option("--device", args.device, "Output device name or part of it (see devices)");
  run->add_option("--data-dir", args.data_dir, "Where the journal lives (default: ~/.local/share/holdspace)");
  run->add_option("--buffer", args.buffer_frames, "Frames per device buffer")->check(CLI::Range(16, 16384));
  run->callback([&exit_code] { exit_code = run_new_session(args); });

  static SessionArguments resume_args;
  auto* resume = app.add_subcommand("resume", "Resume the session that was not ended (after a crash)");
  resume->add_option("ID", resume_args.resume_id, "A session id (default: the unfinished one)");
  resume->add_option("--device", resume_args.device, "Output device name or part of it");
  resume->add_option("--data-dir", resume_args.data_dir, "Where the journal lives");
  resume->add_option("--buffer", resume_args.buffer_frames, "Frames per device buffer")->check(CLI::Range(16, 16384));
  resume->callback([&exit_code] { exit_code = resume_session(resume_args); });
}

}  // namespace holdspace::cli
