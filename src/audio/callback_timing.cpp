// record() runs on the audio thread: relaxed atomics on a fixed table only.
#include "audio/callback_timing.h"

#include <algorithm>

namespace holdspace::audio {

void CallbackTiming::record(double fraction, std::int64_t began_ns) {
  const int bin = std::clamp(int(fraction / kBinWidth), 0, kBins - 1);
  bins_[std::size_t(bin)].fetch_add(1, std::memory_order_relaxed);
  if (count_.fetch_add(1, std::memory_order_relaxed) == 0) first_began_ns_.store(began_ns, std::memory_order_relaxed);
  // Only this thread writes worst_, so a load and a store cannot lose a larger value.
  if (fraction > worst_.load(std::memory_order_relaxed)) {
    worst_.store(fraction, std::memory_order_relaxed);
    worst_began_ns_.store(began_ns, std::memory_order_relaxed);
  }
}

double CallbackTiming::worst_seconds_in() const {
  if (count() == 0) return 0.0;
  const std::int64_t since = worst_began_ns_.load(std::memory_order_relaxed) - first_began_ns_.load(std::memory_order_relaxed);
  return std::max<double>(0.0, double(since) / 1e9);
}

double CallbackTiming::percentile(double p) const {
  const std::int64_t total = count();
  if (total == 0) return 0.0;
  const auto wanted = std::int64_t(double(total) * p + 0.5);
  std::int64_t seen = 0;
  for (int bin = 0; bin < kBins; ++bin) {
    seen += bins_[std::size_t(bin)].load(std::memory_order_relaxed);
    if (seen < wanted) continue;
    if (bin == kBins - 1) return worst();  // the overflow bin has no upper edge
    return std::min(double(bin + 1) * kBinWidth, worst());  // never past the worst
  }
  return worst();
}

}  // namespace holdspace::audio
