// Playback through the real PortAudio into a real, clocked device: a private JACK server on the
// dummy driver. Checks frames played against the wall clock, zero underruns, and zero heap calls
// on the audio thread.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "audio/audio_engine.h"
#include "audio/output_stream.h"
#include "audio/playlist_player.h"
#include "audio/portaudio_system.h"
#include "audio/realtime_context.h"
#include "device/allocation_counter.h"
#include "support/jack_server.h"
#include "support/test_audio.h"

using namespace holdspace;
using namespace std::chrono_literals;

TEST_CASE("the JACK dummy device is listed and found by name", "[device]") {
  test::JackServer jack;
  auto system = audio::PortAudioSystem::start();
  REQUIRE(system.ok());
  const auto devices = system.value()->output_devices();
  REQUIRE_FALSE(devices.empty());
  auto found = system.value()->find_output("system");
  REQUIRE(found.ok());
  CHECK(found->host_api.find("JACK") != std::string::npos);
  CHECK(found->default_sample_rate == 48000.0);
  CHECK(system.value()->find_output("JACK Audio Connection Kit: system").ok());

  auto missing = system.value()->find_output("Studio Monitors 9000");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("no output device called") != std::string::npos);
}

TEST_CASE("a playlist plays through PortAudio in real time, with no underrun and no allocation "
          "on the audio thread",
          "[device][realtime]") {
  test::TempDir dir;
  // 44.1 kHz sources, so the decode thread resamples while the callback plays.
  test::write_audio(dir / "one.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, 44100,
                    test::sine(440, 44100, 0.3f));
  test::write_audio(dir / "two.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 1, 44100,
                    test::sine(660, 44100, 0.3f));
  test::write_audio(dir / "three.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 44100,
                    test::sine(550, 44100, 0.3f));

  test::JackServer jack(48000, 256);
  auto system = audio::PortAudioSystem::start();
  REQUIRE(system.ok());
  auto device = system.value()->find_output("");
  REQUIRE(device.ok());

  audio::AudioEngine engine(audio::EngineConfig{});
  audio::OutputConfig output_config;
  output_config.sample_rate = 48000;
  output_config.frames_per_buffer = 256;
  auto stream = audio::OutputStream::open(*system.value(), device.value(), output_config, engine.mixer());
  REQUIRE(stream.ok());

  audio::PlayerOptions options;
  options.crossfade_seconds = 0.2;
  options.fade_in_seconds = 0.1;
  audio::PlaylistPlayer player(
      engine, {test::entry_for(dir / "one.wav", 1), test::entry_for(dir / "two.ogg", 2), test::entry_for(dir / "three.flac", 3)},
      options);
  REQUIRE(player.start());
  engine.decoder().start_thread();

  const std::int64_t heap_calls_before = test::realtime_heap_calls();
  const auto began = std::chrono::steady_clock::now();
  REQUIRE(stream.value()->start().ok());
  while (!player.finished() && std::chrono::steady_clock::now() - began < 15s) {
    std::this_thread::sleep_for(20ms);
    player.poll();
  }
  const double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  stream.value()->stop();
  engine.decoder().stop_thread();

  REQUIRE(player.finished());
  CHECK(player.tracks_started() == 3);
  CHECK(player.take_messages().empty());
  // Three 1 s tracks joined by two 0.2 s crossfades: 2.6 s of audio, paced by the device clock.
  const double audio_seconds = double(player.end_frame()) / 48000.0;
  CHECK(audio_seconds == Approx(2.6).margin(0.001));
  CHECK(wall_seconds >= 2.5);
  CHECK(wall_seconds < 6.0);
  CHECK(engine.mixer().output_frames() >= player.end_frame());
  CHECK(engine.mixer().underruns() == 0);
  CHECK(test::realtime_heap_calls() - heap_calls_before == 0);
}

TEST_CASE("the allocation counter really sees heap calls inside a real-time scope", "[realtime]") {
  // Guards the guard: if interposing malloc stopped working, the test above would pass vacuously.
  const std::int64_t before = test::realtime_heap_calls();
  {
    audio::RealtimeScope scope;
    // Through volatile pointers so the compiler cannot elide the pair.
    void* (*volatile allocate)(std::size_t) = std::malloc;
    void (*volatile release)(void*) = std::free;
    release(allocate(64));
  }
  CHECK(test::realtime_heap_calls() - before == 2);
}
