// holdspace-cli sessions: the past sessions, newest first, one line each: id, local date and
// time, client, plan, and actual against planned length.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/journal_access.h"
#include "cli/terminal.h"
#include "core/text_format.h"
#include "journal/export_format.h"
#include "journal/journal.h"

namespace holdspace::cli {
namespace {

struct SessionsArguments {
  std::string client;
  std::string data_dir;
};

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t have = display_width(text);
  return have >= width ? text : text + std::string(width - have, ' ');
}

int list_sessions(const SessionsArguments& args) {
  auto opened = open_journal(args.data_dir);
  if (!opened) {
    print_error(opened.error().message);
    return 1;
  }
  std::vector<journal::SessionSummary> sessions =
      opened.value()->sessions(args.client.empty() ? std::nullopt : std::optional(args.client));
  if (sessions.empty()) {
    std::printf("%s\n", args.client.empty() ? "no sessions yet"
                                            : ("no sessions for client " + args.client).c_str());
    return 0;
  }
  // Newest first whatever order the store keeps; UTC ISO times sort as text.
  std::stable_sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
    return a.started_utc != b.started_utc ? a.started_utc > b.started_utc
                                          : a.session_id > b.session_id;
  });
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> widths(4, 0);
  for (const journal::SessionSummary& session : sessions) {
    std::vector<std::string> row = {
        session.session_id,
        journal::local_date_time(session.started_utc, session.utc_offset_minutes),
        session.client.empty() ? "-" : session.client,
        session.plan_name.empty() ? "-" : session.plan_name};
    for (std::size_t i = 0; i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
    row.push_back(format_duration(session.actual_minutes * 60.0) + " / " +
                  format_duration(session.planned_minutes * 60.0) +
                  (session.ended ? "" : "  (unfinished)"));
    rows.push_back(std::move(row));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) line += pad(row[i], widths[i]) + "  ";
    std::printf("%s%s\n", line.c_str(), row.back().c_str());
  }
  return 0;
}

}  // namespace

void add_sessions_command(CLI::App& app, int& exit_code) {
  static SessionsArguments args;
  auto* command = app.add_subcommand("sessions", "List past sessions, newest first");
  command->add_option("--client", args.client, "Only this client's sessions (the client code)");
  command->add_option("--data-dir", args.data_dir,
                      "Where the journal lives (default: $XDG_DATA_HOME/holdspace)");
  command->callback([&exit_code] { exit_code = list_sessions(args); });
}

}  // namespace holdspace::cli
