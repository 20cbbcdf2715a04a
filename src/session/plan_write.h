// Writing a plan back to TOML, for the Prepare view, which edits a loaded plan and saves it. The
// whole file is rewritten from the Plan: comments in the original are not kept, and keys left at
// the defaults the parser applies are left out, so a saved plan says only what was chosen.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"
#include "session/plan.h"

namespace holdspace::session {

// The plan as TOML that parse_plan reads back into an equal plan (line numbers aside). Playlist
// and bell paths are written relative to plan_file's folder when they lie under it, so the plan
// can move together with its music, and absolute otherwise.
std::string plan_to_toml(const Plan& plan, const std::filesystem::path& plan_file);

// Checks the text with parse_plan first, so a plan that would be refused when loaded is never
// written (the error is parse_plan's, one line). Then replaces plan_file atomically: a crash or a
// full disk leaves the old plan or the new one, never half of either.
Status save_plan(const Plan& plan, const std::filesystem::path& plan_file);

}  // namespace holdspace::session
