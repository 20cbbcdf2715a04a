#!/usr/bin/env bash
# Benchmark: `holdspace-cli preflight` of a three-hour plan on the real corpus, against ffmpeg
# decoding and resampling the same three hours:
#   ffmpeg -f concat … -af aresample=48000:resampler=soxr -f null -
# The plan has the four KAP phases (20 + 15 + 90 + 55 minutes) over the 41 Wesnoth tracks
# (about 128 minutes of 44.1 kHz Ogg Vorbis), so the long phases loop their playlists; ffmpeg
# gets a concat list of the same length. Preflight does more: it measures every track (once:
# the first run fills the loudness cache, later runs read it), renders through the session
# engine with normalization, crossfades and the limiter, and measures the output's short-term
# loudness and true peak.
#   tests/bench/preflight_vs_ffmpeg.sh [path/to/holdspace-cli] [runs]
# Prints each run, the medians and the ratio (ours / ffmpeg; below 1.0 means we are faster), and
# a second ratio against ffmpeg decoding with libvorbis, the decoder libsndfile (and so
# holdspace) uses (tests/support/ffmpeg_peer.sh).
set -euo pipefail

cli="${1:-build/bin/holdspace-cli}"
runs="${2:-3}"

command -v ffmpeg >/dev/null || { echo "ffmpeg is needed: apt-get install ffmpeg" >&2; exit 1; }
source "$(dirname "$0")/../support/wesnoth_corpus.sh"
source "$(dirname "$0")/../support/ffmpeg_peer.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

find "$music" -name '*.ogg' | sort > "$work/all.m3u"
# The phases' playlists: a quarter of the corpus each, so every phase has its own music.
split -n l/4 -d "$work/all.m3u" "$work/part"
for n in 0 1 2 3; do mv "$work/part0$n" "$work/phase$n.m3u"; done
cat > "$work/plan.toml" <<PLAN
name = "Three-hour benchmark"
[[phase]]
name = "Intention setting"
minutes = 20
playlist = "phase0.m3u"
[[phase]]
name = "Relaxation"
minutes = 15
playlist = "phase1.m3u"
[[phase]]
name = "Dosing"
minutes = 90
playlist = "phase2.m3u"
track_crossfade_seconds = 4
[[phase]]
name = "Integration"
minutes = 55
playlist = "phase3.m3u"
PLAN

# ffmpeg's list: the corpus repeated until it passes three hours (128 min x 2 = 256 min, cut).
for _ in 1 2; do sed "s/'/'\\\\''/g; s/^/file '/; s/\$/'/" "$work/all.m3u"; done > "$work/concat"

first=$(seconds "$cli" preflight "$work/plan.toml" --data-dir "$work/data")
printf 'first run (measures all 41 tracks, fills the cache): holdspace preflight %.2f s\n' "$first"
ours=(); theirs=(); theirs_libvorbis=()
for run in $(seq "$runs"); do
  o=$(seconds "$cli" preflight "$work/plan.toml" --data-dir "$work/data")
  t=$(ffmpeg_seconds own "$work/concat" -t 10800)
  l=$(ffmpeg_seconds libvorbis "$work/concat" -t 10800)
  printf 'run %d: holdspace preflight %.2f s, ffmpeg %.2f s, ffmpeg decoding with libvorbis %.2f s\n' \
    "$run" "$o" "$t" "$l"
  ours+=("$o"); theirs+=("$t"); theirs_libvorbis+=("$l")
done
ours_median=$(printf '%s\n' "${ours[@]}" | median)
theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
libvorbis_median=$(printf '%s\n' "${theirs_libvorbis[@]}" | median)
printf 'median: holdspace preflight %.2f s, ffmpeg %.2f s, ratio %s (holdspace / ffmpeg)\n' \
  "$ours_median" "$theirs_median" "$(ratio "$ours_median" "$theirs_median")"
printf 'median, the same decoder: ffmpeg decoding with libvorbis %.2f s, ratio %s (holdspace / it)\n' \
  "$libvorbis_median" "$(ratio "$ours_median" "$libvorbis_median")"
