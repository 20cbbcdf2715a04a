#!/usr/bin/env bash
# Benchmark: a journal with 2,000 past three-hour sessions (about 250 clients), listed and one
# session opened for review. The target is under 100 ms for each. Timed three ways, each the
# median of RUNS:
#   holdspace-cli sessions              the whole list, as printed
#   holdspace-cli show <id>             one session from the middle, read, folded and printed
#   holdspace-cli export <id> -o x.html the same session as the printable report
#   in-process (journal_bench time)     what the review view does: Journal::open, sessions(),
#                                       events() and build_session_record(), without a process
# The peer is the sqlite3 shell reading the same file with the same queries (the sessions
# table, newest first; the session's events in order), so the ratio is holdspace / sqlite3:
# what holdspace adds on top of SQLite itself (process start included on both sides).
#   tests/bench/journal_sessions.sh [path/to/holdspace-cli] [runs]
# The journal is made once by journal_bench fill (through the journal's own append) and kept in
# ${HOLDSPACE_BENCH_CACHE:-~/.cache/holdspace-bench}; each run works on a copy of it.
set -euo pipefail

cli="${1:-build/bin/holdspace-cli}"
runs="${2:-15}"
sessions=2000
bench="$(dirname "$cli")/journal_bench"
here="$(cd "$(dirname "$0")" && pwd)"
plan="$here/../../playlists/kap-3h.toml"
# The version in the name changes when journal_bench writes different sessions.
cache="${HOLDSPACE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/holdspace-bench}/journal-$sessions-v1"

[ -x "$cli" ] || { echo "no $cli: build first (make build)" >&2; exit 1; }
[ -x "$bench" ] || { echo "no $bench: build first (cmake --build build --target journal_bench)" >&2; exit 1; }
if ! command -v sqlite3 >/dev/null; then
  echo "installing sqlite3 (the peer tool)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -q --no-install-recommends sqlite3 >/dev/null
fi

if [ ! -f "$cache/complete" ]; then
  echo "making the journal: $sessions sessions (once; kept in $cache)"
  rm -rf "$cache"
  start=$EPOCHREALTIME
  "$bench" fill "$cache" "$plan" "$sessions"
  touch "$cache/complete"
  printf 'made in %.1f s\n' "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/data"
cp "$cache/journal.sqlite3" "$work/data/"
db="$work/data/journal.sqlite3"

listed=$(sqlite3 "$db" "SELECT count(*) FROM sessions")
events=$(sqlite3 "$db" "SELECT count(*) FROM events")
middle=$(sqlite3 "$db" "SELECT session_id FROM sessions ORDER BY started_utc, session_id LIMIT 1 OFFSET $((listed / 2))")
middle_events=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE session_id = '$middle'")
printf 'journal: %d sessions, %d events, %.1f MB; reviewing %s (%d events)\n' \
  "$listed" "$events" "$(awk -v b="$(stat -c %s "$db")" 'BEGIN { print b / 1e6 }')" "$middle" "$middle_events"

list_sql="SELECT session_id, client, plan_name, started_utc, utc_offset_minutes, planned_minutes, last_session_ns, ended
  FROM sessions ORDER BY started_utc DESC, session_id DESC"
show_sql="SELECT sequence, wall_time_utc, utc_offset_minutes, session_ns, type, payload
  FROM events WHERE session_id = '$middle' ORDER BY sequence"

# Each command once, checked, before timing: a failure must not be timed as a fast run.
[ "$("$cli" sessions --data-dir "$work/data" | wc -l)" = "$listed" ] || { echo "sessions did not list them all" >&2; exit 1; }
"$cli" show "$middle" --data-dir "$work/data" | grep -q . || { echo "show printed nothing" >&2; exit 1; }
"$cli" export "$middle" --data-dir "$work/data" -o "$work/review.html" >/dev/null
[ "$(sqlite3 "$db" "$list_sql" | wc -l)" = "$listed" ] || { echo "sqlite3 did not list them all" >&2; exit 1; }

# Milliseconds one command takes, output thrown away.
ms() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$work/list"; : > "$work/list-peer"; : > "$work/show"; : > "$work/export"; : > "$work/show-peer"
for _ in $(seq "$runs"); do
  ms "$cli" sessions --data-dir "$work/data" >> "$work/list"
  ms sqlite3 "$db" "$list_sql" >> "$work/list-peer"
  ms "$cli" show "$middle" --data-dir "$work/data" >> "$work/show"
  ms "$cli" export "$middle" --data-dir "$work/data" -o "$work/review.html" >> "$work/export"
  ms sqlite3 "$db" "$show_sql" >> "$work/show-peer"
done
list=$(median < "$work/list"); list_peer=$(median < "$work/list-peer")
show=$(median < "$work/show"); export_ms=$(median < "$work/export"); show_peer=$(median < "$work/show-peer")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

echo "medians of $runs runs, warm page cache:"
printf '  list:   holdspace-cli sessions %7.2f ms   sqlite3 %6.2f ms   ratio %s (holdspace / sqlite3)\n' \
  "$list" "$list_peer" "$(ratio "$list" "$list_peer")"
printf '  open:   holdspace-cli show     %7.2f ms   sqlite3 %6.2f ms   ratio %s\n' \
  "$show" "$show_peer" "$(ratio "$show" "$show_peer")"
printf '          holdspace-cli export   %7.2f ms   (HTML report)      ratio %s\n' \
  "$export_ms" "$(ratio "$export_ms" "$show_peer")"
printf '  '; "$bench" time "$work/data" "$middle" "$runs"

verdict=holds
for t in "$list" "$show" "$export_ms"; do
  awk -v t="$t" 'BEGIN { exit !(t < 100) }' || verdict="does NOT hold"
done
echo "target: list and open a session for review in under 100 ms with $listed sessions: $verdict"
