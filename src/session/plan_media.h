// The files a plan points at: each phase's playlist and the bell. They are checked when the plan
// loads, so a missing file is found while preparing, not as silence during a session.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "session/plan_fields.h"
#include "session/plan_problems.h"

namespace holdspace::session {

// A path as written in the plan, made absolute against the plan's folder.
std::filesystem::path resolve_in_plan_folder(const std::string& written,
                                             const std::filesystem::path& base_dir);

// The playlist must exist, read as a playlist, and name at least one track that exists; a bad
// single entry is only a warning, since the phase plays the other tracks. Nothing on error.
std::optional<std::filesystem::path> check_phase_playlist(const Field<std::string>& written,
                                                          const std::filesystem::path& base_dir,
                                                          PlanProblems& problems);

// The bell must exist and open as audio: it goes straight into the client's headphones.
std::optional<std::filesystem::path> check_bell_file(const Field<std::string>& written,
                                                     const std::filesystem::path& base_dir,
                                                     PlanProblems& problems);

}  // namespace holdspace::session
