#include "preflight/output_meter.h"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "audio/true_peak_meter.h"

namespace holdspace::preflight {
namespace {

constexpr double kFloorLufs = -70.0;  // EBU R128's absolute gate: quieter counts as silence

double floored(double lufs) { return std::isfinite(lufs) ? std::max(lufs, kFloorLufs) : kFloorLufs; }

// Loudness values average as energies, not as decibels.
double to_energy(double lufs) { return std::pow(10.0, (lufs + 0.691) / 10.0); }
double to_lufs(double energy) { return energy > 0 ? -0.691 + 10.0 * std::log10(energy) : kFloorLufs; }

}  // namespace

struct OutputMeter::State {
  ebur128_state* meter = nullptr;
  audio::TruePeakMeter true_peak;  // ours: libebur128's true-peak mode costs several times more
  int sample_rate = 0;
  std::int64_t into_second = 0;  // frames since the last short-term reading
  OutputLoudness result;

  // Blocks handed over by the render, measured in order by `thread`.
  std::mutex lock;
  std::condition_variable changed;
  std::deque<std::vector<float>> waiting;
  bool closing = false;
  std::thread thread;

  void measure(const float* stereo, std::int64_t frames);
  void run();
};

namespace {
// How many blocks may wait: enough to ride out an uneven pace, few enough to stay small.
constexpr std::size_t kMaxWaitingBlocks = 32;
}  // namespace

OutputMeter::OutputMeter(int sample_rate) : state_(std::make_unique<State>()) {
  state_->sample_rate = sample_rate;
  state_->meter = ebur128_init(2, unsigned(sample_rate), EBUR128_MODE_S | EBUR128_MODE_I);
  state_->thread = std::thread([state = state_.get()] { state->run(); });
}

OutputMeter::~OutputMeter() {
  {
    std::lock_guard guard(state_->lock);
    state_->closing = true;
  }
  state_->changed.notify_all();
  if (state_->thread.joinable()) state_->thread.join();
  if (state_->meter) ebur128_destroy(&state_->meter);
}

void OutputMeter::add(const float* stereo, std::int64_t frames) {
  State& s = *state_;
  std::unique_lock guard(s.lock);
  s.changed.wait(guard, [&s] { return s.waiting.size() < kMaxWaitingBlocks; });
  s.waiting.emplace_back(stereo, stereo + frames * 2);
  guard.unlock();
  s.changed.notify_all();
}

void OutputMeter::State::run() {
  while (true) {
    std::unique_lock guard(lock);
    changed.wait(guard, [this] { return closing || !waiting.empty(); });
    if (waiting.empty()) return;  // closing, and everything measured
    std::vector<float> block = std::move(waiting.front());
    waiting.pop_front();
    guard.unlock();
    changed.notify_all();
    measure(block.data(), std::int64_t(block.size() / 2));
  }
}

void OutputMeter::State::measure(const float* stereo, std::int64_t frames) {
  State& s = *this;
  if (!s.meter) return;
  s.true_peak.add(stereo, frames);
  // Fed in pieces that end on whole seconds, so each reading covers the 3 s up to that second.
  while (frames > 0) {
    const std::int64_t piece = std::min(frames, s.sample_rate - s.into_second);
    ebur128_add_frames_float(s.meter, stereo, std::size_t(piece));
    stereo += piece * 2;
    frames -= piece;
    s.into_second += piece;
    if (s.into_second == s.sample_rate) {
      s.into_second = 0;
      double short_term = -HUGE_VAL;
      ebur128_loudness_shortterm(s.meter, &short_term);
      s.result.short_term_lufs.push_back(floored(short_term));
    }
  }
}

Result<OutputLoudness> OutputMeter::finish() {
  State& s = *state_;
  {
    std::lock_guard guard(s.lock);
    s.closing = true;
  }
  s.changed.notify_all();
  if (s.thread.joinable()) s.thread.join();
  if (!s.meter) return Error{"preflight: the output could not be measured (libebur128 refused to start)"};
  const double peak = s.true_peak.finish();
  if (peak > 0) s.result.max_true_peak_dbtp = std::max(s.result.max_true_peak_dbtp, 20.0 * std::log10(peak));
  double integrated = -HUGE_VAL;
  ebur128_loudness_global(s.meter, &integrated);
  s.result.integrated_lufs = floored(integrated);

  // Each minute's loudness: its short-term readings averaged as energy, silence left out.
  const auto& readings = s.result.short_term_lufs;
  for (std::size_t start = 0; start < readings.size(); start += 60) {
    double energy = 0.0;
    int counted = 0;
    for (std::size_t i = start; i < std::min(readings.size(), start + 60); ++i) {
      if (readings[i] <= kFloorLufs) continue;
      energy += to_energy(readings[i]);
      ++counted;
    }
    if (counted < 30) continue;  // mostly silence (a fade's end): not a minute of music
    const MinuteLoudness minute{int(start / 60), to_lufs(energy / counted)};
    if (s.result.loudest.minute < 0 || minute.lufs > s.result.loudest.lufs) s.result.loudest = minute;
    if (s.result.quietest.minute < 0 || minute.lufs < s.result.quietest.lufs) s.result.quietest = minute;
  }
  return s.result;
}

}  // namespace holdspace::preflight
