// The kill tests read the journal a SIGKILL left behind through a connection of their own.
#pragma once

#include <sqlite3.h>

#include <filesystem>

namespace holdspace::test {

// Opens `file` as the next writer would, so what the checks see is what the next run meets. A
// kill in the journal's first moments, before it turned WAL on, can leave a hot rollback journal:
// only a connection that may write can roll it back (a read-only one fails every statement with
// SQLITE_READONLY_ROLLBACK, as one kill in the ASan run did). Otherwise the connection writes
// nothing (query_only), and does not checkpoint when closed, so the write-ahead log stays as
// the kill left it. Close it with sqlite3_close_v2.
sqlite3* open_journal_as_killed(const std::filesystem::path& file);

}  // namespace holdspace::test
