# The journal's crash test: a writer program SIGKILLed 50 times at random moments, and the
# Catch2 driver that kills it and checks the file after every kill. Label: journal.
add_executable(journal_writer journal/journal_writer_main.cpp)
target_link_libraries(journal_writer PRIVATE holdspace_core)

add_executable(holdspace_journal_tests journal/journal_kill_test.cpp)
target_link_libraries(holdspace_journal_tests PRIVATE holdspace_test_support SQLite::SQLite3)
target_compile_definitions(holdspace_journal_tests PRIVATE JOURNAL_WRITER="$<TARGET_FILE:journal_writer>")
add_dependencies(holdspace_journal_tests journal_writer)
catch_discover_tests(holdspace_journal_tests PROPERTIES LABELS journal TIMEOUT 120)

# The unit tests look at the journal's file through a connection of their own.
target_link_libraries(holdspace_unit_tests PRIVATE SQLite::SQLite3)

# The journal on real disks that fail mid-session: a tmpfs filled to ENOSPC, an ext4 image the
# kernel turns read-only, and the command line's alert on a full disk. Root only (mount, loop
# devices); without it these fail and say why. Label: journal.
add_executable(holdspace_journal_fault_tests
  journal/failing_disk.cpp
  journal/journal_fault_test.cpp)
target_link_libraries(holdspace_journal_fault_tests PRIVATE holdspace_test_support SQLite::SQLite3)
target_compile_definitions(holdspace_journal_fault_tests PRIVATE HOLDSPACE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
catch_discover_tests(holdspace_journal_fault_tests PROPERTIES LABELS journal TIMEOUT 180)

add_executable(holdspace_journal_fault_cli_tests
  journal/failing_disk.cpp
  journal/journal_fault_cli_test.cpp)
target_link_libraries(holdspace_journal_fault_cli_tests PRIVATE holdspace_test_support)
target_compile_definitions(holdspace_journal_fault_cli_tests PRIVATE
  HOLDSPACE_CLI="$<TARGET_FILE:holdspace-cli>"
  HOLDSPACE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_dependencies(holdspace_journal_fault_cli_tests holdspace-cli)
catch_discover_tests(holdspace_journal_fault_cli_tests PROPERTIES LABELS journal RESOURCE_LOCK jack TIMEOUT 120)

# The session kill test: session_runner runs sessions through the real controller, journal and
# (offline) engine until it is SIGKILLed; the driver checks the file and resumes after every
# kill. 20 kills here; tests/long/session_kills.sh runs 100.
add_executable(session_runner journal/session_runner_main.cpp)
target_link_libraries(session_runner PRIVATE holdspace_core SQLite::SQLite3)
target_sources(holdspace_journal_tests PRIVATE
  journal/session_kill_test.cpp
  journal/journal_as_killed.cpp
  journal/kill_room.cpp
  journal/runner_report.cpp
  journal/session_id_clash_test.cpp)
target_compile_definitions(holdspace_journal_tests PRIVATE
  SESSION_RUNNER="$<TARGET_FILE:session_runner>"
  HOLDSPACE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_dependencies(holdspace_journal_tests session_runner)
