# Sourced by the scripts that use the real corpus (tests/bench, tests/long, tests/corpus): the
# 41 Wesnoth music tracks (about 128 minutes of 44.1 kHz Ogg Vorbis, GPL), fetched once with
# apt-get download into ${HOLDSPACE_CACHE:-~/.cache/holdspace-test}, never into the repo.
# Sets $cache and $music; also gives the benchmarks `seconds CMD…` and `median`.

cache="${HOLDSPACE_CACHE:-$HOME/.cache/holdspace-test}"
music="$cache/wesnoth/usr/share/games/wesnoth/1.16/data/core/music"
if [ ! -d "$music" ]; then
  mkdir -p "$cache"
  (cd "$cache" && apt-get download wesnoth-1.16-music && dpkg -x wesnoth-1.16-music_*.deb wesnoth)
fi

# Wall time of a command, its output discarded; a failing run is still timed.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
