# The Prepare view's model (src/prepare), appended to holdspace_unit_tests by tests/CMakeLists.txt.
list(APPEND PREPARE_TEST_SOURCES
  unit/prepare/dropped_files_test.cpp
  unit/prepare/phase_fit_test.cpp
  unit/prepare/plan_draft_test.cpp
  unit/prepare/playlist_draft_test.cpp)
