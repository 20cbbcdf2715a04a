// load_plan and parse_plan: the file is read whole, parsed by toml++, and then every section is
// checked before anything is returned, so a session never starts on half a plan.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>

#include <toml++/toml.h>

#include "session/plan.h"
#include "session/plan_fields.h"
#include "session/plan_keys.h"
#include "session/plan_levels.h"
#include "session/plan_listener.h"
#include "session/plan_media.h"
#include "session/plan_phase.h"
#include "session/plan_problems.h"
#include "session/plan_reminder.h"

namespace holdspace::session {
namespace {

// toml++'s descriptions are one line today; a message must stay one line whatever they become.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

void read_name(const toml::table& root, Plan& plan, PlanProblems& problems) {
  const auto name = read_text(root, "name", problems);
  if (!name) {
    if (!root.contains("name")) {
      problems.missing(1, "the plan has no name", "add name = \"...\" at the top of the plan");
    }
    return;
  }
  if (is_blank(name->value)) {
    problems.error(name->line, "the plan's name is empty", "give the plan a name");
    return;
  }
  plan.name = name->value;
}

void read_bell(const toml::table& root, const std::filesystem::path& base_dir, Plan& plan,
               PlanProblems& problems) {
  if (const auto bell = read_text(root, "bell", problems))
    plan.bell = check_bell_file(*bell, base_dir, problems);
}

LoadedPlan read_plan(const toml::table& root, const std::filesystem::path& base_dir, PlanProblems& problems) {
  LoadedPlan loaded;
  Plan& plan = loaded.plan;
  check_known_keys(root, PlanSection::top, problems);
  read_name(root, plan, problems);
  read_levels(root, plan, problems);
  read_bell(root, base_dir, plan, problems);
  plan.listeners = read_listeners(root, plan.ceiling_dbtp, problems);
  const PhaseSettings settings{base_dir, plan.max_volume_db, root.contains("bell")};
  plan.phases = read_phases(root, settings, problems);
  plan.reminders = read_reminders(root, plan.phases, problems);
  loaded.warnings = problems.warnings();
  return loaded;
}

Result<std::string> read_plan_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    return Error{path.string() + ": plan not found (check the path)"};
  }
  if (error)
    return Error{path.string() + ": cannot read the plan: " + error.message() + " (check its permissions)"};
  if (std::filesystem::is_directory(status)) {
    return Error{path.string() + ": is a folder, not a plan (name the plan's .toml file)"};
  }
  // A FIFO or a device would block the read, or never end.
  if (!std::filesystem::is_regular_file(status)) {
    return Error{path.string() + ": not a regular file (name the plan's .toml file)"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{path.string() + ": cannot read the plan: " + std::strerror(errno) +
                 " (check its permissions)"};
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return Error{path.string() + ": cannot read the plan: " + std::strerror(errno)};
  return text;
}

}  // namespace

Result<LoadedPlan> parse_plan(const std::string& toml_text, const std::filesystem::path& source_name,
                              const std::filesystem::path& base_dir) {
  const std::string source = source_name.string();
  toml::table root;
  try {
    root = toml::parse(std::string_view(toml_text), std::string_view(source));
  } catch (const toml::parse_error& error) {
    const int line = std::max(1, int(error.source().begin.line));
    return Error{source + ":" + std::to_string(line) + ": " + one_line(std::string(error.description())) +
                 " (fix the TOML on that line)"};
  }
  PlanProblems problems(source);
  LoadedPlan loaded = read_plan(root, base_dir, problems);
  if (problems.has_errors()) return problems.first_error();
  loaded.plan.source = source_name;
  loaded.plan.toml_text = toml_text;
  return loaded;
}

Result<LoadedPlan> load_plan(const std::filesystem::path& path) {
  Result<std::string> text = read_plan_file(path);
  if (!text) return text.error();
  const std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
  Result<LoadedPlan> loaded = parse_plan(*text, path, absolute.parent_path());
  // Absolute, so the journal's snapshot still finds the plan's folder from any working directory.
  if (loaded) loaded->plan.source = absolute;
  return loaded;
}

}  // namespace holdspace::session
