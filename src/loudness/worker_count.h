// How many analysis threads "threads" means: <= 0 asks for one per core.
#pragma once

#include <algorithm>
#include <thread>

namespace holdspace::loudness {

inline int worker_count(int threads) {
  if (threads > 0) return threads;
  return std::max(1, int(std::thread::hardware_concurrency()));
}

}  // namespace holdspace::loudness
