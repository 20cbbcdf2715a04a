// holdspace: the appliance a therapist uses in the session room. It runs the same core as
// holdspace-cli through the session controller; ui/ never touches the audio or the database
// directly.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "app/app_window.h"
#include "app/ui_session.h"
#include "views/prepare_view.h"
#include "views/review_view.h"
#include "views/session_view.h"
#include "views/view_tabs.h"

namespace {

struct Arguments {
  std::string plan;
  std::string client;
  bool start = false;
  holdspace::ui::SessionOptions session;
  holdspace::ui::WindowOptions window;
  bool night = false;
  std::string view = "session";
};

int fail(const std::string& message) {
  std::fprintf(stderr, "holdspace: error: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"holdspace: the session-room appliance (timeline, music, record)"};
  Arguments args;
  app.add_option("--plan", args.plan, "The session plan (.toml)")->required();
  app.add_option("--client", args.client, "The client's code");
  app.add_flag("--start", args.start, "Start the session at once (needs --client)");
  app.add_option("--device", args.session.device, "Output device name or part of it");
  app.add_option("--preview-device", args.session.preview_device,
                 "Your own output for previews, so you can preview during a session");
  app.add_option("--data-dir", args.session.data_dir, "Where the journal lives");
  app.add_option("--buffer", args.session.buffer_frames, "Frames per device buffer");
  app.add_option("--screenshot", args.window.screenshot, "Save a PNG of the window and exit");
  app.add_option("--width", args.window.width, "Window width")->check(CLI::Range(640, 7680));
  app.add_option("--height", args.window.height, "Window height")->check(CLI::Range(480, 4320));
  app.add_flag("--night", args.night, "Start in the dimmer night theme");
  app.add_option("--view", args.view, "The view to open: session, prepare or review")
      ->check(CLI::IsMember({"session", "prepare", "review"}));
  app.add_flag("--redraw-always", args.window.redraw_always, "Draw every frame (benchmark comparison only)");
  CLI11_PARSE(app, argc, argv);

  // The window first: with no display there is nothing else worth setting up.
  auto window = holdspace::ui::AppWindow::open(args.window);
  if (!window) return fail(window.error().message);
  args.session.plan = args.plan;
  auto session = holdspace::ui::UiSession::open(args.session);
  if (!session) return fail(session.error().message);
  if (args.start) {
    if (args.client.empty()) return fail("--start needs --client");
    if (auto started = session.value()->start(args.client); !started) return fail(started.error().message);
  }
  window.value()->night = args.night;
  holdspace::ui::SessionView session_view;
  holdspace::ui::PrepareView prepare_view;
  holdspace::ui::ReviewView review_view;
  holdspace::ui::ViewId current = *holdspace::ui::view_from_name(args.view);
  auto& ui_session = *session.value();
  auto& ui_window = *window.value();
  return ui_window.run([&] { ui_session.poll(); },
                       [&](const holdspace::ui::Fonts& fonts) {
                         // Files dropped from a file manager are for a playlist; the Prepare
                         // view takes them, and comes forward unless a session is on screen.
                         if (auto dropped = ui_window.take_dropped_paths(); !dropped.empty()) {
                           prepare_view.drop(std::move(dropped));
                           if (!ui_session.running()) current = holdspace::ui::ViewId::Prepare;
                         }
                         holdspace::ui::draw_view_tabs(current);
                         switch (current) {
                           case holdspace::ui::ViewId::Session:
                             session_view.draw(ui_session, fonts, ui_window.night);
                             break;
                           case holdspace::ui::ViewId::Prepare:
                             prepare_view.draw(ui_session, fonts);
                             break;
                           case holdspace::ui::ViewId::Review:
                             review_view.draw(ui_session, fonts);
                             break;
                         }
                       });
}
