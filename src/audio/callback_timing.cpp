// record() runs on the audio thread: relaxed atomics on a fixed table only.
#include "audio/callback_timing.h"

#include <algorithm>

namespace holdspace::audio {

void CallbackTiming::record(double fraction) {
  const int bin = std::clamp(int(fraction / kBinWidth), 0, kBins - 1);
  bins_[std::size_t(bin)].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  // Only this thread writes worst_, so a load and a store cannot lose a larger value.
  if (fraction > worst_.load(std::memory_order_relaxed)) worst_.store(fraction, std::memory_order_relaxed);
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
