#!/usr/bin/env bash
# Every benchmark of the performance budget, one after the other, each against its peer on the
# same files, then their summary lines together. About an hour; nothing else should run.
#   tests/bench/all.sh [build/bin] [runs]      (make bench runs it on the build)
# The real corpus (41 Wesnoth tracks) is fetched once into ${HOLDSPACE_CACHE:-~/.cache/holdspace-test}.
set -uo pipefail

bin="$(realpath "${1:-build/bin}")"
runs="${2:-3}"
here="$(dirname "$0")"
summary=()

# Runs one benchmark, shows all it prints, and keeps the lines matching `pattern` (its figures)
# for the summary.
bench() {
  local name="$1" pattern="$2"
  shift 2
  echo "== $name: $*"
  local out
  out=$("$@" 2>&1 | tee /dev/stderr | grep -E "$pattern")
  summary+=("$name" "$(sed 's/^ */    /' <<<"$out")")
}

bench "analysis vs loudgain"             '^median'       "$here/analysis_vs_loudgain.sh" "$bin/holdspace-cli" "$runs"
bench "render vs ffmpeg"                 '^median'       "$here/render_vs_ffmpeg.sh" "$bin/holdspace-cli" "$runs"
bench "preflight (3 h) vs ffmpeg"        '^median'       "$here/preflight_vs_ffmpeg.sh" "$bin/holdspace-cli" "$runs"
bench "callback cost, 256 frames"        '^median'       "$here/callback_cost.sh" "$bin/holdspace-cli" 60 "$runs"
bench "UI idle vs forced redraw"         'idle loop|forced redraw|ratio' "$here/ui_idle.sh" "$bin" 60 "$runs"
bench "soak: 30 min session"            'audio:|memory|journal:|probe:|stalls' "$here/../long/soak.sh" "$bin/holdspace-cli" 30
bench "journal append+commit"            '^median'       "$here/journal_latency.sh" "$bin" 2000 "$runs"
bench "journal with 2,000 sessions"      'list:|open:|export|target' "$here/journal_sessions.sh" "$bin/holdspace-cli" 15

echo
echo "== summary ($(date -u +%Y-%m-%d), $(nproc) cores)"
printf '%s\n' "${summary[@]}"
