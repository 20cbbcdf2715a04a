// The journal's schema and its migration path. PRAGMA user_version holds the schema version;
// each migration step takes the file from version N-1 to N, and all steps due run in one
// transaction, so a crash mid-migration leaves the file as it was.
#pragma once

#include <string>
#include <vector>

#include "journal/sqlite_db.h"

namespace holdspace::journal::schema {

// Marks the file as a holdspace journal (PRAGMA application_id): "hold".
inline constexpr int kApplicationId = 0x686f6c64;

struct Migration {
  int version;      // the version the file has after this step
  const char* why;  // one line, for the record
  const char* sql;
};

// In order, v1 first. A released step is never edited; a change is a new step.
const std::vector<Migration>& migrations();
int current_version();

// Brings the open database up to current_version(). The message names the file.
bool migrate(sqlite::Database& db, const std::string& file_name, std::string& error);

}  // namespace holdspace::journal::schema
