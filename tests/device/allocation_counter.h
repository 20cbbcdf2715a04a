// Counts heap calls (malloc, calloc, realloc, free and friends, so C++ new/delete too) made
// inside a real-time scope. This test binary interposes glibc's allocator to do it.
#pragma once

#include <cstdint>

namespace holdspace::test {

std::int64_t realtime_heap_calls();

}  // namespace holdspace::test
