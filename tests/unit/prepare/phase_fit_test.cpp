// fit_phase: the bar beside each phase in the Prepare view. It warns when the music runs out
// (and says what the client then hears) or is far longer than the phase, and stays quiet for a
// few tracks of cushion.
#include <catch2/catch.hpp>

#include "unit/prepare/prepare_test_files.h"
#include <string>

#include "prepare/phase_fit.h"

using holdspace::prepare::fit_phase;
using holdspace::prepare::PhaseFit;
using holdspace::session::PhasePlan;
using holdspace::session::PlaylistEnd;

using holdspace::test::contains;

namespace {

PhasePlan phase(double minutes, PlaylistEnd at_end = PlaylistEnd::Loop) {
  PhasePlan planned;
  planned.name = "Dosing";
  planned.minutes = minutes;
  planned.playlist = "/music/dosing.m3u8";
  planned.at_playlist_end = at_end;
  return planned;
}

PhasePlan silent_phase(double minutes) {
  PhasePlan planned = phase(minutes);
  planned.playlist.clear();
  return planned;
}

}  // namespace

TEST_CASE("fit_phase: a silent phase has no music, and says for how long", "[prepare]") {
  const PhaseFit fit = fit_phase(silent_phase(20), 0.0);
  CHECK(fit.kind == PhaseFit::Kind::NoMusic);
  CHECK(fit.is_warning());
  CHECK(fit.fill() == 0.0);
  CHECK(contains(fit.message, "no playlist"));
  CHECK(contains(fit.message, "20:00"));
}

TEST_CASE("fit_phase: a playlist with nothing playable counts as no music", "[prepare]") {
  const PhaseFit fit = fit_phase(phase(15), 0.0);
  CHECK(fit.kind == PhaseFit::Kind::NoMusic);
  CHECK(contains(fit.message, "no playable track"));
  CHECK(contains(fit.message, "15:00"));
}

TEST_CASE("fit_phase: a short playlist that loops says how many times it is heard", "[prepare]") {
  const PhaseFit fit = fit_phase(phase(10, PlaylistEnd::Loop), 4 * 60);
  CHECK(fit.kind == PhaseFit::Kind::Loops);
  CHECK(fit.is_warning());
  CHECK(fit.fill() == Approx(0.4));
  CHECK(contains(fit.message, "4:00"));
  CHECK(contains(fit.message, "10:00"));
  CHECK(contains(fit.message, "heard 3 times"));  // twice through, and part of a third
}

TEST_CASE("fit_phase: a short playlist that ends in silence says how much silence", "[prepare]") {
  const PhaseFit fit = fit_phase(phase(10, PlaylistEnd::Silence), 4 * 60);
  CHECK(fit.kind == PhaseFit::Kind::Silence);
  CHECK(fit.is_warning());
  CHECK(contains(fit.message, "6:00 of silence"));
}

TEST_CASE("fit_phase: a playlist about as long as the phase fits", "[prepare]") {
  for (const double minutes : {20.0, 21.0, 29.0}) {
    INFO(minutes << " minutes of music for 20");
    const PhaseFit fit = fit_phase(phase(20), minutes * 60);
    CHECK(fit.kind == PhaseFit::Kind::Fits);
    CHECK_FALSE(fit.is_warning());
    CHECK(fit.fill() == Approx(minutes / 20));
    CHECK(contains(fit.message, "fits"));
  }
}

TEST_CASE("fit_phase: far longer is over 1.5 times the phase and over ten minutes more", "[prepare]") {
  const PhaseFit far = fit_phase(phase(20), 45 * 60);
  CHECK(far.kind == PhaseFit::Kind::FarLonger);
  CHECK(far.is_warning());
  CHECK(far.fill() == Approx(2.25));
  CHECK(contains(far.message, "25:00 of it will not be heard"));

  // Just over 1.5 times, but only six minutes more: a cushion, not a warning.
  CHECK(fit_phase(phase(10), 16 * 60).kind == PhaseFit::Kind::Fits);
  // Fifteen minutes more, but a small part of a long phase.
  CHECK(fit_phase(phase(90), 105 * 60).kind == PhaseFit::Kind::Fits);
  // Both limits are "more than": exactly on either still fits.
  CHECK(fit_phase(phase(20), 30 * 60).kind == PhaseFit::Kind::Fits);
  CHECK(fit_phase(phase(20), 30 * 60 + 1).kind == PhaseFit::Kind::FarLonger);
}

TEST_CASE("PhaseFit::fill is 0 when nothing is planned", "[prepare]") {
  PhaseFit fit;
  fit.music_seconds = 120;
  fit.planned_seconds = 0;
  CHECK(fit.fill() == 0.0);
}
