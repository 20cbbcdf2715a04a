// The real app under Xvfb: it opens on the demo plan, draws each view (checked through its own
// screenshot), and without a display it says where to go instead.
#include <catch2/catch.hpp>

#include <stb_image.h>

#include "control/session_controller.h"
#include "support/child_process.h"
#include "support/offline_session.h"
#include "support/jack_server.h"
#include "support/test_audio.h"
#include "support/x_display.h"

using namespace holdspace;

namespace {

const std::string kApp = HOLDSPACE_APP;
const std::string kDemoPlan = std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/demo.toml";
const std::filesystem::path kArtifacts = std::filesystem::path(HOLDSPACE_BINARY_DIR) / "screenshots";

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;
};

Image load_png(const std::filesystem::path& path) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  REQUIRE(data != nullptr);
  image.rgb.assign(data, data + std::size_t(image.width) * std::size_t(image.height) * 3);
  stbi_image_free(data);
  return image;
}

// How many distinct colours the picture has: a blank or one-colour window has one or two.
std::size_t distinct_colours(const Image& image) {
  std::vector<std::uint32_t> colours;
  for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3 * 7) {
    colours.push_back(std::uint32_t(image.rgb[i]) << 16 | std::uint32_t(image.rgb[i + 1]) << 8 | image.rgb[i + 2]);
  }
  std::sort(colours.begin(), colours.end());
  return std::size_t(std::unique(colours.begin(), colours.end()) - colours.begin());
}

// Runs the app with `arguments` plus --screenshot, and checks the picture it saved: the right
// size, and not a blank window (text, buttons, bars make many colours).
void check_screenshot(std::vector<std::string> arguments, const std::filesystem::path& shot,
                      const std::filesystem::path& log) {
  std::filesystem::create_directories(kArtifacts);
  std::filesystem::remove(shot);
  arguments.insert(arguments.begin(), kApp);
  arguments.insert(arguments.end(), {"--screenshot", shot.string(), "--width", "1280", "--height", "800"});
  test::ChildProcess app(arguments, log);
  const int exit_code = app.wait(30.0);
  INFO(test::read_text(log));
  REQUIRE(exit_code == 0);
  const Image image = load_png(shot);
  CHECK(image.width == 1280);
  CHECK(image.height == 800);
  CHECK(distinct_colours(image) > 20);
}

}  // namespace

TEST_CASE("the Session view of a running demo session is drawn and saved", "[ui]") {
  test::XDisplay display;
  test::JackServer jack;
  test::TempDir dir;
  ::setenv("DISPLAY", display.name().c_str(), 1);
  check_screenshot({"--plan", kDemoPlan, "--client", "UI1", "--start", "--data-dir", dir.path().string()},
                   kArtifacts / "session-view.png", dir / "app.log");
}

TEST_CASE("the Prepare view draws the demo plan's phases and playlist", "[ui]") {
  test::XDisplay display;
  test::TempDir dir;
  ::setenv("DISPLAY", display.name().c_str(), 1);
  ::setenv("JACK_DEFAULT_SERVER", "holdspace-no-server-needed", 1);  // preparing needs no sound
  check_screenshot({"--plan", std::string(HOLDSPACE_SOURCE_DIR) + "/playlists/kap-3h.toml", "--data-dir",
                    dir.path().string(), "--view", "prepare"},
                   kArtifacts / "prepare-view.png", dir / "app.log");
}

TEST_CASE("the Review view draws a recorded session", "[ui]") {
  test::TempDir dir;
  {
    // A short session recorded through the real controller and journal, on a manual clock.
    test::OfflineSession run(dir.path(), kDemoPlan, "REV1");
    run.play(2.0);
    session::Command dose;
    dose.type = session::Command::Type::Marker;
    dose.marker = "dose";
    REQUIRE(run.controller().command(dose).ok());
    run.play(6.0);
    REQUIRE(run.command(session::Command::Type::End).ok());
  }
  test::XDisplay display;
  ::setenv("DISPLAY", display.name().c_str(), 1);
  ::setenv("JACK_DEFAULT_SERVER", "holdspace-no-server-needed", 1);  // review needs no sound
  check_screenshot({"--plan", kDemoPlan, "--data-dir", dir.path().string(), "--view", "review"},
                   kArtifacts / "review-view.png", dir / "app.log");
}

TEST_CASE("with no display the app says so in one line, points to the CLI, and fails", "[ui]") {
  test::TempDir dir;
  ::unsetenv("DISPLAY");
  ::unsetenv("WAYLAND_DISPLAY");
  test::ChildProcess app({kApp, "--plan", kDemoPlan, "--data-dir", dir.path().string()}, dir / "app.log");
  const int exit_code = app.wait(10.0);
  const std::string output = test::read_text(dir / "app.log");
  INFO(output);
  CHECK(exit_code == 2);
  CHECK(output.find("holdspace: error: no display") == 0);
  CHECK(output.find("holdspace-cli run") != std::string::npos);
  CHECK(std::count(output.begin(), output.end(), '\n') == 1);
}
