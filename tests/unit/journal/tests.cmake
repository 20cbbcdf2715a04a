# The journal's unit tests (paths relative to tests/). Tag: [journal].
list(APPEND JOURNAL_TEST_SOURCES
  unit/journal/event_names_test.cpp
  unit/journal/journal_append_test.cpp
  unit/journal/journal_sessions_test.cpp
  unit/journal/journal_store_test.cpp
  unit/journal/journal_write_failure_test.cpp)
