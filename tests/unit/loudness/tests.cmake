# Loudness analysis unit tests, appended to holdspace_unit_tests by tests/CMakeLists.txt.
list(APPEND LOUDNESS_TEST_SOURCES
  unit/loudness/analyzer_test.cpp
  unit/loudness/background_analysis_test.cpp
  unit/loudness/loudness_cache_test.cpp
  unit/loudness/measure_test.cpp
  unit/loudness/track_gain_test.cpp)
