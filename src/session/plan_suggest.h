// "Did you mean ...?": the known word closest to one that was misspelt, for keys, marker types,
// choices and phase names alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace holdspace::session {

// The candidate nearest to word, ignoring case, when it is near enough to be the likely intent:
// a typo or two, a swapped pair of letters, or a word cut short ("fade_in" for
// "fade_in_seconds"). Nothing when no candidate is that close.
std::optional<std::string> nearest_word(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace holdspace::session
