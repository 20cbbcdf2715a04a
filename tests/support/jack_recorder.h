// A JACK client with named input ports that records what arrives on each, so a test hears what
// a device was given. Buffers are allocated up front; only JACK's process thread writes them,
// and only while recording is on.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

typedef struct _jack_client jack_client_t;
typedef struct _jack_port jack_port_t;

namespace holdspace::test {

// One cycle of one input port, as a test's JACK client reads it.
using PortBlock = std::array<float, 8192>;

// Copies this cycle's samples of one of a test client's input ports into `block` and returns how
// many (`frames`, at most the block's size). Call it from the client's process callback. Another
// client (PortAudio's) wrote that buffer earlier in the cycle, and jackd orders the two with
// futexes in shared memory that ThreadSanitizer cannot see: under TSan this read is hidden from
// it, rather than reported as a race with PortAudio. The rest of the callback is still checked.
std::size_t read_input_port(jack_port_t* port, unsigned frames, PortBlock& block);

class JackRecorder {
 public:
  static constexpr std::size_t kMaxPorts = 8;

  // Registers "<client>:<port>" for each name; at most `max_seconds` at 48 kHz are kept per port.
  // Throws if the JACK server (JACK_DEFAULT_SERVER) cannot be reached.
  JackRecorder(const std::string& client, const std::vector<std::string>& ports, double max_seconds = 4.0);
  ~JackRecorder();
  JackRecorder(const JackRecorder&) = delete;
  JackRecorder& operator=(const JackRecorder&) = delete;

  // Connects the output ports whose full names match `pattern` (a JACK port regex), in name
  // order, to our ports from `first_port` on. False unless exactly `count` match and connect.
  bool connect_outputs(const std::string& pattern, std::size_t first_port, std::size_t count);
  void record(bool on) { recording_.store(on); }
  std::vector<float> samples(std::size_t port) const;

 private:
  static int process(unsigned frames, void* self);

  jack_client_t* client_ = nullptr;
  std::vector<jack_port_t*> ports_;
  std::size_t capacity_ = 0;
  std::array<std::vector<float>, kMaxPorts> samples_;
  std::array<std::atomic<std::size_t>, kMaxPorts> written_{};
  std::atomic<bool> recording_{false};
};

}  // namespace holdspace::test
