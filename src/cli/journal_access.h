// How the CLI reaches the journal: the --data-dir (or the default folder), and a session's
// events by id ("last", a full id or a unique start of one). Errors come back as one line.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "journal/journal.h"

namespace holdspace::cli {

Result<std::unique_ptr<journal::Journal>> open_journal(const std::string& data_dir);

struct RecordedSession {
  std::string id;
  std::vector<journal::Event> events;  // never empty
};
Result<RecordedSession> recorded_session(journal::Journal& store, const std::string& id_or_last);

}  // namespace holdspace::cli
