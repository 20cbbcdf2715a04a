#!/usr/bin/env bash
# Long check (not part of `make test`): the session kill test with 100 SIGKILLs instead of the
# 20 that `make test` runs. Every kill is checked (integrity_check, gapless sequences, every
# acknowledged event kept) and resumed (phase, track and offset); it prints its seed and a
# summary of what the kills hit.
#   tests/long/session_kills.sh [build dir]       HOLDSPACE_KILL_SEED=S repeats a run
#   HOLDSPACE_KILLS=N tests/long/session_kills.sh  any other number
set -euo pipefail

build="${1:-build}"
tests="$build/bin/holdspace_journal_tests"
[ -x "$tests" ] || { echo "no $tests: build first (make build)" >&2; exit 1; }
export HOLDSPACE_LONG=1
exec "$tests" "session kill test*"
