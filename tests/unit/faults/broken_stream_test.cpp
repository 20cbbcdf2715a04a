// A file that breaks off mid-stream, one track on its own: what it plays, and the one line that
// says why it stopped (the note the session journals when it skips the track).
#include <catch2/catch.hpp>

#include <regex>
#include <vector>

#include "audio/track_source.h"
#include "bad_files.h"
#include "support/test_audio.h"

using namespace holdspace;

TEST_CASE("a FLAC damaged mid-stream plays up to the damage, then says where and why it stopped", "[faults]") {
  test::TempDir dir("holdspace-faults");
  test::write_damaged_flac(dir / "damaged.flac", 440, 4.0);
  auto source = audio::TrackSource::open(dir / "damaged.flac", 48000);
  REQUIRE(source.ok());
  CHECK(source.value()->expected_frames() == 4 * 48000);  // the header still promises all of it

  std::vector<float> block(2 * 4096);
  std::int64_t frames = 0;
  while (!source.value()->finished()) frames += source.value()->produce(block.data(), 4096);
  const double seconds = double(frames) / 48000;
  CHECK(seconds > 1.5);
  CHECK(seconds < 2.5);
  const std::string& error = source.value()->error();
  INFO(error);
  CHECK(std::regex_search(error, std::regex("damaged\\.flac: stopped decoding at [12]\\.[0-9] s: flac decoder lost sync$")));
}
