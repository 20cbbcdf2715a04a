# Sourced by the benchmarks whose peer is ffmpeg decoding and resampling to 48 kHz (render,
# preflight): `ffmpeg_seconds DECODER CONCAT [output options…]` times
#   ffmpeg -f concat -i CONCAT … -af aresample=48000:resampler=soxr -f null -
# DECODER "own" is ffmpeg's own Vorbis decoder (the peer; about three times as fast as
# libvorbis). "libvorbis" decodes with libvorbis, the decoder libsndfile uses and so ours: that
# ratio compares the rest of the work. Its libvorbis wrapper gives 16-bit samples, so they are
# turned back into planar float before the resampler, as ffmpeg's own decoder gives them
# (libsoxr on 16-bit input costs about three times as much).
ffmpeg_seconds() {
  local decoder="$1" concat="$2"
  shift 2
  local input=() before=""
  if [ "$decoder" = libvorbis ]; then
    input=(-c:a libvorbis)
    before="aformat=sample_fmts=fltp,"
  fi
  seconds ffmpeg -nostdin -hide_banner -loglevel quiet "${input[@]}" -f concat -safe 0 -i "$concat" "$@" \
    -af "${before}aresample=48000:resampler=soxr" -f null -
}
