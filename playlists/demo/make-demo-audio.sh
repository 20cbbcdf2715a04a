#!/usr/bin/env bash
# make-demo-audio.sh — generate the holdspace demo audio and playlist from pure sox synthesis.
#
# Writes, next to this script:
#   01-arrival.ogg 02-breath.ogg 03-drift.ogg 04-return.ogg   calm ambient pads, 60–80 s each
#   bell.ogg                                                  a soft inharmonic bell, ~8 s
#   demo.m3u8                                                 playlist of the four pads (not the bell)
#
# All files are 44.1 kHz stereo Ogg Vorbis on purpose (holdspace usually outputs 48 kHz, so the
# demo exercises resampling). Pads peak around -6 dBFS, the bell around -10 dBFS.
#
# Deterministic: no noise sources, sox runs with -R (repeatable random seed, which also fixes the
# Ogg stream serial number) and -D (no dither), so re-running gives byte-identical files with the
# same sox/libvorbis build. Idempotent: every output is rebuilt in a temporary file and then
# moved into place.
#
# Requires: sox with Ogg Vorbis support (Debian: sox + libsox-fmt-all), soxi, coreutils.
# The generated audio and playlist are CC0 1.0; see LICENSE.md.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RATE=44100
QUALITY=1          # Vorbis quality (sox -C); low on purpose, keeps the folder well under 3 MB
PAD_PEAK_DB=-6
BELL_PEAK_DB=-10

command -v sox >/dev/null || { echo "error: sox not found" >&2; exit 1; }
command -v soxi >/dev/null || { echo "error: soxi not found" >&2; exit 1; }
if ! sox -h 2>/dev/null | grep -Eq 'AUDIO FILE FORMATS:.* (vorbis|ogg)( |$)'; then
  echo "error: this sox has no Ogg Vorbis support (Debian: apt-get install libsox-fmt-all)" >&2
  exit 1
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/holdspace-demo.XXXXXX")"
cleanup() { rm -rf -- "$TMP"; rm -f -- "$DIR"/.*.ogg.partial "$DIR"/.demo.m3u8.partial; }
trap cleanup EXIT

# Common sox options: repeatable (-R), no dither (-D), quiet unless something is wrong (-V1).
SOX=(sox -R -D -V1)
# Intermediate format: 32-bit float WAV, so nothing clips before the final normalisation.
FLOAT=(-r "$RATE" -c 2 -e floating-point -b 32)

# voice OUT DUR TYPE FREQ_L FREQ_R GAIN TREM_HZ TREM_DEPTH
# One stereo oscillator (slightly detuned left/right for width) with its own slow tremolo.
voice() {
  local out=$1 dur=$2 type=$3 fl=$4 fr=$5 gain=$6 trem_hz=$7 trem_depth=$8
  "${SOX[@]}" -n "${FLOAT[@]}" "$out" \
    synth "$dur" "$type" "$fl" "$type" "$fr" \
    tremolo "$trem_hz" "$trem_depth" \
    vol "$gain"
}

# pad NAME DUR FADE_IN FADE_OUT VOICE... -- EFFECT...
# VOICE is "type:freqL:freqR:gain:tremHz:tremDepth". The voices are mixed, shaped by EFFECT...,
# trimmed to DUR, faded in/out (half-sine S-curves) and normalised to PAD_PEAK_DB.
pad() {
  local name=$1 dur=$2 fade_in=$3 fade_out=$4; shift 4
  local -a inputs=()
  local i=0 type fl fr g th td
  while [[ $# -gt 0 && $1 != -- ]]; do
    IFS=: read -r type fl fr g th td <<<"$1"
    voice "$TMP/$name-v$i.wav" "$dur" "$type" "$fl" "$fr" "$g" "$th" "$td"
    inputs+=(-v 1 "$TMP/$name-v$i.wav")
    i=$((i + 1)); shift
  done
  [[ ${1-} == -- ]] && shift
  local partial="$DIR/.$name.ogg.partial"
  "${SOX[@]}" -m "${inputs[@]}" -r "$RATE" -c 2 -t vorbis -C "$QUALITY" "$partial" \
    highpass 30 \
    "$@" \
    trim 0 "$dur" \
    fade h "$fade_in" -0 "$fade_out" \
    gain -n "$PAD_PEAK_DB"
  mv -f -- "$partial" "$DIR/$name.ogg"
}

# Equal-tempered pitches used below (Hz).
D2=73.42; A2=110.00; D3=146.83; A3=220.00; E3=164.81; Fs3=185.00
F2=87.31; F3=174.61; C4=261.63; E4=329.63; G4=392.00
B3=246.94; Cs4=277.18; G2=98.00; G3=196.00; D4=293.66

# 01 Arrival — a low, still drone on D (open fifths), very slow breathing of the upper voices.
pad 01-arrival 66 5 5 \
  "sine:$D2:$D2:0.50:0.031:12" \
  "triangle:$A2:110.15:0.22:0.047:25" \
  "sine:$D3:146.60:0.22:0.061:35" \
  "sine:$A3:220.25:0.08:0.083:45" \
  "sine:$Fs3:185.20:0.05:0.071:60" \
  -- lowpass 900 chorus 0.8 0.9 60 0.35 0.12 2.5 -s reverb 55 70 100 60 20 -4

# 02 Breath — F major swells at roughly six breaths a minute (0.1 Hz), voices slightly offset.
pad 02-breath 72 5 5 \
  "sine:$F2:$F2:0.35:0.033:15" \
  "sine:$F3:174.80:0.25:0.100:70" \
  "sine:$A3:219.80:0.18:0.100:75" \
  "triangle:$C4:261.90:0.12:0.095:80" \
  "sine:$E4:329.30:0.05:0.090:85" \
  -- lowpass 1600 chorus 0.8 0.9 55 0.4 0.15 2 -s reverb 65 60 100 80 25 -3

# 03 Drift — a wide A add9 pad: larger left/right detune, deeper chorus, bigger room.
pad 03-drift 78 5 5 \
  "sine:$A2:110.40:0.30:0.041:20" \
  "triangle:$E3:165.30:0.18:0.053:40" \
  "sine:$B3:246.30:0.12:0.067:55" \
  "sine:$Cs4:277.90:0.10:0.059:60" \
  "sine:$E4:328.80:0.07:0.077:65" \
  -- lowpass 1800 chorus 0.7 0.9 50 0.4 0.20 3 -t 70 0.35 0.13 2.5 -s reverb 80 50 100 100 30 -2

# 04 Return — warmer and a little brighter: G major with a soft triangle top, gentle lift.
pad 04-return 70 4 5 \
  "sine:$G2:$G2:0.32:0.037:15" \
  "triangle:$D3:147.05:0.20:0.051:30" \
  "sine:$G3:196.30:0.18:0.063:40" \
  "triangle:$B3:247.20:0.12:0.072:50" \
  "sine:$D4:293.30:0.08:0.081:55" \
  "sine:$G4:392.40:0.05:0.089:60" \
  -- lowpass 2600 chorus 0.8 0.9 55 0.35 0.15 2 -s reverb 60 55 90 70 20 -4

# Bell — inharmonic sine partials (ratios 1, 2.76, 5.4, 8.93 of 440 Hz). Each partial decays
# exponentially (sox "fade l" is linear in dB: 100 dB over the fade length; the fade is longer
# than the clip so each partial keeps its own dB/s slope). Left/right are detuned by ~0.1 % for
# a slow shimmer. A 6 ms half-sine attack keeps the onset click-free.
BELL_DUR=8
bell_partial() {  # OUT FREQ_L FREQ_R GAIN FADE_LEN(s for -100 dB)
  "${SOX[@]}" -n "${FLOAT[@]}" "$1" \
    synth "$5" sine "$2" sine "$3" \
    fade l 0 "$5" "$5" \
    trim 0 "$BELL_DUR" \
    vol "$4"
}
bell_partial "$TMP/bell-1.wav" 440.00 440.35 1.00 12
bell_partial "$TMP/bell-2.wav" 1214.40 1215.50 0.45 8
bell_partial "$TMP/bell-3.wav" 2376.00 2378.30 0.20 5
bell_partial "$TMP/bell-4.wav" 3929.20 3932.80 0.08 3
"${SOX[@]}" -m -v 1 "$TMP/bell-1.wav" -v 1 "$TMP/bell-2.wav" -v 1 "$TMP/bell-3.wav" \
  -v 1 "$TMP/bell-4.wav" -r "$RATE" -c 2 -t vorbis -C "$QUALITY" "$DIR/.bell.ogg.partial" \
  lowpass 6000 \
  reverb 40 60 60 50 5 -8 \
  trim 0 "$BELL_DUR" \
  fade h 0.006 -0 1.5 \
  gain -n "$BELL_PEAK_DB"
mv -f -- "$DIR/.bell.ogg.partial" "$DIR/bell.ogg"

# Playlist — extended M3U, UTF-8, relative paths, durations rounded to whole seconds.
{
  printf '#EXTM3U\n'
  for entry in 01-arrival:Arrival 02-breath:Breath 03-drift:Drift 04-return:Return; do
    file="${entry%%:*}.ogg"; title="${entry#*:}"
    secs="$(soxi -D "$DIR/$file")"
    printf '#EXTINF:%.0f,%s\n%s\n' "$secs" "$title" "$file"
  done
} >"$DIR/.demo.m3u8.partial"
mv -f -- "$DIR/.demo.m3u8.partial" "$DIR/demo.m3u8"

echo "wrote: 01-arrival.ogg 02-breath.ogg 03-drift.ogg 04-return.ogg bell.ogg demo.m3u8 in $DIR"
