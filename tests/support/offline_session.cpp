#include "support/offline_session.h"

#include <catch2/catch.hpp>

namespace holdspace::test {

void play_offline(control::SessionController& controller, audio::AudioEngine& engine, ManualClock& clock,
                  double seconds, std::vector<float>* kept) {
  constexpr int kBlock = 1024;
  std::vector<float> block(2 * kBlock);
  const int blocks = int(seconds * engine.sample_rate() / kBlock);
  for (int i = 0; i < blocks; ++i) {
    engine.decoder().fill_all();
    engine.mixer().process(block.data(), kBlock, 2);
    if (kept) kept->insert(kept->end(), block.begin(), block.end());
    clock.advance_seconds(double(kBlock) / engine.sample_rate());
    if (i % 4 == 0) controller.poll();  // a front end polls every few tens of milliseconds
  }
  controller.poll();
}

OfflineSession::OfflineSession(const std::filesystem::path& data_dir, const std::filesystem::path& plan,
                               const std::string& client) {
  auto store = journal::Journal::open(data_dir);
  REQUIRE(store.ok());
  store_ = std::move(store).value();
  auto loaded = session::load_plan(plan);
  REQUIRE(loaded.ok());
  engine_ = std::make_unique<audio::AudioEngine>(audio::EngineConfig{});
  auto controller = control::SessionController::begin(loaded.value(), client, *store_, clock_, *engine_);
  REQUIRE(controller.ok());
  controller_ = std::move(controller).value();
  id_ = controller_->session_id();
}

Status OfflineSession::command(session::Command::Type type) {
  session::Command command;
  command.type = type;
  return controller_->command(command);
}

std::vector<journal::Event> OfflineSession::recorded(journal::EventType type) {
  std::vector<journal::Event> found;
  for (const auto& event : store_->events(id_).value()) {
    if (event.type == type) found.push_back(event);
  }
  return found;
}

void OfflineSession::crash() {
  controller_.reset();
  engine_.reset();
}

Status OfflineSession::resume() {
  engine_ = std::make_unique<audio::AudioEngine>(audio::EngineConfig{});
  auto controller = control::SessionController::resume(id_, *store_, clock_, *engine_);
  if (!controller) return controller.error();
  controller_ = std::move(controller).value();
  return ok_status();
}

}  // namespace holdspace::test
