// The therapist's own output for previewing tracks while a session plays: a second LiveAudio
// with its own engine, so nothing of a preview is ever mixed into the client's output.
#pragma once

#include <string>

#include "control/live_audio.h"
#include "core/result.h"

namespace holdspace::control {

// Opens `device` (not started). Refused in one line when it will not open, or when it is the
// client's device (`client_device`, "" = the default): on that device the preview would be
// heard in the client's headphones.
Result<LiveAudio> open_preview_output(const std::string& device, const std::string& client_device,
                                      int buffer_frames);

}  // namespace holdspace::control
