// The one-line session status: phase and its clock (overrun as +mm:ss), session time, the
// track, the next reminder, and anything the therapist must know now (journal trouble).
#pragma once

#include <string>

#include "control/session_controller.h"

namespace holdspace::cli {

std::string session_status_line(const control::SessionSnapshot& view);

}  // namespace holdspace::cli
