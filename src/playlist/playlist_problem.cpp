// How a playlist problem reads on its own, for the CLI and the prepare view alike.
#include <string>

#include "playlist/playlist.h"

namespace holdspace::playlist {

std::string format_problem(const PlaylistProblem& problem) {
  if (problem.line <= 0) return problem.message;
  return "line " + std::to_string(problem.line) + ": " + problem.message;
}

}  // namespace holdspace::playlist
