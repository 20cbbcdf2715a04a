#include "cli/journal_access.h"

namespace holdspace::cli {

Result<std::unique_ptr<journal::Journal>> open_journal(const std::string& data_dir) {
  return journal::Journal::open(data_dir.empty() ? journal::default_data_dir() : std::filesystem::path(data_dir));
}

Result<RecordedSession> recorded_session(journal::Journal& store, const std::string& id_or_last) {
  auto id = store.resolve_session_id(id_or_last);
  if (!id) return id.error();
  auto events = store.events(id.value());
  if (!events) return events.error();
  if (events->empty()) return Error{"session " + id.value() + " has no events recorded"};
  return RecordedSession{id.value(), std::move(events).value()};
}

}  // namespace holdspace::cli
