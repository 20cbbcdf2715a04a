#!/bin/sh
# Runs each libFuzzer target for a set time, one after another in one process each, and prints
# per target how many inputs it ran and how many crashed. Exits 1 if any did.
# Usage: run_fuzzers.sh BIN_DIR SEED_DIR WORK_DIR SECONDS [TARGET...]
#   BIN_DIR   the fuzz build's bin/ (build-fuzz/bin)
#   SEED_DIR  from make_seeds.sh, one folder per target (rebuilt each time)
#   WORK_DIR  kept between runs: corpus/TARGET (what libFuzzer found interesting, so the next run
#             starts where this one stopped), crashes/TARGET (every crashing input, kept), logs/
set -u
bin=$1 seeds=$2 work=$3 seconds=$4
shift 4
targets=${*:-fuzz_m3u fuzz_pls fuzz_xspf fuzz_plan fuzz_decode}
here=$(cd "$(dirname "$0")" && pwd)
dicts=$here/dict
# Leaks inside libvorbis are upstream's (lsan.supp says which and why); ours still fail.
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

summary=""
failed=0
for target in $targets; do
  dict=$dicts/${target#fuzz_}.dict
  corpus=$work/corpus/$target crashes=$work/crashes/$target log=$work/logs/$target.log
  mkdir -p "$corpus" "$crashes" "$work/logs"
  before=$(ls "$crashes" | wc -l)
  echo "fuzzing $target for $seconds s (log: $log)"
  start=$(date +%s)
  # -timeout: a parser that takes 10 s over one input hangs a session; libFuzzer keeps it too.
  "$bin/$target" -max_total_time="$seconds" -timeout=10 -dict="$dict" -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$corpus" "$seeds/$target" >"$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - start ))  # shorter than asked when it stopped at a crash
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  crashed=$(( $(ls "$crashes" | wc -l) - before ))
  # A failure libFuzzer did not save an input for (it could not start, say) still counts.
  if [ "$status" -ne 0 ] && [ "$crashed" -eq 0 ]; then crashed=1; fi
  if [ "$crashed" -gt 0 ]; then
    failed=1
    echo "  CRASH: $target; inputs in $crashes, details in $log"
    grep -m3 -E 'ERROR: |broken promise|runtime error' "$log" | sed 's/^/    /'
  fi
  summary="$summary$(printf '%-12s %8s s %12s runs %4s crashes' "$target" "$elapsed" "${runs:-?}" "$crashed")
"
done

echo
echo "target        seconds       executions  crashes"
printf '%s' "$summary"
exit $failed
