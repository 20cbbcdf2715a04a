// holdspace-cli export ID: the session as CSV, JSON or a printable HTML report (--format), or
// what actually played as an M3U8 (--playlist). The file is client data, so it is written
// readable by the owner only.
#include <cstdio>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/journal_access.h"
#include "cli/terminal.h"
#include "journal/export_playlist.h"
#include "journal/export_session.h"
#include "journal/journal.h"
#include "journal/session_record.h"

namespace holdspace::cli {
namespace {

struct ExportArguments {
  std::string id;
  std::string format;
  bool playlist = false;
  std::string output;
  std::string data_dir;
};

// What to write: a format, or the played playlist. Without --format the file's extension
// decides, so `-o notes.csv` just works.
struct ExportChoice {
  bool playlist = false;
  journal::ExportFormat format = journal::ExportFormat::Html;
};

Result<ExportChoice> choose(const ExportArguments& args) {
  if (args.playlist) {
    if (!args.format.empty()) return Error{"use either --format or --playlist, not both"};
    return ExportChoice{true, {}};
  }
  if (!args.format.empty()) {
    const auto format = journal::export_format_from(args.format);
    if (!format) return Error{"unknown format '" + args.format + "': use csv, json or html"};
    return ExportChoice{false, *format};
  }
  std::string extension = std::filesystem::path(args.output).extension().string();
  if (!extension.empty()) extension.erase(0, 1);
  if (extension == "m3u8" || extension == "m3u") return ExportChoice{true, {}};
  if (const auto format = journal::export_format_from(extension == "htm" ? "html" : extension)) {
    return ExportChoice{false, *format};
  }
  return Error{"say what to write: --format csv, json or html, or --playlist"};
}

int export_session(const ExportArguments& args) {
  const auto choice = choose(args);
  if (!choice) {
    print_error(choice.error().message);
    return 1;
  }
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
  const Status written = choice->playlist
                             ? journal::export_played_playlist(
                                   journal::build_session_record(session->events), args.output)
                             : journal::write_export(choice->format, session->events, args.output);
  if (!written) {
    print_error(written.error().message);
    return 1;
  }
  std::printf("wrote %s\n", args.output.c_str());
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  static ExportArguments args;
  auto* command = app.add_subcommand(
      "export", "Export a session as CSV, JSON or an HTML report, or what played as an M3U8");
  command->add_option("ID", args.id, "A session id, a unique prefix of one, or \"last\"")
      ->required();
  command->add_option("--format", args.format,
                      "csv, json or html (default: from the file's extension)");
  command->add_flag("--playlist", args.playlist,
                    "Write the tracks that played as an M3U8 playlist");
  command->add_option("-o,--output", args.output, "The file to write")->required();
  command->add_option("--data-dir", args.data_dir,
                      "Where the journal lives (default: $XDG_DATA_HOME/holdspace)");
  command->callback([&exit_code] { exit_code = export_session(args); });
}

}  // namespace holdspace::cli
