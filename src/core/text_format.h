// Small text helpers shared by the front ends: clock-style durations and decibels.
#pragma once

#include <string>

namespace holdspace {

// 75.4 -> "1:15", 3725 -> "1:02:05". Negative or non-finite input prints "--:--".
std::string format_duration(double seconds);

}  // namespace holdspace
