#include "journal/export_session.h"

#include <algorithm>
#include <cctype>

#include "journal/export_csv.h"
#include "journal/export_file.h"
#include "journal/export_html.h"
#include "journal/export_json.h"

namespace holdspace::journal {

std::optional<ExportFormat> export_format_from(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (lower == "csv") return ExportFormat::Csv;
  if (lower == "json") return ExportFormat::Json;
  if (lower == "html") return ExportFormat::Html;
  return std::nullopt;
}

std::string render_export(ExportFormat format, const std::vector<Event>& events,
                          const SessionRecord& record) {
  switch (format) {
    case ExportFormat::Csv: return export_csv(events, record);
    case ExportFormat::Json: return export_json_text(events, record);
    case ExportFormat::Html: return export_html(record);
  }
  return {};
}

Status write_export(ExportFormat format, const std::vector<Event>& events,
                    const std::filesystem::path& out_path) {
  return write_private_file(out_path, render_export(format, events, build_session_record(events)));
}

}  // namespace holdspace::journal
