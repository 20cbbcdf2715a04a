// nearest_word: the "did you mean" behind every unknown key, choice and phase name.
#include <catch2/catch.hpp>

#include "session/plan_suggest.h"

using holdspace::session::nearest_word;

TEST_CASE("nearest_word: typos, swapped letters and words cut short", "[plan]") {
  const std::vector<std::string> keys = {"name", "minutes", "playlist", "fade_in_seconds", "volume_db"};
  CHECK(nearest_word("minuts", keys) == "minutes");
  CHECK(nearest_word("nmae", keys) == "name");
  CHECK(nearest_word("Playlist", keys) == "playlist");
  CHECK(nearest_word("fade_in", keys) == "fade_in_seconds");
  CHECK(nearest_word("volume", keys) == "volume_db");
  CHECK_FALSE(nearest_word("colour", keys));
  CHECK_FALSE(nearest_word("x", keys));
  CHECK_FALSE(nearest_word("minutes", {}));
}

TEST_CASE("nearest_word: short words need a close match", "[plan]") {
  const std::vector<std::string> markers = {"dose", "booster", "vitals", "note"};
  CHECK(nearest_word("doze", markers) == "dose");
  CHECK(nearest_word("vital", markers) == "vitals");
  CHECK_FALSE(nearest_word("lunch", markers));
  CHECK_FALSE(nearest_word("bp", markers));
}
