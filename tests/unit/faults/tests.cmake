# Faults (issue 6): bad files in a session's playlist, rendered through the real session path,
# appended to holdspace_unit_tests by tests/CMakeLists.txt.
list(APPEND FAULT_TEST_SOURCES
  unit/faults/bad_files.cpp
  unit/faults/bad_files_session_test.cpp
  unit/faults/broken_stream_test.cpp
  unit/faults/heard.cpp
  unit/faults/session_to_wav.cpp
  unit/faults/without_read_override.cpp)
