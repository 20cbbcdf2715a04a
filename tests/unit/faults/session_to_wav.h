// A session through the real path (SessionController, a SQLite journal, the engine, a manual
// clock), pumped offline block by block as a front end would poll it, with every output block
// written to a WAV file, so a test can listen to exactly what the client would have heard.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"

namespace holdspace::test {

// Begins a session of `plan` with its journal in `data_dir`, plays until the first phase's music
// has run out (nothing has played for a second; the plan should say at_playlist_end =
// "silence") or `max_seconds` have passed, ends the session, and writes the output to `wav`
// (32-bit float, the engine's 48 kHz). Returns the session id. No Catch2 macros inside: it may
// run in a forked child (see without_read_override.h).
Result<std::string> render_session_to_wav(const std::filesystem::path& plan, const std::filesystem::path& data_dir,
                                          const std::filesystem::path& wav, double max_seconds);

}  // namespace holdspace::test
