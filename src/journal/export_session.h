// One entry point for every export, used by `holdspace-cli export` and the UI's review view:
// pick a format, render the session's events, write the file privately.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "journal/event.h"
#include "journal/session_record.h"

namespace holdspace::journal {

enum class ExportFormat { Csv, Json, Html };

// "csv", "json" or "html" (any case); nothing for anything else.
std::optional<ExportFormat> export_format_from(std::string_view name);

std::string render_export(ExportFormat format, const std::vector<Event>& events,
                          const SessionRecord& record);

// Renders and writes with mode 0600. The error is one line naming the file.
Status write_export(ExportFormat format, const std::vector<Event>& events,
                    const std::filesystem::path& out_path);

}  // namespace holdspace::journal
