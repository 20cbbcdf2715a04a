#!/usr/bin/env bash
# Soak: a whole session on a JACK dummy device (256-frame periods), with the other core busy.
# A four-phase plan over 40 Wesnoth tracks (looping, crossfaded) runs through holdspace-cli run.
# It reports underruns (must be 0), the callback's worst and 99th-percentile share of its
# period, the program's peak memory early and late (no growth over time), and the journal's
# event count. A probe (holdspace_stall_probe) watches the audio core meanwhile, so a long worst
# callback can be told apart from the core being taken away from everything on it.
#   tests/long/soak.sh [path/to/holdspace-cli] [minutes] [period]
# minutes: the session's length (default 180, the real thing; the plan's four phases share it).
# period: frames per JACK period (default 256). The faster variants: `soak.sh cli 30` (half an
# hour), and `soak.sh cli 30 64` (a 1.3 ms period: four times the callbacks, the harder test).
# JACK's dummy driver keeps real time whatever its -w says, so a run takes as long as it plays.
set -euo pipefail

cli="$(realpath "${1:-build/bin/holdspace-cli}")"
minutes="${2:-180}"
period="${3:-256}"

source "$(dirname "$0")/../support/wesnoth_corpus.sh"
work=$(mktemp -d)
server="holdspace-soak-$$"
find "$music" -name '*.ogg' | sort | head -40 > "$work/forty.m3u"
phase_minutes=$(awk -v m="$minutes" 'BEGIN { print m / 4 }')
{
  echo 'name = "Soak"'
  for phase in Arrival Settling Journey Return; do
    printf '[[phase]]\nname = "%s"\nminutes = %s\nplaylist = "forty.m3u"\nat_playlist_end = "loop"\nat_time_up = "advance"\n' \
      "$phase" "$phase_minutes"
  done
} > "$work/plan.toml"

source "$(dirname "$0")/../support/busy_jack.sh"
busy_jack_cleanup='rm -rf "$work"'
start_busy_jack "$server" "$period" "$cli"

# The witness for a long callback: it wakes every 2 ms on the audio core, above JACK's
# priority, and notes each time it woke over 0.5 ms late (the core was taken from everything on
# it). Its own wake-ups add a little to the callback's 99th percentile.
probe="$(dirname "$cli")/holdspace_stall_probe"
"$probe" $((minutes * 60 + 10)) 0 0.5 2 >"$work/probe.log" 2>&1 &
probe_pid=$!
JACK_DEFAULT_SERVER="$server" taskset -c 0 "$cli" run "$work/plan.toml" --client SOAK --buffer "$period" \
  --data-dir "$work/data" </dev/null >"$work/run.log" 2>&1 &
run=$!
# The program's own memory (RssAnon: heap, stacks, rings), sampled every 5 s: its peak in the
# first tenth of the run and over the rest, so growth shows as a difference. VmHWM also counts
# JACK's shared-memory segment (about 100 MB that every JACK client maps), so it is given apart.
end=$((SECONDS + minutes * 60))
early_until=$((SECONDS + minutes * 6))
# Growth shows too as the drift from the first sample after the first tenth to the last one.
early=0; late=0; hwm="?"; late_first=""; late_last=""
while [ "$SECONDS" -lt "$end" ] && kill -0 "$run" 2>/dev/null; do
  sleep 5
  anon=$(awk '/RssAnon/ { print $2 }' "/proc/$run/status" 2>/dev/null || echo 0)
  hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$run/status" 2>/dev/null || echo "$hwm")
  if [ "$SECONDS" -lt "$early_until" ]; then
    [ "$anon" -gt "$early" ] && early=$anon
  else
    [ "$anon" -gt "$late" ] && late=$anon
    [ "$anon" -gt 0 ] && { late_first=${late_first:-$anon}; late_last=$anon; }
  fi
done
kill -INT "$run" 2>/dev/null || true
wait "$run" || true
kill "$probe_pid" 2>/dev/null || true
wait "$probe_pid" 2>/dev/null || true

report=$(tr '\r' '\n' < "$work/run.log" | grep -a 'audio: ' | tail -1 || true)
"$cli" export last --format csv -o "$work/events.csv" --data-dir "$work/data" >/dev/null
events=$(($(wc -l < "$work/events.csv") - 1))
echo "soak: ${minutes} min of session (JACK dummy, realtime, ${period}-frame periods, other core busy)"
echo "  ${report#*\! }"
echo "  own memory (peak RssAnon): ${early} kB in the first tenth, ${late} kB after it (from ${late_first:-?} kB to ${late_last:-?} kB); VmHWM with JACK's shared memory ${hwm} kB"
echo "  journal: ${events} events"
# The worst callback's time into playback (M:SS or H:MM:SS), against the probe's stalls: the
# probe started a moment before playback, so a stall within 3 s of it is the same moment.
worst_in=$(sed -nE 's/.*the worst ([0-9:]+) into playback.*/\1/p' <<<"$report" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
echo "  $(grep '^probe:' "$work/probe.log" || echo 'probe: no report (is realtime scheduling allowed?)')"
if [ -n "$worst_in" ] && grep -q '^probe:' "$work/probe.log"; then
  near=$(awk -v t="$worst_in" '/^stall:/ { at = $5; if (at >= t - 3 && at <= t + 3) printf "%s ms at %s s; ", $2, at }' "$work/probe.log")
  echo "  stalls of the audio core within 3 s of the worst callback (${worst_in} s in): ${near:-none}"
fi
