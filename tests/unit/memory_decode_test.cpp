// Decoding from bytes in memory (AudioFileReader::open_memory, libsndfile's virtual I/O), which
// the decode fuzz target runs on: it must give exactly what decoding the same file from disk
// gives, for formats that seek while opening (Ogg, MP3) as well as those that do not.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "audio/audio_file.h"
#include "audio/track_source.h"
#include "support/test_audio.h"

using namespace holdspace;
using holdspace::test::TempDir;

namespace {

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("a file decoded from memory is the file decoded from disk", "[decode][memory]") {
  struct Case {
    const char* name;
    int format;
    int channels;
  };
  const Case cases[] = {
      {"tone.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 6},  // downmixed from 5.1
      {"tone.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 1},
      {"tone.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 2},
      {"tone.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 2},
  };
  TempDir dir;
  for (const Case& c : cases) {
    SECTION(c.name) {
      const auto path = dir / c.name;
      test::write_audio(path, c.format, 44100, c.channels, 44100 / 2, test::sine(440.0, 44100, 0.5f));
      const std::string bytes = bytes_of(path);

      auto from_memory = audio::AudioFileReader::open_memory(bytes, c.name);
      REQUIRE(from_memory.ok());
      auto from_disk = audio::AudioFileReader::open(path);
      REQUIRE(from_disk.ok());
      CHECK((*from_memory)->info().frames == (*from_disk)->info().frames);
      CHECK((*from_memory)->info().channels == c.channels);
      CHECK((*from_memory)->info().format == (*from_disk)->info().format);

      auto memory_track = audio::TrackSource::from_reader(std::move(from_memory).value(), c.name, 48000);
      auto disk_track = audio::TrackSource::open(path, 48000);
      REQUIRE(memory_track.ok());
      REQUIRE(disk_track.ok());
      const std::vector<float> memory_samples = test::decode_all(**memory_track);
      CHECK((*memory_track)->error().empty());
      CHECK(memory_samples.size() == std::size_t((*memory_track)->expected_frames() * 2));
      CHECK(memory_samples == test::decode_all(**disk_track));
    }
  }
}

TEST_CASE("bytes that are no audio are refused, named as given", "[decode][memory]") {
  const auto text = audio::AudioFileReader::open_memory("#EXTM3U\na.ogg\n", "pasted.wav");
  REQUIRE_FALSE(text.ok());
  CHECK_THAT(text.error().message, Catch::StartsWith("pasted.wav: not an audio file holdspace can read ("));

  const auto empty = audio::AudioFileReader::open_memory("", "empty.flac");
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message, Catch::StartsWith("empty.flac: "));
}
