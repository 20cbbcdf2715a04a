// Owner-only files and folders for the journal (clients' records: principle 4). Modes are set
// explicitly with chmod, so the process umask never decides who can read a session.
#pragma once

#include <filesystem>
#include <string>

namespace holdspace::journal {

// Creates the folder (and any missing parents) with mode 0700, then chmods the folder itself
// to 0700. False with a one-line reason on failure.
bool make_private_directory(const std::filesystem::path& folder, std::string& error);

// Creates the file empty with mode 0600 if it does not exist, and chmods it to 0600 if it does.
bool make_private_file(const std::filesystem::path& file, std::string& error);

// chmod 0600 if the file exists (SQLite's -wal and -shm companions); missing is fine.
void restrict_if_present(const std::filesystem::path& file);

// fsync the folder, so a newly created file's name survives a power cut.
void sync_directory(const std::filesystem::path& folder);

}  // namespace holdspace::journal
