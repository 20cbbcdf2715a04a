#!/usr/bin/env bash
# Benchmark: what the Session view costs while a session runs and nobody touches it, against the
# same program forced to redraw every frame. Both run under Xvfb on a JACK dummy device with the
# demo plan started, for the same time; CPU is read from /proc (user + system ticks).
#   tests/bench/ui_idle.sh [build/bin] [seconds]
# Prints each figure as % of one core, and the ratio. Target (issue 4): idle under 2 %.
set -euo pipefail

bin="${1:-build/bin}"
seconds="${2:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
display=":$(( 90 + RANDOM % 9 ))"
server="holdspace-bench-$$"

cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
  [ -n "${jack:-}" ] && kill "$jack" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
jackd -n "$server" -r -d dummy -r 48000 -p 256 -P 2 -C 0 >/dev/null 2>&1 & jack=$!
sleep 2

ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# percent_of_one_core EXTRA_ARGS...
measure() {
  DISPLAY="$display" JACK_DEFAULT_SERVER="$server" "$bin/holdspace" --plan "$root/playlists/demo.toml" \
    --client BENCH --start --data-dir "$work/data-$RANDOM" "$@" >/dev/null 2>&1 & app=$!
  sleep 3  # past start-up and the first frames
  local before after
  before=$(cpu_ticks "$app")
  sleep "$seconds"
  after=$(cpu_ticks "$app")
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
  awk -v a="$before" -v b="$after" -v t="$ticks_per_second" -v s="$seconds" 'BEGIN { print 100 * (b - a) / (t * s) }'
}

idle=$(measure)
always=$(measure --redraw-always)
printf 'Session view, %s s each, %% of one core (includes the audio callback and decoding):\n' "$seconds"
printf '  idle loop (waits for events, 1 fps)  : %6.2f %%\n' "$idle"
printf '  forced redraw every frame:            %6.2f %%\n' "$always"
printf '  ratio idle / forced: %.3f\n' "$(awk -v a="$idle" -v b="$always" 'BEGIN { print a / (b + 0.0001) }')"
