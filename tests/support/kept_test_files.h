// Keeping copies of the files tests write, to seed the fuzz targets (tests/fuzz/make_seeds.sh).
// The playlists and plans the parser tests write are the messiest real-world cases we know of,
// so they are where fuzzing starts.
#pragma once

#include <filesystem>

namespace holdspace::test {

// With HOLDSPACE_KEEP_TEST_FILES=<folder> set, copies the file just written into that folder,
// named by its content (so repeats are kept once) and keeping its extension. Without it, or for
// a file over 1 MiB, does nothing.
void keep_test_file(const std::filesystem::path& written);

}  // namespace holdspace::test
