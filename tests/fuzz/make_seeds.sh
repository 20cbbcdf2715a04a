#!/bin/sh
# Builds the fuzz targets' seed folders from the tests' own files:
#   - the shipped plans, playlist and bell (playlists/);
#   - every playlist, plan and audio file the parser, plan, prepare and decoding unit tests write,
#     kept by running them with HOLDSPACE_KEEP_TEST_FILES (tests/support/kept_test_files.h);
#   - short tones made with sox (and ffmpeg for Opus and MP3) in the formats, rates and channel
#     layouts libsndfile reads, since most audio the tests write is longer than a seed should be.
# Usage: make_seeds.sh SOURCE_DIR UNIT_TEST_BINARY OUT_DIR
set -eu
source_dir=$1 unit_tests=$2 out=$3

rm -rf "$out"
for target in fuzz_m3u fuzz_pls fuzz_xspf fuzz_plan fuzz_decode; do mkdir -p "$out/$target"; done

kept="$out/kept-test-files"
mkdir -p "$kept"
HOLDSPACE_KEEP_TEST_FILES="$kept" "$unit_tests" "[playlist],[plan],[prepare],[decode]" >"$out/unit-tests.log" 2>&1 ||
  { echo "make_seeds: the unit tests failed (see $out/unit-tests.log)" >&2; exit 1; }

# Small audio only: a seed is mutated thousands of times a second.
largest_audio=65536
add_audio() {
  [ "$(stat -c %s "$1")" -le $largest_audio ] && cp "$1" "$out/fuzz_decode/" || true
}

for file in "$kept"/* "$source_dir"/playlists/*.toml "$source_dir"/playlists/demo/*; do
  [ -f "$file" ] || continue
  case "$(printf '%s' "$file" | tr A-Z a-z)" in
    *.m3u|*.m3u8) cp "$file" "$out/fuzz_m3u/" ;;
    *.pls) cp "$file" "$out/fuzz_pls/" ;;
    *.xspf) cp "$file" "$out/fuzz_xspf/" ;;
    *.toml)
      cp "$file" "$out/fuzz_plan/"
      # fuzz_plan resolves paths in playlists/; the plan tests' own playlist and bell become the
      # demo ones there, so those plans load all the way (and are written back) as in the tests.
      sed -e 's|"music/calm.m3u8"|"demo/demo.m3u8"|g' -e 's|"bell.wav"|"demo/bell.ogg"|g' "$file" \
        >"$out/fuzz_plan/demo-$(basename "$file")"
      cmp -s "$file" "$out/fuzz_plan/demo-$(basename "$file")" && rm "$out/fuzz_plan/demo-$(basename "$file")"
      ;;
    # Saved as .txt, a playlist is recognised by its content: each playlist target tries that.
    *.txt|*.xml|*.ini|*.cue) cp "$file" "$out/fuzz_m3u/"; cp "$file" "$out/fuzz_pls/"; cp "$file" "$out/fuzz_xspf/" ;;
    *.wav|*.flac|*.ogg|*.oga|*.opus|*.aiff|*.aif|*.aifc|*.mp3|*.caf|*.w64|*.au) add_audio "$file" ;;
  esac
done

tones="$out/tones"
mkdir -p "$tones"
tone() {  # tone NAME SOX_OUTPUT_OPTIONS...: 20 ms of a 440 Hz sine
  name=$1; shift
  sox -q -n "$@" "$tones/$name" synth 0.02 sine 440 vol 0.5 2>/dev/null && add_audio "$tones/$name" ||
    echo "make_seeds: sox could not write $name; left out" >&2
}
tone mono-8k-u8.wav -r 8000 -c 1 -e unsigned -b 8
tone stereo-44k-16.wav -r 44100 -c 2 -b 16
tone stereo-48k-24.wav -r 48000 -c 2 -b 24
tone mono-96k-float.wav -r 96000 -c 1 -e floating-point -b 32
tone surround-48k-16.wav -r 48000 -c 6 -b 16
tone quad-22k-32.wav -r 22050 -c 4 -e signed -b 32
tone stereo-44k-16.aiff -r 44100 -c 2 -b 16
tone stereo-44k-16.flac -r 44100 -c 2 -b 16
tone mono-8k-16.flac -r 8000 -c 1 -b 16
tone surround-48k-24.flac -r 48000 -c 6 -b 24
tone stereo-44k.ogg -r 44100 -c 2
tone mono-22k.ogg -r 22050 -c 1
# More containers libsndfile reads, each a different header parser.
for format in au caf w64 voc sph paf sf mat5 htk avr 8svx sds wve; do
  tone "mono-8k-16.$format" -r 8000 -c 1 -b 16
done
# sox writes no Opus or MP3; ffmpeg (in DEBIAN_PACKAGES) does.
for name in stereo-48k.opus stereo-44k.mp3; do
  ffmpeg -loglevel error -f lavfi -i "sine=frequency=440:duration=0.05" -ac 2 "$tones/$name" &&
    add_audio "$tones/$name" || echo "make_seeds: ffmpeg could not write $name; left out" >&2
done

for target in fuzz_m3u fuzz_pls fuzz_xspf fuzz_plan fuzz_decode; do
  echo "  $target: $(ls "$out/$target" | wc -l) seeds"
done
