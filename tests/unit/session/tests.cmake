# The plan's unit tests, appended to holdspace_unit_tests by tests/CMakeLists.txt.
list(APPEND SESSION_TEST_SOURCES
  unit/session/plan_errors_test.cpp
  unit/session/plan_listener_test.cpp
  unit/session/plan_load_test.cpp
  unit/session/plan_reminder_errors_test.cpp
  unit/session/plan_shipped_test.cpp
  unit/session/plan_suggest_test.cpp
  unit/session/plan_write_test.cpp)

# The shipped-plan test loads the real files in playlists/, wherever the tree is checked out.
set_source_files_properties(unit/session/plan_shipped_test.cpp PROPERTIES
  COMPILE_DEFINITIONS "HOLDSPACE_SHIPPED_PLANS_DIR=\"${PROJECT_SOURCE_DIR}/playlists\"")
