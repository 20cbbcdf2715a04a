# Sourced by the benchmarks that play live: `start_busy_jack NAME PERIOD CLI` starts a private
# JACK dummy server with realtime scheduling (-R), as a session-room machine runs JACK, keeps
# the other core busy with a loop (the audio gets one core, as on a loaded appliance), and
# waits until CLI can see the server. Both stop when the script exits.
start_busy_jack() {
  local name="$1" period="$2" cli="$3"
  jackd -n "$name" -R -d dummy -r 48000 -p "$period" >/dev/null 2>&1 &
  busy_jack_pids="$!"
  taskset -c 1 sh -c 'while :; do :; done' &
  busy_jack_pids="$busy_jack_pids $!"
  trap 'kill $busy_jack_pids 2>/dev/null; wait 2>/dev/null || true; ${busy_jack_cleanup:-}' EXIT
  for _ in $(seq 50); do
    JACK_DEFAULT_SERVER="$name" "$cli" devices 2>/dev/null | grep -q JACK && break
    sleep 0.1
  done
}
