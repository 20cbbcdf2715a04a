#include "control/session_music.h"

#include <utility>

#include "audio/gain_ramps.h"
#include "audio/track_source.h"

namespace holdspace::control {

SessionMusic::SessionMusic(audio::AudioEngine& engine) : engine_(engine), player_(engine, {}, {}) {}

void SessionMusic::play_phase(const session::PhasePlan& phase, int phase_index, double crossfade_seconds,
                              int entry, double offset_seconds) {
  std::vector<playlist::PlaylistEntry> entries;
  if (!phase.playlist.empty()) {
    auto playlist = playlist::read_playlist(phase.playlist);
    if (playlist) {
      entries = std::move(playlist->entries);
      for (const auto& problem : playlist->problems) {
        messages_.push_back(phase.playlist.filename().string() + ":" + std::to_string(problem.line) + ": " +
                            problem.message);
      }
    } else {
      messages_.push_back(playlist.error().message);
    }
  }
  audio::PlayerOptions options;
  options.crossfade_seconds = phase.track_crossfade_seconds;
  options.loop = phase.at_playlist_end == session::PlaylistEnd::Loop;
  player_.switch_to(std::move(entries), options, crossfade_seconds, entry, offset_seconds, phase_index);
}

void SessionMusic::ring_bell(const std::filesystem::path& bell) {
  if (bell_busy_) return;  // one bell at a time; a second would only add level
  auto source = audio::TrackSource::open(bell, engine_.sample_rate());
  if (!source) {
    messages_.push_back("bell: " + source.error().message);
    return;
  }
  engine_.decoder().attach(audio::kOverlaySlot, std::move(source.value()), engine_.seconds_to_frames(0.5));
  audio::MixerCommand command;
  command.type = audio::MixerCommand::Type::Overlay;
  command.slot = audio::kOverlaySlot;
  command.track_id = ++bell_track_id_;
  if (engine_.mixer().send(command)) {
    bell_busy_ = true;
  } else {
    engine_.decoder().detach(audio::kOverlaySlot);
  }
}

void SessionMusic::fade_out(double seconds) { player_.fade_out(seconds); }

void SessionMusic::set_ceiling_dbtp(double dbtp, int pair) {
  audio::MixerCommand command;
  command.type = audio::MixerCommand::Type::SetCeiling;
  command.slot = pair;
  command.gain = audio::decibels_to_gain(dbtp);
  engine_.mixer().send(command);
}

void SessionMusic::set_listener_db(int pair, double db, double ramp_seconds) {
  audio::MixerCommand command;
  command.type = audio::MixerCommand::Type::SetPairGain;
  command.slot = pair;
  command.gain = audio::decibels_to_gain(db);
  command.frames = engine_.seconds_to_frames(ramp_seconds);
  engine_.mixer().send(command);
}

void SessionMusic::set_level_db(double db, double ramp_seconds) {
  audio::MixerCommand command;
  command.type = audio::MixerCommand::Type::SetGain;
  command.gain = audio::decibels_to_gain(db);
  command.frames = engine_.seconds_to_frames(ramp_seconds);
  engine_.mixer().send(command);
}

void SessionMusic::poll() {
  audio::MixerEvent event;
  while (engine_.mixer().next_event(event)) {
    if (event.slot == audio::kOverlaySlot) {
      if (event.type == audio::MixerEvent::Type::TrackEnded || event.type == audio::MixerEvent::Type::Rejected) {
        engine_.decoder().detach(audio::kOverlaySlot);
        bell_busy_ = false;
      }
      continue;
    }
    player_.handle(event);
  }
  player_.keep_queued();
}

std::vector<std::string> SessionMusic::take_messages() {
  auto messages = std::exchange(messages_, {});
  for (auto& message : player_.take_messages()) messages.push_back(std::move(message));
  return messages;
}

}  // namespace holdspace::control
