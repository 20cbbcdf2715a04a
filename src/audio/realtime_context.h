// Marks code that runs under the real-time contract, so tests and debug checks can tell.
// The mixer opens a scope for every block it renders; a test's operator new can then count any
// allocation made inside one. Setting a thread_local bool allocates nothing and takes no lock.
#pragma once

namespace holdspace::audio {

bool in_realtime_context();

class RealtimeScope {
 public:
  RealtimeScope();
  ~RealtimeScope();
  RealtimeScope(const RealtimeScope&) = delete;
  RealtimeScope& operator=(const RealtimeScope&) = delete;

 private:
  bool was_inside_;
};

}  // namespace holdspace::audio
