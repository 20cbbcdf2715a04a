#include "cli/audio_report.h"

#include <cstdio>

namespace holdspace::cli {

std::string audio_report(const audio::CallbackTiming& timing, std::int64_t underruns) {
  char text[200];
  std::snprintf(text, sizeof text,
                "audio: %lld callbacks, each within %.1f %% of its period (99 %% within %.1f %%); %lld underruns",
                static_cast<long long>(timing.count()), 100.0 * timing.worst(), 100.0 * timing.percentile(0.99),
                static_cast<long long>(underruns));
  return text;
}

}  // namespace holdspace::cli
