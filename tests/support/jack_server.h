// A private JACK server on the dummy driver: a real, clocked audio device for tests on a machine
// with no sound card. Each server has its own name, and JACK_DEFAULT_SERVER points this process
// (and any child it starts) at it, so tests running in parallel never share one.
#pragma once

#include <sys/types.h>

#include <string>

namespace holdspace::test {

class JackServer {
 public:
  // Starts `jackd -n NAME -r -d dummy -r RATE -p PERIOD -P CHANNELS -C 0` and waits until clients
  // can connect. Throws if it will not come up.
  explicit JackServer(int rate = 48000, int period = 256, int channels = 2);
  ~JackServer();
  JackServer(const JackServer&) = delete;
  JackServer& operator=(const JackServer&) = delete;

  const std::string& name() const { return name_; }
  void stop();  // kills the server now (a lost device)
  // Starts the server again under the same name, as after a crash and restart. Throws if it
  // will not come up.
  void start_again();
  // Freezes the server (SIGSTOP) and lets it go on (SIGCONT): a device that stalls, then plays.
  void freeze();
  void thaw();

 private:
  void launch();

  std::string name_;
  int rate_;
  int period_;
  int channels_;
  pid_t pid_ = -1;
};

}  // namespace holdspace::test
