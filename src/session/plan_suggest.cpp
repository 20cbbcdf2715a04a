// nearest_word: optimal string alignment distance (Levenshtein plus swapped neighbours), because
// transposed letters ("nmae") are the commonest typo in hand-written files.
#include "session/plan_suggest.h"

#include <algorithm>
#include <cctype>

namespace holdspace::session {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  // Three rows are enough: a transposition looks back two rows.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// Short words allow fewer edits, or every three-letter word would "mean" every other.
std::size_t allowed_edits(std::size_t length) {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

bool is_cut_short(const std::string& word, const std::string& candidate) {
  return word.size() >= 4 && candidate.size() > word.size() && candidate.starts_with(word);
}

}  // namespace

std::optional<std::string> nearest_word(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string typed = lower(word);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    const std::string known = lower(candidate);
    const std::size_t distance = edit_distance(typed, known);
    const bool close = distance <= allowed_edits(std::max(typed.size(), known.size())) &&
                       distance < std::max(typed.size(), known.size());
    if (!close && !is_cut_short(typed, known)) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace holdspace::session
