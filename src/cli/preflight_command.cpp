// holdspace-cli preflight: the whole session rendered and measured before the client arrives
// (src/preflight). A summary on the terminal; the full report as HTML with -o; the rendered
// session as a WAV with --wav. Exits 0 when nothing needs looking at, 1 otherwise.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli/commands.h"
#include "cli/terminal.h"
#include "core/text_format.h"
#include "journal/journal.h"
#include "preflight/preflight.h"
#include "preflight/report_html.h"

namespace holdspace::cli {
namespace {

struct PreflightArguments {
  std::string plan;
  std::string report;
  std::string wav;
  std::string data_dir;
  int threads = 0;
};

void print_summary(const preflight::PreflightReport& report, double took) {
  const auto& out = report.output;
  std::printf("%s: %s rendered in %.1f s (%.0fx real time)\n", report.plan_name.c_str(),
              format_duration(report.render.seconds()).c_str(), took, took > 0 ? report.render.seconds() / took : 0.0);
  std::printf("  highest true peak  %+.1f dBTP, ceiling %+.1f dBTP: %s\n", out.max_true_peak_dbtp,
              report.ceiling_dbtp, out.max_true_peak_dbtp <= report.ceiling_dbtp ? "held" : "PASSED");
  if (const auto& second = report.second_listener) {
    std::printf("  second listener    %s on channels 3-4: highest true peak %+.1f dBTP, ceiling %+.1f dBTP: %s\n",
                second->name.c_str(), second->max_true_peak_dbtp, second->ceiling_dbtp,
                second->ceiling_held() ? "held" : "PASSED");
  }
  std::printf("  loudness           %.1f LUFS over the session; tracks matched to %.1f LUFS\n", out.integrated_lufs,
              report.target_lufs);
  if (out.loudest.minute >= 0) {
    std::printf("  loudest minute     %d (%.1f LUFS); quietest minute %d (%.1f LUFS)\n", out.loudest.minute + 1,
                out.loudest.lufs, out.quietest.minute + 1, out.quietest.lufs);
  }
  for (std::size_t i = 0; i < report.fits.size(); ++i) {
    const auto& fit = report.fits[i];
    if (fit.is_warning()) std::printf("  phase %zu: %s\n", i + 1, fit.message.c_str());
  }
  for (const auto& finding : report.files) {
    const std::string where = finding.playlist.empty()
                                  ? finding.file.string()
                                  : finding.playlist.string() + ":" + std::to_string(finding.line);
    std::printf("  %s: %s\n", where.c_str(), finding.problem.c_str());
  }
  for (const auto& jump : report.jumps) {
    std::printf("  at %s: %+.1f LU from \"%s\" to \"%s\"\n", format_duration(jump.to.start_seconds).c_str(),
                jump.to_lufs - jump.from_lufs, jump.from.title.c_str(), jump.to.title.c_str());
  }
  for (const auto& problem : report.render.problems) std::printf("  during the render: %s\n", problem.c_str());
  const int problems = report.problem_count();
  if (problems == 0) {
    std::printf("ready: no problems found\n");
  } else {
    std::printf("%d problem%s to look at before the session\n", problems, problems == 1 ? "" : "s");
  }
}

int preflight_plan(const PreflightArguments& args) {
  auto loaded = session::load_plan(args.plan);
  if (!loaded) {
    print_error(loaded.error().message);
    return 1;
  }
  preflight::PreflightOptions options;
  options.data_dir = args.data_dir.empty() ? journal::default_data_dir() : std::filesystem::path(args.data_dir);
  options.wav = args.wav;
  options.threads = args.threads;
  LiveLine progress(stderr);
  options.on_progress = [&progress](const std::string& stage, double done, double total) {
    const std::string amount = stage == "measuring"
                                   ? std::to_string(int(done)) + " / " + std::to_string(int(total)) + " files"
                                   : format_duration(done) + " / " + format_duration(total);
    progress.show(stage + "  " + progress_bar(total > 0 ? done / total : 0.0, 30) + "  " + amount);
  };
  const auto began = std::chrono::steady_clock::now();
  auto report = preflight::run_preflight(loaded.value(), options);
  progress.finish();
  if (!report) {
    print_error(report.error().message);
    return 1;
  }
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  print_summary(report.value(), took);
  if (!args.report.empty()) {
    std::ofstream out(args.report, std::ios::binary | std::ios::trunc);
    out << preflight::report_html(report.value());
    if (!out.flush()) {
      print_error(args.report + ": cannot write the report");
      return 1;
    }
    std::printf("wrote %s\n", args.report.c_str());
  }
  if (!args.wav.empty()) std::printf("wrote %s\n", args.wav.c_str());
  return report->problem_count() == 0 ? 0 : 1;
}

}  // namespace

void add_preflight_command(CLI::App& app, int& exit_code) {
  static PreflightArguments args;
  auto* command = app.add_subcommand("preflight", "Render and measure a whole session before the client arrives");
  command->add_option("PLAN", args.plan, "A session plan (.toml)")->required();
  command->add_option("-o,--report", args.report, "Write the full report as HTML");
  command->add_option("--wav", args.wav, "Write the rendered session as a 24-bit WAV");
  command->add_option("--data-dir", args.data_dir, "Where the loudness cache lives (default: ~/.local/share/holdspace)");
  command->add_option("--threads", args.threads, "Files measured at once (default: one per core)")
      ->check(CLI::Range(0, 64));
  command->callback([&exit_code] { exit_code = preflight_plan(args); });
}

}  // namespace holdspace::cli
