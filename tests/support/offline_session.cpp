#include "support/offline_session.h"

#include <vector>

namespace holdspace::test {

void play_offline(control::SessionController& controller, audio::AudioEngine& engine, ManualClock& clock,
                  double seconds) {
  constexpr int kBlock = 1024;
  std::vector<float> block(2 * kBlock);
  const int blocks = int(seconds * engine.sample_rate() / kBlock);
  for (int i = 0; i < blocks; ++i) {
    engine.decoder().fill_all();
    engine.mixer().process(block.data(), kBlock, 2);
    clock.advance_seconds(double(kBlock) / engine.sample_rate());
    if (i % 4 == 0) controller.poll();  // a front end polls every few tens of milliseconds
  }
  controller.poll();
}

}  // namespace holdspace::test
