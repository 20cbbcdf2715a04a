// holdspace-cli: everything holdspace does that needs no eyes, on the same core as the app.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"holdspace-cli: runs, records and reviews sessions; plays, checks and renders playlists"};
  app.set_version_flag("--version", "holdspace-cli 0.1.0");
  app.require_subcommand(1);
  int exit_code = 0;
  holdspace::cli::add_devices_command(app, exit_code);
  holdspace::cli::add_check_command(app, exit_code);
  holdspace::cli::add_play_command(app, exit_code);
  holdspace::cli::add_render_command(app, exit_code);
  holdspace::cli::add_run_command(app, exit_code);
  holdspace::cli::add_sessions_command(app, exit_code);
  holdspace::cli::add_show_command(app, exit_code);
  holdspace::cli::add_export_command(app, exit_code);
  holdspace::cli::add_preflight_command(app, exit_code);
  holdspace::cli::add_analyze_command(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
