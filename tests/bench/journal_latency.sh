#!/usr/bin/env bash
# Benchmark: the journal's append-plus-commit latency on this machine's disk (WAL, synchronous =
# FULL), against plain SQLite inserting one row per transaction with the same pragmas.
#   tests/bench/journal_latency.sh [build/bin] [events] [runs]
# The data folder is made under ${TMPDIR:-/var/tmp}, so put TMPDIR on the disk to be measured.
set -euo pipefail

bin="${1:-build/bin}"
events="${2:-2000}"
runs="${3:-3}"
source "$(dirname "$0")/../support/bench_stats.sh"

ours=(); ours99=(); peer=(); peer99=()
for run in $(seq "$runs"); do
  dir=$(mktemp -d "${TMPDIR:-/var/tmp}/holdspace-journal-bench-XXXXXX")
  out=$("$bin/holdspace_journal_latency" "$dir" "$events")
  rm -rf "$dir"
  echo "run $run:"; echo "$out" | sed 's/^/  /'
  ours+=("$(sed -nE '1s/.*median ([0-9.]+) ms.*/\1/p' <<<"$out")")
  ours99+=("$(sed -nE '1s/.*99th percentile ([0-9.]+) ms.*/\1/p' <<<"$out")")
  peer+=("$(sed -nE '2s/.*median ([0-9.]+) ms.*/\1/p' <<<"$out")")
  peer99+=("$(sed -nE '2s/.*99th percentile ([0-9.]+) ms.*/\1/p' <<<"$out")")
done
m() { printf '%s\n' "$@" | median; }
printf 'median of %d runs: journal append+commit median %.3f ms, 99th percentile %.3f ms; plain SQLite %.3f ms, %.3f ms; ratio of medians %.2f\n' \
  "$runs" "$(m "${ours[@]}")" "$(m "${ours99[@]}")" "$(m "${peer[@]}")" "$(m "${peer99[@]}")" \
  "$(awk -v a="$(m "${ours[@]}")" -v b="$(m "${peer[@]}")" 'BEGIN { print a / b }')"
