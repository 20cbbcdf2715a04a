// FramePacer is header-only; this file keeps the build list one file per part.
#include "app/frame_pacer.h"
