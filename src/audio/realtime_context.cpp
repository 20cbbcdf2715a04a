// Runs in the audio callback (the mixer opens a scope per block): a thread_local bool, set and
// restored; no allocation, no locks, no I/O.
#include "audio/realtime_context.h"

namespace holdspace::audio {
namespace {
// Constant-initialised, so touching it never allocates (not even the first time on a thread).
thread_local bool t_inside_realtime = false;
}  // namespace

bool in_realtime_context() { return t_inside_realtime; }

RealtimeScope::RealtimeScope() : was_inside_(t_inside_realtime) { t_inside_realtime = true; }
RealtimeScope::~RealtimeScope() { t_inside_realtime = was_inside_; }

}  // namespace holdspace::audio
