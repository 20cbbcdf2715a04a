#include "cli/audio_report.h"

#include <cstdio>

#include "core/text_format.h"

namespace holdspace::cli {

std::string audio_report(const audio::CallbackTiming& timing, std::int64_t underruns) {
  char text[240];
  std::snprintf(text, sizeof text,
                "audio: %lld callbacks, each within %.1f %% of its period (the worst %s into playback; 99 %% "
                "within %.1f %%); %lld underruns",
                static_cast<long long>(timing.count()), 100.0 * timing.worst(),
                format_duration(timing.worst_seconds_in()).c_str(), 100.0 * timing.percentile(0.99),
                static_cast<long long>(underruns));
  return text;
}

}  // namespace holdspace::cli
