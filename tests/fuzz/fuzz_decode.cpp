// libFuzzer target: the decode path, on bytes in memory. The bytes open through libsndfile's
// virtual I/O (AudioFileReader::open_memory, with the checks every file meets) and are played
// out by a TrackSource at 48 kHz exactly as the decode worker does it: read, downmix to stereo,
// resample, sanitise, pad or fade the end. The promises of track_source.h are checked on the way.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "audio/audio_file.h"
#include "audio/track_source.h"
#include "fuzz_checks.h"

namespace {

using holdspace::fuzz::broken_promise;

constexpr int kOutputRate = 48000;
constexpr std::int64_t kChunkFrames = 4096;  // what DecodeWorker asks for at a time
// Ten seconds of output is plenty to reach every state; a header that promises hours of audio
// the bytes really hold (a FLAC of constant frames) would otherwise cost seconds per input.
constexpr std::int64_t kMostFrames = 10 * kOutputRate;
constexpr int kCallsWithoutFrames = 16;
constexpr float kSaneSampleLimit = 4.0f;  // track_source.cpp clamps to this

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace holdspace::audio;
  auto reader = AudioFileReader::open_memory(holdspace::fuzz::as_text(data, size), "fuzz-input");
  if (!reader) {
    holdspace::fuzz::require_one_line("an audio error is one line", reader.error().message);
    return 0;
  }
  auto opened = TrackSource::from_reader(std::move(reader).value(), "fuzz-input", kOutputRate);
  if (!opened) {
    holdspace::fuzz::require_one_line("an audio error is one line", opened.error().message);
    return 0;
  }
  TrackSource& source = *opened.value();

  static std::vector<float> chunk(std::size_t(kChunkFrames) * 2);
  std::int64_t produced = 0;
  int calls_without_frames = 0;
  while (!source.finished() && produced < kMostFrames) {
    const std::int64_t got = source.produce(chunk.data(), kChunkFrames);
    // A call may hand out nothing while the last frames are held back for a fade, but
    // DecodeWorker::fill_slot loops until finished(): no progress at all would spin it for ever.
    calls_without_frames = got > 0 ? 0 : calls_without_frames + 1;
    if (got < 0 || calls_without_frames > kCallsWithoutFrames) {
      broken_promise("produce() makes progress until finished()", std::to_string(got));
    }
    for (std::int64_t i = 0; i < got * 2; ++i) {
      const float sample = chunk[std::size_t(i)];
      if (!std::isfinite(sample) || std::fabs(sample) > kSaneSampleLimit) {
        broken_promise("every sample is finite and within +12 dBFS", std::to_string(sample));
      }
    }
    produced += got;
  }
  // The mixer times crossfades by expected_frames(), so a track that ends well is exactly that
  // long; one that broke off says so in error().
  if (source.finished() && source.error().empty() && produced != source.expected_frames()) {
    broken_promise("a track that ends without an error is exactly expected_frames() long",
                   std::to_string(produced) + " produced, " + std::to_string(source.expected_frames()) +
                       " expected");
  }
  if (!source.error().empty()) holdspace::fuzz::require_one_line("a decode error is one line", source.error());
  return 0;
}
