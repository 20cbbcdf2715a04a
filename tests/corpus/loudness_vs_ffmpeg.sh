#!/usr/bin/env bash
# Corpus check (in `make test`, ctest label corpus): our integrated loudness against ffmpeg's
# ebur128 filter on the 41 real Wesnoth tracks (about 128 minutes of 44.1 kHz Ogg Vorbis, GPL).
# Every track must agree within 0.2 LU; a track both call silent (ffmpeg's -70 LUFS floor, our
# "silent" error) agrees too.
#   tests/corpus/loudness_vs_ffmpeg.sh [path/to/holdspace-cli]
# The music is fetched once with apt-get download into ${HOLDSPACE_CACHE:-~/.cache/holdspace-test}.
# ffmpeg prints I to one decimal, so up to 0.05 LU of each difference is its rounding.
set -euo pipefail

cli="${1:-build/bin/holdspace-cli}"
limit=0.2

command -v ffmpeg >/dev/null || { echo "FAIL: ffmpeg is needed: apt-get install ffmpeg" >&2; exit 1; }
[ -x "$cli" ] || { echo "FAIL: no holdspace-cli at $cli" >&2; exit 1; }
source "$(dirname "$0")/../support/wesnoth_corpus.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t tracks < <(find "$music" -name '*.ogg' | sort)
[ "${#tracks[@]}" -gt 0 ] || { echo "FAIL: no tracks in $music" >&2; exit 1; }

# Ours: a fresh data folder, so every track is measured now rather than read from a cache. A
# track we cannot measure makes analyze exit 1; the comparison below judges each one.
start=$(date +%s.%N)
"$cli" analyze --json --data-dir "$work/data" "${tracks[@]}" > "$work/ours.json" 2> "$work/ours.err" || true
ours_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
# analyze --json prints one key per line: pick "file" and "integrated_lufs" (null on error).
awk -F': ' '
  /^    "file": / { file = substr($2, 2, length($2) - 3) }
  /^    "integrated_lufs": / { value = $2; sub(/,$/, "", value); print file "\t" value }
' "$work/ours.json" > "$work/ours.tsv"

# ffmpeg: the summary's "I:" line, two files at a time.
mkdir "$work/ffmpeg"
start=$(date +%s.%N)
printf '%s\0' "${tracks[@]}" | xargs -0 -P 2 -I{} sh -c '
  ffmpeg -nostdin -hide_banner -nostats -i "$1" -af ebur128 -f null - 2>&1 |
    awk "/Summary:/ { s = 1 } s && \$1 == \"I:\" { print \$2; exit }" > "$2/$(basename "$1").txt"
' sh {} "$work/ffmpeg"
ffmpeg_seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

failed=0
worst=0
worst_track=""
printf '%-32s %9s %9s %7s\n' "track" "ours" "ffmpeg" "diff"
for track in "${tracks[@]}"; do
  name=$(basename "$track")
  ours=$(awk -F'\t' -v f="$track" '$1 == f { print $2 }' "$work/ours.tsv")
  theirs=$(cat "$work/ffmpeg/$name.txt" 2>/dev/null || true)
  if [ -z "$theirs" ]; then
    printf '%-32s %9s %9s %7s  FAIL: ffmpeg gave no summary\n' "$name" "${ours:--}" "-" "-"
    failed=$((failed + 1)); continue
  fi
  if [ -z "$ours" ]; then
    printf '%-32s %9s %9s %7s  FAIL: missing from our output\n' "$name" "-" "$theirs" "-"
    failed=$((failed + 1)); continue
  fi
  if [ "$ours" = "null" ]; then
    why=$(grep -F -- "$track: " "$work/ours.err" | head -n 1 || true)
    if awk -v t="$theirs" 'BEGIN { exit !(t <= -70.0) }' && [[ "$why" == *": silent:"* ]]; then
      printf '%-32s %9s %9s %7s  silent in both\n' "$name" "silent" "$theirs" "-"
    else
      printf '%-32s %9s %9s %7s  FAIL: %s\n' "$name" "error" "$theirs" "-" "${why:-no measurement}"
      failed=$((failed + 1))
    fi
    continue
  fi
  diff=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { d = a - b; printf "%+.2f", d }')
  verdict=$(awk -v d="$diff" -v l="$limit" 'BEGIN { print ((d < 0 ? -d : d) <= l) ? "" : "FAIL" }')
  printf '%-32s %9.2f %9s %7s  %s\n' "$name" "$ours" "$theirs" "$diff" "$verdict"
  [ -z "$verdict" ] || failed=$((failed + 1))
  if awk -v d="$diff" -v w="$worst" 'BEGIN { exit !((d < 0 ? -d : d) > w) }'; then
    worst=$(awk -v d="$diff" 'BEGIN { printf "%.2f", d < 0 ? -d : d }'); worst_track=$name
  fi
done

echo "tracks: ${#tracks[@]}, worst difference: $worst LU ($worst_track), limit $limit LU"
echo "time: holdspace-cli analyze ${ours_seconds} s (all cores), ffmpeg ebur128 ${ffmpeg_seconds} s (2 at once)"
if [ "$failed" -gt 0 ]; then
  echo "FAIL: $failed of ${#tracks[@]} tracks disagree with ffmpeg" >&2
  exit 1
fi
echo "${#tracks[@]} passed, 0 failed"
