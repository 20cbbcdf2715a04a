# Gain staging in the engine (issue 5): per-track gain, the true-peak limiter, the talk duck and
# the fades, appended to holdspace_unit_tests by tests/CMakeLists.txt.
list(APPEND GAIN_TEST_SOURCES
  unit/gain/couples_mixer_test.cpp
  unit/gain/duck_fade_test.cpp
  unit/gain/gain_render_test.cpp
  unit/gain/late_gain_test.cpp
  unit/gain/mixer_gain_test.cpp
  unit/gain/true_peak_limiter_test.cpp
  unit/gain/true_peak_meter_test.cpp)
