// Writing an export: client data, so the file is readable by the owner only (mode 0600), and it
// is replaced atomically so a crash or a full disk never leaves half a report.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace holdspace::journal {

// The error is one line: "<file>: cannot write: <reason>".
Status write_private_file(const std::filesystem::path& out_path, std::string_view text);

}  // namespace holdspace::journal
