// holdspace-cli show ID: one session's timeline in the terminal: each phase planned against
// actual, tracks with their start times, markers, vitals and reminders. ID may be "last".
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/journal_access.h"
#include "cli/terminal.h"
#include "journal/journal.h"
#include "journal/session_record.h"
#include "journal/timeline_text.h"

namespace holdspace::cli {
namespace {

struct ShowArguments {
  std::string id;
  std::string data_dir;
};

int show_session(const ShowArguments& args) {
  auto opened = open_journal(args.data_dir);
  if (!opened) {
    print_error(opened.error().message);
    return 1;
  }
  auto session = recorded_session(*opened.value(), args.id);
  if (!session) {
    print_error(session.error().message);
    return 1;
  }
  const std::string text = journal::timeline_text(journal::build_session_record(session->events));
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace

void add_show_command(CLI::App& app, int& exit_code) {
  static ShowArguments args;
  auto* command = app.add_subcommand("show", "Show a session's timeline: phases, tracks, markers");
  command->add_option("ID", args.id, "A session id, a unique prefix of one, or \"last\"")
      ->required();
  command->add_option("--data-dir", args.data_dir,
                      "Where the journal lives (default: $XDG_DATA_HOME/holdspace)");
  command->callback([&exit_code] { exit_code = show_session(args); });
}

}  // namespace holdspace::cli
