# Programs the benchmarks under tests/bench/ need (not tests: the scripts run them).
# journal_bench fills a journal with past sessions and times the review reads in-process
# (tests/bench/journal_sessions.sh).
add_executable(journal_bench bench/journal_bench.cpp)
target_link_libraries(journal_bench PRIVATE holdspace_core)
