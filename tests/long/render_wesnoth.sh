#!/usr/bin/env bash
# Long check (not part of `make test`): render the 41 real Wesnoth tracks (about 128 minutes of
# Ogg Vorbis at 44.1 kHz) into one 48 kHz WAV and check it has exactly the frames it should.
#   tests/long/render_wesnoth.sh [path/to/holdspace-cli]
# The music is fetched once with apt-get download into a cache outside the repo.
set -euo pipefail

cli="${1:-build/bin/holdspace-cli}"
rate=48000

source "$(dirname "$0")/../support/wesnoth_corpus.sh"

playlist="$cache/wesnoth.m3u"
find "$music" -name '*.ogg' | sort > "$playlist"
tracks=$(wc -l < "$playlist")

# What the render must hold: each track's own frames, resampled to 48 kHz and rounded.
expected=0
while read -r track; do
  frames=$(soxi -s "$track")
  source_rate=$(soxi -r "$track")
  expected=$(( expected + (frames * rate + source_rate / 2) / source_rate ))
done < "$playlist"

out="$cache/wesnoth-render.wav"
"$cli" render "$playlist" -o "$out" --rate "$rate"
got=$(soxi -s "$out")
got_rate=$(soxi -r "$out")
rm -f "$out"

echo "tracks: $tracks, rate: $got_rate Hz, frames: $got (expected $expected)"
if [ "$got_rate" != "$rate" ] || [ "$got" != "$expected" ]; then
  echo "FAIL: the render is not the expected length at $rate Hz" >&2
  exit 1
fi
echo "1 passed, 0 failed"
