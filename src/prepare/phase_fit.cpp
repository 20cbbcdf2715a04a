#include "prepare/phase_fit.h"

#include <cmath>

#include "core/text_format.h"

namespace holdspace::prepare {
namespace {

constexpr double kFarLongerRatio = 1.5;
constexpr double kFarLongerSeconds = 10 * 60;

}  // namespace

PhaseFit fit_phase(const session::PhasePlan& phase, double music_seconds) {
  PhaseFit fit;
  fit.music_seconds = music_seconds;
  fit.planned_seconds = phase.minutes * 60.0;
  const std::string planned = format_duration(fit.planned_seconds);
  const std::string music = format_duration(music_seconds);
  if (phase.playlist.empty() || music_seconds <= 0.0) {
    fit.kind = PhaseFit::Kind::NoMusic;
    fit.message = phase.playlist.empty() ? "no playlist: the client hears silence for " + planned
                                         : "no playable track: the client hears silence for " + planned;
  } else if (music_seconds < fit.planned_seconds) {
    if (phase.at_playlist_end == session::PlaylistEnd::Loop) {
      fit.kind = PhaseFit::Kind::Loops;
      const int plays = int(std::ceil(fit.planned_seconds / music_seconds));
      fit.message = music + " of music for " + planned + ": it loops (heard " + std::to_string(plays) + " times)";
    } else {
      fit.kind = PhaseFit::Kind::Silence;
      fit.message = music + " of music for " + planned + ": then " +
                    format_duration(fit.planned_seconds - music_seconds) + " of silence";
    }
  } else if (music_seconds > fit.planned_seconds * kFarLongerRatio &&
             music_seconds - fit.planned_seconds > kFarLongerSeconds) {
    fit.kind = PhaseFit::Kind::FarLonger;
    fit.message = music + " of music for " + planned + ": " +
                  format_duration(music_seconds - fit.planned_seconds) + " of it will not be heard";
  } else {
    fit.message = music + " of music for " + planned + ": fits";
  }
  return fit;
}

}  // namespace holdspace::prepare
