#!/usr/bin/env bash
# Every benchmark of the performance budget, one after the other, each against its peer on the
# same files, then their summary lines together. About 40 minutes; nothing else should run.
#   tests/bench/all.sh [build/bin] [runs]      (make bench runs it on the build)
# The real corpus (41 Wesnoth tracks) is fetched once into ${HOLDSPACE_CACHE:-~/.cache/holdspace-test}.
set -uo pipefail

bin="$(realpath "${1:-build/bin}")"
runs="${2:-3}"
here="$(dirname "$0")"
summary=()

# Runs one benchmark, shows all it prints, and keeps its last line for the summary.
bench() {
  local name="$1"
  shift
  echo "== $name: $*"
  local out
  out=$("$@" 2>&1 | tee /dev/stderr | tail -1)
  summary+=("$(printf '%-34s %s' "$name" "$out")")
}

bench "analysis vs loudgain"              "$here/analysis_vs_loudgain.sh" "$bin/holdspace-cli" "$runs"
bench "render vs ffmpeg"                  "$here/render_vs_ffmpeg.sh" "$bin/holdspace-cli" "$runs"
bench "preflight (3 h) vs ffmpeg"         "$here/preflight_vs_ffmpeg.sh" "$bin/holdspace-cli" "$runs"
bench "callback cost, 256 frames"         "$here/callback_cost.sh" "$bin/holdspace-cli" 60 "$runs"
bench "UI idle vs forced redraw"          "$here/ui_idle.sh" "$bin" 60 "$runs"
bench "memory, 3 h of music (soak, 10x)"  "$here/../long/soak.sh" "$bin/holdspace-cli" 18 10
bench "journal append+commit"             "$here/journal_latency.sh" "$bin" 2000 "$runs"
if [ -x "$here/journal_sessions.sh" ]; then
  bench "journal with 2,000 sessions"     "$here/journal_sessions.sh" "$bin/holdspace-cli" "$runs"
fi

echo
echo "== summary ($(date -u +%Y-%m-%d), $(nproc) cores)"
printf '%s\n' "${summary[@]}"
