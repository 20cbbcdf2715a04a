// Tests run as root here and in CI, and root reads any file whatever its mode. To test a file
// the program may not read, the work runs in a forked child that gives up the two capabilities
// that let root past file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). It stays uid 0, so it
// still owns and may use the test's own temp folders and journal; only mode bits now bind it.
#pragma once

#include <filesystem>
#include <functional>

namespace holdspace::test {

// The child's exit code when it could not give up the capabilities.
inline constexpr int kCannotDropCapabilities = 90;

// Runs `work` in a forked child without those capabilities and returns its exit code (-1 if it
// was killed). `work` must not use Catch2's macros: the child is a copy of the test process,
// and a failing REQUIRE there would go on to run the remaining tests in the child.
int run_without_read_override(const std::function<int()>& work);

// True when this process really cannot read `path`: open() fails with EACCES, and access()
// agrees, as the program's own check asks access() first.
bool cannot_read(const std::filesystem::path& path);

}  // namespace holdspace::test
