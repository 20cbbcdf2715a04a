# Programs the benchmarks under tests/bench/ need (not tests: the scripts run them).
# journal_bench fills a journal with past sessions and times the review reads in-process
# (tests/bench/journal_sessions.sh).
add_executable(journal_bench bench/journal_bench.cpp)
target_link_libraries(journal_bench PRIVATE holdspace_core)

# holdspace_journal_latency times append+commit against plain SQLite (tests/bench/journal_latency.sh).
add_executable(holdspace_journal_latency bench/journal_latency_main.cpp)
target_link_libraries(holdspace_journal_latency PRIVATE holdspace_core SQLite::SQLite3)

# holdspace_stall_probe watches the audio core for stalls that are not ours (tests/long/soak.sh).
add_executable(holdspace_stall_probe bench/stall_probe_main.cpp)
