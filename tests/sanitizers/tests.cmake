# Sanitizer-only additions to the test tree (cmake/sanitizers.cmake sets HOLDSPACE_SANITIZE).
#
# The ThreadSanitizer build's unit tests (`make test-tsan`): those where our threads meet, in a
# binary of their own so that build need not compile all of holdspace_unit_tests. The SPSC rings
# between two threads, the decode worker's wake hook, the offline renders' decoding threads,
# parallel and background loudness analysis, and the loudness cache shared by many threads. Label: thread. The normal and ASan builds run
# the same files inside holdspace_unit_tests.
if(HOLDSPACE_SANITIZE MATCHES "thread")
  add_executable(holdspace_thread_tests
    unit/spsc_test.cpp
    unit/engine_wake_test.cpp
    unit/offline_feed_test.cpp
    unit/loudness/analyzer_test.cpp
    unit/loudness/background_analysis_test.cpp
    unit/loudness/loudness_cache_test.cpp)
  target_link_libraries(holdspace_thread_tests PRIVATE holdspace_test_support SQLite::SQLite3)
  catch_discover_tests(holdspace_thread_tests PROPERTIES LABELS thread)
endif()

# holdspace-cli's own ASan defaults (see the file).
if(HOLDSPACE_SANITIZE MATCHES "address")
  target_sources(holdspace-cli PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/sanitizers/cli_asan_options.cpp)
endif()
