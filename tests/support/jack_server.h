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

 private:
  std::string name_;
  pid_t pid_ = -1;
};

}  // namespace holdspace::test
