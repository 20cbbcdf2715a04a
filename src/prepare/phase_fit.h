// Does a phase's music fit its planned minutes? Shown as a bar per phase while preparing: a
// playlist that runs out means the client hears it again (loop) or hears nothing (silence), and
// one far longer than the phase means most of it will never play.
#pragma once

#include <string>

#include "session/plan.h"

namespace holdspace::prepare {

struct PhaseFit {
  enum class Kind {
    Fits,        // about as long as the phase, or a little longer
    Loops,       // runs out and starts again
    Silence,     // runs out and the client then hears nothing
    FarLonger,   // much of it will not be heard
    NoMusic,     // a silent phase, or no playable track
  };
  Kind kind = Kind::Fits;
  double music_seconds = 0.0;
  double planned_seconds = 0.0;
  // music / planned: how full the phase's bar is (1 = exactly fits; more = longer).
  double fill() const { return planned_seconds > 0 ? music_seconds / planned_seconds : 0.0; }
  bool is_warning() const { return kind != Kind::Fits; }
  std::string message;  // one line for the therapist
};

// A playlist counts as "far longer" when it is over half as long again as the phase and more
// than ten minutes over: a few extra tracks are a harmless cushion for a phase that runs long.
PhaseFit fit_phase(const session::PhasePlan& phase, double music_seconds);

}  // namespace holdspace::prepare
