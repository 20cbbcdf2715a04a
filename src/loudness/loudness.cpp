// measure_file: decode with our own reader, feed libebur128 and the true-peak meter, refuse
// what no real track measures.
#include "loudness/loudness.h"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "audio/audio_file.h"
#include "audio/true_peak_meter.h"
#include "core/text_format.h"

namespace holdspace::loudness {
namespace {

// Bumped whenever what we feed libebur128, or how we read its answers, changes. 2: the true
// peak is audio::TruePeakMeter's, not libebur128's.
constexpr int kMethodVersion = 2;

// Beyond these no real recording lands: a louder integrated level is square-wave noise at full
// scale, a higher true peak is a float file with broken samples.
constexpr double kHighestIntegratedLufs = 6.0;
constexpr double kHighestTruePeakDbtp = 20.0;

// 0.37 s at 44.1 kHz: large enough for libebur128 to work efficiently, small enough for a
// cancel to be noticed at once.
constexpr std::int64_t kBlockFrames = 16384;

struct StateDeleter {
  void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};
using State = std::unique_ptr<ebur128_state, StateDeleter>;

std::string one_decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f", value);
  return text;
}

}  // namespace

std::string analyser_version() {
  int major = 0;
  int minor = 0;
  int patch = 0;
  ebur128_get_version(&major, &minor, &patch);
  return "holdspace-" + std::to_string(kMethodVersion) + " libebur128-" + std::to_string(major) + "." +
         std::to_string(minor) + "." + std::to_string(patch);
}

std::string implausibility(const Loudness& loudness) {
  if (!std::isfinite(loudness.integrated_lufs) || !std::isfinite(loudness.range_lu) ||
      !std::isfinite(loudness.true_peak_dbtp) || !std::isfinite(loudness.seconds)) {
    return "the measurement is not a number (are the samples damaged?)";
  }
  if (loudness.integrated_lufs > kHighestIntegratedLufs) {
    return "measured " + one_decimal(loudness.integrated_lufs) +
           " LUFS, louder than any real track (are the samples damaged?)";
  }
  if (loudness.true_peak_dbtp > kHighestTruePeakDbtp) {
    return "true peak of " + one_decimal(loudness.true_peak_dbtp) +
           " dBTP, higher than any real track (are the samples damaged?)";
  }
  if (loudness.range_lu < 0.0 || loudness.seconds <= 0.0) return "the measurement makes no sense";
  return {};
}

Result<Loudness> measure_file(const std::filesystem::path& file) { return measure_file(file, nullptr); }

Result<Loudness> measure_file(const std::filesystem::path& file, const std::atomic<bool>* cancel) {
  const auto fail = [&file](const std::string& why) { return Error{file.string() + ": " + why}; };

  auto opened = audio::AudioFileReader::open(file);
  if (!opened) return opened.error();  // already "<file>: <why>"
  audio::AudioFileReader& reader = *opened.value();
  const int rate = reader.info().sample_rate;

  State state(ebur128_init(2, static_cast<unsigned long>(rate),
                           EBUR128_MODE_I | EBUR128_MODE_LRA));
  if (!state) return fail("cannot measure audio at " + std::to_string(rate) + " Hz");

  audio::TruePeakMeter true_peak;
  std::vector<float> block(std::size_t(kBlockFrames) * 2);
  std::int64_t frames = 0;
  while (true) {
    if (cancel && cancel->load(std::memory_order_relaxed)) return fail("analysis cancelled");
    const std::int64_t got = reader.read_stereo(block.data(), kBlockFrames);
    if (got <= 0) break;
    if (ebur128_add_frames_float(state.get(), block.data(), std::size_t(got)) != EBUR128_SUCCESS) {
      return fail("out of memory while measuring");
    }
    true_peak.add(block.data(), got);
    frames += got;
  }
  if (!reader.read_error().empty()) {
    return fail("the file is damaged: decoding stopped at " + format_duration(double(frames) / rate) + " (" +
                reader.read_error() + ")");
  }
  if (frames == 0) return fail("contains no audio");

  Loudness measured;
  measured.seconds = double(frames) / rate;
  if (ebur128_loudness_global(state.get(), &measured.integrated_lufs) != EBUR128_SUCCESS ||
      ebur128_loudness_range(state.get(), &measured.range_lu) != EBUR128_SUCCESS) {
    return fail("out of memory while measuring");
  }
  const double peak = true_peak.finish();
  measured.true_peak_dbtp = 20.0 * std::log10(peak);
  // An infinite sample poisons the filters, and the loudness then reads as silence: say why.
  if (!std::isfinite(measured.true_peak_dbtp) && peak > 0.0) {
    return fail("the samples are damaged (infinite or not a number)");
  }
  // Every 400 ms block fell under the absolute gate (-70 LUFS): libebur128 says -inf.
  if (std::isinf(measured.integrated_lufs) && measured.integrated_lufs < 0) {
    return fail("silent: nothing above -70 LUFS to measure");
  }
  if (auto why = implausibility(measured); !why.empty()) return fail(why);
  return measured;
}

}  // namespace holdspace::loudness
