#!/usr/bin/env bash
# Benchmark: holdspace-cli render against ffmpeg on the same files, both decoding the 41 Wesnoth
# tracks (about 128 minutes of 44.1 kHz Ogg Vorbis) and resampling them to 48 kHz.
#   tests/bench/render_vs_ffmpeg.sh [path/to/holdspace-cli] [runs]
# Prints each run, the medians and the ratio (ours / ffmpeg; below 1.0 means we are faster).
# Both throw the result away: ffmpeg through its null muxer, we by writing our 24-bit WAV to
# /dev/null, so we still do a little more (the mix, the limiter, the 24-bit conversion).
# A second peer shows where the gap is: ffmpeg decoding with libvorbis, the decoder libsndfile
# (and so holdspace) uses, instead of its own (tests/support/ffmpeg_peer.sh). The target is the
# first ratio; the second compares the rest of the work.
set -euo pipefail

cli="${1:-build/bin/holdspace-cli}"
runs="${2:-3}"

command -v ffmpeg >/dev/null || { echo "ffmpeg is needed: apt-get install ffmpeg" >&2; exit 1; }
source "$(dirname "$0")/../support/wesnoth_corpus.sh"
source "$(dirname "$0")/../support/ffmpeg_peer.sh"
playlist="$cache/wesnoth.m3u"
concat="$cache/wesnoth.concat"
find "$music" -name '*.ogg' | sort > "$playlist"
sed "s/'/'\\\\''/g; s/^/file '/; s/\$/'/" "$playlist" > "$concat"
out=/dev/null

ours=(); theirs=(); theirs_libvorbis=()
for run in $(seq "$runs"); do
  o=$(seconds "$cli" render "$playlist" -o "$out" --rate 48000)
  t=$(ffmpeg_seconds own "$concat")
  l=$(ffmpeg_seconds libvorbis "$concat")
  printf 'run %d: holdspace render %.2f s, ffmpeg %.2f s, ffmpeg decoding with libvorbis %.2f s\n' \
    "$run" "$o" "$t" "$l"
  ours+=("$o"); theirs+=("$t"); theirs_libvorbis+=("$l")
done
ours_median=$(printf '%s\n' "${ours[@]}" | median)
theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
libvorbis_median=$(printf '%s\n' "${theirs_libvorbis[@]}" | median)
printf 'median: holdspace render %.2f s, ffmpeg %.2f s, ratio %s (holdspace / ffmpeg)\n' \
  "$ours_median" "$theirs_median" "$(ratio "$ours_median" "$theirs_median")"
printf 'median, the same decoder: ffmpeg decoding with libvorbis %.2f s, ratio %s (holdspace / it)\n' \
  "$libvorbis_median" "$(ratio "$ours_median" "$libvorbis_median")"
