#!/usr/bin/env bash
# Benchmark: holdspace-cli render against ffmpeg on the same files, both decoding the 41 Wesnoth
# tracks (about 128 minutes of 44.1 kHz Ogg Vorbis) and resampling them to 48 kHz.
#   tests/bench/render_vs_ffmpeg.sh [path/to/holdspace-cli] [runs]
# Prints each run, the medians and the ratio (ours / ffmpeg; below 1.0 means we are faster).
# Both throw the result away: ffmpeg through its null muxer, we by writing our 24-bit WAV to
# /dev/null, so we still do a little more (the mix, the limiter, the 24-bit conversion).
set -euo pipefail

cli="${1:-build/bin/holdspace-cli}"
runs="${2:-3}"

command -v ffmpeg >/dev/null || { echo "ffmpeg is needed: apt-get install ffmpeg" >&2; exit 1; }
source "$(dirname "$0")/../support/wesnoth_corpus.sh"
playlist="$cache/wesnoth.m3u"
concat="$cache/wesnoth.concat"
find "$music" -name '*.ogg' | sort > "$playlist"
sed "s/'/'\\\\''/g; s/^/file '/; s/\$/'/" "$playlist" > "$concat"
out=/dev/null

ours=(); theirs=()
for run in $(seq "$runs"); do
  o=$(seconds "$cli" render "$playlist" -o "$out" --rate 48000)
  t=$(seconds ffmpeg -nostdin -hide_banner -loglevel quiet -f concat -safe 0 -i "$concat" \
        -af aresample=48000:resampler=soxr -f null -)
  printf 'run %d: holdspace render %.2f s, ffmpeg %.2f s\n' "$run" "$o" "$t"
  ours+=("$o"); theirs+=("$t")
done
ours_median=$(printf '%s\n' "${ours[@]}" | median)
theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
printf 'median: holdspace render %.2f s, ffmpeg %.2f s, ratio %.2f (holdspace / ffmpeg)\n' \
  "$ours_median" "$theirs_median" "$(awk -v a="$ours_median" -v b="$theirs_median" 'BEGIN { print a / b }')"
