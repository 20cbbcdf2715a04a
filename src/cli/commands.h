// holdspace-cli's subcommands. Each adds itself to the app and, when run, stores its exit code:
// 0 for success, 1 for a problem the user must fix (already printed as one line).
#pragma once

#include <CLI/CLI.hpp>

namespace holdspace::cli {

void add_devices_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_play_command(CLI::App& app, int& exit_code);
void add_render_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);  // run and resume
void add_sessions_command(CLI::App& app, int& exit_code);
void add_show_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_preflight_command(CLI::App& app, int& exit_code);
void add_analyze_command(CLI::App& app, int& exit_code);

}  // namespace holdspace::cli
