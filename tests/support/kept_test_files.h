// Keeping copies of the files tests write, to seed the fuzz targets (tests/fuzz/make_seeds.sh).
// The playlists and plans the parser tests write are the messiest real-world cases we know of,
// so they are where fuzzing starts.
#pragma once

#include <filesystem>
#include <string_view>

namespace holdspace::test {

// Writes exactly these bytes (BOMs, CRLF and odd encodings are what the parser tests are about),
// making the folders on the way, fails the test if it cannot, and keeps a copy as above.
void write_file(const std::filesystem::path& path, std::string_view bytes);

// With HOLDSPACE_KEEP_TEST_FILES=<folder> set, copies the file just written into that folder,
// named by its content (so repeats are kept once) and keeping its extension. Without it, or for
// a file over 1 MiB, does nothing.
void keep_test_file(const std::filesystem::path& written);

}  // namespace holdspace::test
