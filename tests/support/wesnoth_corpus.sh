# Sourced by the scripts that use the real corpus (tests/bench, tests/long, tests/corpus): the
# 41 Wesnoth music tracks (about 128 minutes of 44.1 kHz Ogg Vorbis, GPL), fetched once with
# apt-get download into ${HOLDSPACE_CACHE:-~/.cache/holdspace-test}, never into the repo.
# Sets $cache and $music; also gives the benchmarks `seconds CMD…` and `median` (bench_stats.sh).

cache="${HOLDSPACE_CACHE:-$HOME/.cache/holdspace-test}"
music="$cache/wesnoth/usr/share/games/wesnoth/1.16/data/core/music"
if [ ! -d "$music" ]; then
  mkdir -p "$cache"
  (cd "$cache" && apt-get download wesnoth-1.16-music && dpkg -x wesnoth-1.16-music_*.deb wesnoth)
fi

source "$(dirname "${BASH_SOURCE[0]}")/bench_stats.sh"
