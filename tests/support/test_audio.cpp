#include "support/test_audio.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

#include "audio/track_source.h"
#include "support/kept_test_files.h"

namespace holdspace::test {

TempDir::TempDir(const std::string& prefix) {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  // A test may have taken its own permissions away from the folder (unreadable-file cases).
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ignored);
  std::filesystem::remove_all(path_, ignored);
}

std::vector<float> decode_all(audio::TrackSource& source, std::int64_t chunk_frames) {
  std::vector<float> out;
  std::vector<float> chunk(std::size_t(2 * chunk_frames));
  while (!source.finished()) {
    const std::int64_t got = source.produce(chunk.data(), chunk_frames);
    out.insert(out.end(), chunk.begin(), chunk.begin() + got * 2);
    if (got == 0) break;  // finished, or nothing more will come
  }
  return out;
}

void write_audio(const std::filesystem::path& path, int format, int rate, int channels,
                 std::int64_t frames, const SampleFunction& sample) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!file) throw std::runtime_error("cannot write " + path.string() + ": " + sf_strerror(nullptr));
  std::vector<float> block;
  constexpr std::int64_t kBlock = 4096;
  for (std::int64_t start = 0; start < frames; start += kBlock) {
    const std::int64_t count = std::min(kBlock, frames - start);
    block.assign(std::size_t(count * channels), 0.0f);
    for (std::int64_t f = 0; f < count; ++f) {
      for (int c = 0; c < channels; ++c) block[std::size_t(f * channels + c)] = sample(start + f, c);
    }
    sf_writef_float(file, block.data(), count);
  }
  sf_close(file);
  keep_test_file(path);
}

SampleFunction sine(double hz, int rate, float amplitude, std::int64_t phase_frames) {
  return [=](std::int64_t frame, int) {
    return amplitude * float(std::sin(2.0 * std::numbers::pi * hz * double(frame + phase_frames) / rate));
  };
}

SampleFunction constant(float value) {
  return [=](std::int64_t, int) { return value; };
}

DecodedAudio read_audio(const std::filesystem::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (!file) throw std::runtime_error("cannot read " + path.string() + ": " + sf_strerror(nullptr));
  DecodedAudio audio;
  audio.rate = info.samplerate;
  audio.channels = info.channels;
  audio.samples.resize(std::size_t(info.frames * info.channels));
  const sf_count_t got = sf_readf_float(file, audio.samples.data(), info.frames);
  audio.samples.resize(std::size_t(got * info.channels));
  sf_close(file);
  return audio;
}

double estimate_frequency(const std::vector<float>& interleaved, int channels, int channel, int rate,
                          std::int64_t from_frame, std::int64_t to_frame) {
  // Interpolated positions of upward zero crossings; frequency = crossings / time between the
  // first and the last one.
  double first = -1.0;
  double last = -1.0;
  int crossings = 0;
  for (std::int64_t f = from_frame + 1; f < to_frame; ++f) {
    const float a = interleaved[std::size_t((f - 1) * channels + channel)];
    const float b = interleaved[std::size_t(f * channels + channel)];
    if (a < 0.0f && b >= 0.0f) {
      const double position = double(f - 1) + double(a) / double(a - b);
      if (first < 0) {
        first = position;
      } else {
        ++crossings;
      }
      last = position;
    }
  }
  if (crossings == 0) return 0.0;
  return crossings * double(rate) / (last - first);
}

double rms(const std::vector<float>& interleaved, int channels, int channel, std::int64_t from_frame,
           std::int64_t to_frame) {
  double sum = 0.0;
  for (std::int64_t f = from_frame; f < to_frame; ++f) {
    const double v = interleaved[std::size_t(f * channels + channel)];
    sum += v * v;
  }
  return to_frame > from_frame ? std::sqrt(sum / double(to_frame - from_frame)) : 0.0;
}

double peak_of(const std::vector<float>& samples, std::size_t from, std::size_t to) {
  double peak = 0.0;
  for (std::size_t i = from; i < std::min(to, samples.size()); ++i) peak = std::max(peak, double(std::fabs(samples[i])));
  return peak;
}

namespace {

double tone_amplitude(const float* samples, std::size_t n, double hz, int rate) {
  const double w = 2.0 * std::numbers::pi * hz / rate;
  double s1 = 0.0, s2 = 0.0, window_sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double window = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i) / double(n - 1));
    window_sum += window;
    const double s0 = samples[i] * window + 2.0 * std::cos(w) * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const double power = s1 * s1 + s2 * s2 - 2.0 * std::cos(w) * s1 * s2;
  return 2.0 * std::sqrt(std::max(power, 0.0)) / window_sum;
}

}  // namespace

double tone_level_db(const std::vector<float>& mono, double hz, int rate) {
  const std::size_t block = std::size_t(rate / 10);
  std::vector<double> levels;
  for (std::size_t at = 0; at + block <= mono.size(); at += block) {
    levels.push_back(20.0 * std::log10(std::max(tone_amplitude(mono.data() + at, block, hz, rate), 1e-12)));
  }
  if (levels.empty()) return -240.0;
  std::nth_element(levels.begin(), levels.begin() + std::ptrdiff_t(levels.size() / 2), levels.end());
  return levels[levels.size() / 2];
}

double largest_step(const DecodedAudio& audio, int channel) {
  double worst = 0.0;
  for (std::int64_t f = 1; f < audio.frames(); ++f) {
    worst = std::max(worst, double(std::abs(audio.at(f, channel) - audio.at(f - 1, channel))));
  }
  return worst;
}

playlist::PlaylistEntry entry_for(const std::filesystem::path& path, int line) {
  playlist::PlaylistEntry entry;
  entry.location = path.string();
  entry.path = path;
  entry.line = line;
  return entry;
}

}  // namespace holdspace::test
