// "Preview on": where the therapist hears a preview. The client's output works only before a
// session; any other device (desk speakers, a second headphone output) works during one too and
// never reaches the client's headphones.
#pragma once

#include <string>
#include <vector>

#include "app/ui_session.h"
#include "audio/portaudio_system.h"

namespace holdspace::ui {

class PreviewOutputPicker {
 public:
  void draw(UiSession& session);

 private:
  std::vector<audio::OutputDeviceInfo> devices_;  // listed when the combo opens, not each frame
  bool listed_ = false;
  std::string problem_;  // why the last choice was refused
};

}  // namespace holdspace::ui
