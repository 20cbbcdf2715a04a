// holdspace-cli run as a user runs it: real processes, real files, a real (JACK dummy) device.
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "support/child_process.h"
#include "support/jack_server.h"
#include "support/test_audio.h"
#include "support/text_checks.h"

using namespace holdspace;

namespace {

using Run = test::ShellRun;

// Runs `[prefix] holdspace-cli arguments`; the prefix sets environment or wraps the command.
Run run(const std::string& arguments, const std::string& prefix = "") {
  return test::run_shell(prefix + std::string(HOLDSPACE_CLI) + " " + arguments + " 2>&1");
}

using test::contains;

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

const std::string kDemo = std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo/demo.m3u8";

}  // namespace

TEST_CASE("every command has --help", "[cli]") {
  const Run top = run("--help");
  CHECK(top.exit_code == 0);
  for (const char* command : {"devices", "check", "play", "render"}) {
    CHECK(contains(top.output, command));
    const Run help = run(std::string(command) + " --help");
    CHECK(help.exit_code == 0);
    CHECK(contains(help.output, "Usage"));
  }
  CHECK(contains(run("play --help").output, "--crossfade"));
  CHECK(contains(run("render --help").output, "--rate"));
}

TEST_CASE("check lists the demo playlist's tracks and passes", "[cli]") {
  const Run check = run("check " + kDemo);
  INFO(check.output);
  CHECK(check.exit_code == 0);
  CHECK(contains(check.output, "Ogg Vorbis"));
  CHECK(contains(check.output, "44100 Hz"));
  CHECK(contains(check.output, "4 of 4 tracks playable"));
}

TEST_CASE("check reports every problem with its line and fails", "[cli]") {
  test::TempDir dir;
  test::write_audio(dir / "good.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000, test::constant(0.1f));
  write_text(dir / "list.m3u8", "#EXTM3U\ngood.wav\nmissing.ogg\nhttp://radio.example/stream\n");
  const Run check = run("check " + (dir / "list.m3u8").string());
  INFO(check.output);
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output, "list.m3u8:3: file not found"));
  CHECK(contains(check.output, "list.m3u8:4:"));
  CHECK(contains(check.output, "1 of 2 tracks playable"));
}

TEST_CASE("a missing playlist is one clear line, not a crash", "[cli]") {
  const Run check = run("check /nowhere/session.m3u8");
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output, "holdspace-cli: error: "));
  CHECK(contains(check.output, "/nowhere/session.m3u8"));
  CHECK(std::count(check.output.begin(), check.output.end(), '\n') == 1);
}

TEST_CASE("render writes a WAV of the exact length at the asked rate", "[cli]") {
  test::TempDir dir;
  test::write_audio(dir / "a.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 44100, test::sine(220, 44100, 0.3f));
  test::write_audio(dir / "b.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, 24000, test::sine(330, 48000, 0.3f));
  write_text(dir / "list.m3u", "a.flac\nb.wav\n");
  const Run render = run("render " + (dir / "list.m3u").string() + " -o " + (dir / "out.wav").string() +
                         " --rate 44100 --crossfade 0.1");
  INFO(render.output);
  REQUIRE(render.exit_code == 0);
  CHECK(contains(render.output, "2 tracks"));
  const auto out = test::read_audio(dir / "out.wav");
  CHECK(out.rate == 44100);
  CHECK(out.frames() == 44100 + 22050 - 4410);
}

TEST_CASE("render refuses a missing output and a bad rate", "[cli]") {
  CHECK(run("render " + kDemo).exit_code != 0);
  CHECK(run("render " + kDemo + " -o /tmp/x.wav --rate 12").exit_code != 0);
}

TEST_CASE("play runs a playlist to its end on the JACK dummy device with no underrun", "[cli][device]") {
  test::JackServer jack;
  test::TempDir dir;
  test::write_audio(dir / "a.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 2, 44100 / 2, test::sine(440, 44100, 0.3f));
  test::write_audio(dir / "b.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 / 2, test::sine(550, 48000, 0.3f));
  write_text(dir / "list.m3u8", "a.ogg\nmissing.wav\nb.wav\n");
  const Run play = run("play " + (dir / "list.m3u8").string() + " --device system --fade-in 0.1 --buffer 256");
  INFO(play.output);
  CHECK(play.exit_code == 0);
  CHECK(contains(play.output, "finished: 2 tracks"));
  CHECK(contains(play.output, "0 underruns"));
  CHECK(contains(play.output, "missing.wav"));  // the bad entry is reported, the rest played
  // The callback's own timing: about 1 s of audio at 256 frames is some 190 callbacks, each
  // well inside its period on an idle machine.
  const auto at = play.output.find("audio: ");
  REQUIRE(at != std::string::npos);
  long long callbacks = 0;
  double worst = 0.0, p99 = 0.0;
  int worst_minutes = -1, worst_seconds = -1;
  REQUIRE(std::sscanf(play.output.c_str() + at,
                      "audio: %lld callbacks, each within %lf %% of its period (the worst %d:%d into playback; "
                      "99 %% within %lf",
                      &callbacks, &worst, &worst_minutes, &worst_seconds, &p99) == 5);
  CHECK(callbacks > 150);
  // The worst came while it played: about 1 s of audio and a fade.
  CHECK(worst_minutes == 0);
  CHECK(worst_seconds <= 5);
  CHECK(p99 <= worst);
  CHECK(worst > 0.0);
  CHECK(worst < 100.0);
}

TEST_CASE("Ctrl-C during play fades out and exits cleanly", "[cli][device]") {
  test::JackServer jack;
  test::TempDir dir;
  test::write_audio(dir / "long.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 48000 * 30, test::sine(440, 48000, 0.3f));
  write_text(dir / "list.m3u8", "long.wav\n");
  // One SIGINT, as Ctrl-C sends it. (timeout(1) would also signal its process group, and a
  // second Ctrl-C rightly means "stop at once".)
  test::ChildProcess play({HOLDSPACE_CLI, "play", (dir / "list.m3u8").string()}, dir / "play.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const auto started = std::chrono::steady_clock::now();
  ::kill(play.pid(), SIGINT);
  const int exit_code = play.wait(10.0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string output = test::read_text(dir / "play.log");
  INFO(output);
  CHECK(exit_code == 0);
  CHECK(contains(output, "stopped"));
  // The 2 s fade, then the device's last buffers: it neither stops dead nor hangs on.
  CHECK(seconds >= 1.9);
  CHECK(seconds < 4.5);
}

TEST_CASE("play names a device that is not there, plainly", "[cli][device]") {
  test::JackServer jack;
  const Run play = run("play " + kDemo + " --device 'Studio Monitors 9000'");
  CHECK(play.exit_code == 1);
  CHECK(contains(play.output, "no output device called \"Studio Monitors 9000\""));
}

TEST_CASE("play refuses a volume above 0 dB", "[cli]") {
  CHECK(run("play " + kDemo + " --volume 6").exit_code != 0);
}

TEST_CASE("with no output device at all, play and devices say so plainly", "[cli][device]") {
  std::ifstream cards("/proc/asound/cards");
  std::string first_line;
  std::getline(cards, first_line);
  if (first_line.find_first_of("0123456789") != std::string::npos) {
    WARN("this machine has a sound card, so 'no device' cannot be shown here");
    return;
  }
  // No JACK server by that name and no ALSA card: PortAudio sees nothing to play on.
  for (const std::string& command : {std::string("devices"), "play " + kDemo}) {
    const Run result = run(command, "JACK_DEFAULT_SERVER=holdspace-no-such-server ");
    INFO(result.output);
    CHECK(result.exit_code == 1);
    CHECK(result.output ==
          "holdspace-cli: error: no audio output device is available (is the headphone interface "
          "plugged in?)\n");
  }
}

TEST_CASE("check takes a plan, and every shipped plan passes", "[cli]") {
  for (const char* plan : {"kap-3h.toml", "iv-infusion.toml", "demo.toml"}) {
    const Run check = run("check " + std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/" + plan);
    INFO(check.output);
    CHECK(check.exit_code == 0);
    CHECK(contains(check.output, "4 of 4 tracks playable"));
  }
}

TEST_CASE("check names the file and line of a plan mistake", "[cli]") {
  test::TempDir dir;
  write_text(dir / "plan.toml", "name = \"x\"\n\n[[phase]]\nname = \"A\"\nminuts = 5\n");
  const Run check = run("check " + (dir / "plan.toml").string());
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output, "plan.toml:5: unknown key 'minuts' (did you mean 'minutes'?)"));
}

TEST_CASE("the README's plan example is the shipped KAP plan, word for word", "[cli][docs]") {
  const std::string readme = test::read_text(std::string(HOLDSPACE_SOURCE_DIR) + "/README.md");
  const std::string plan = test::read_text(std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/kap-3h.toml");
  CHECK(contains(readme, "```toml\n" + plan + "```"));
}
