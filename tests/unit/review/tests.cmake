# The review side's unit tests (session record, timeline text, exports), tagged [review].
# export_html_test.cpp parses the report with pugixml.
list(APPEND JOURNAL_TEST_SOURCES
  unit/review/export_csv_test.cpp
  unit/review/export_file_test.cpp
  unit/review/export_html_test.cpp
  unit/review/export_json_test.cpp
  unit/review/export_playlist_test.cpp
  unit/review/session_record_test.cpp
  unit/review/timeline_text_test.cpp)
