#include "support/jack_recorder.h"

#include <jack/jack.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#if defined(__SANITIZE_THREAD__)
// ThreadSanitizer's dynamic annotations (libtsan exports them; GCC installs no header).
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);
#endif

namespace holdspace::test {

std::size_t read_input_port(jack_port_t* port, unsigned frames, PortBlock& block) {
  const std::size_t count = std::min<std::size_t>(frames, block.size());
#if defined(__SANITIZE_THREAD__)
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
#endif
  std::memcpy(block.data(), jack_port_get_buffer(port, frames), count * sizeof(float));
#if defined(__SANITIZE_THREAD__)
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
#endif
  return count;
}

JackRecorder::JackRecorder(const std::string& client, const std::vector<std::string>& ports, double max_seconds)
    : capacity_(std::size_t(max_seconds * 48000)) {
  if (ports.size() > kMaxPorts) throw std::invalid_argument("JackRecorder: too many ports");
  jack_status_t status{};
  client_ = jack_client_open(client.c_str(), JackNoStartServer, &status);
  if (!client_) throw std::runtime_error("JackRecorder: cannot reach the JACK server");
  for (std::size_t p = 0; p < ports.size(); ++p) {
    jack_port_t* port = jack_port_register(client_, ports[p].c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    if (!port) throw std::runtime_error("JackRecorder: cannot register " + ports[p]);
    ports_.push_back(port);
    samples_[p].assign(capacity_, 0.0f);
  }
  jack_set_process_callback(client_, &JackRecorder::process, this);
  if (jack_activate(client_) != 0) throw std::runtime_error("JackRecorder: cannot activate");
}

JackRecorder::~JackRecorder() { jack_client_close(client_); }

bool JackRecorder::connect_outputs(const std::string& pattern, std::size_t first_port, std::size_t count) {
  const char** found = jack_get_ports(client_, pattern.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput);
  std::vector<std::string> outputs;
  for (int i = 0; found && found[i]; ++i) outputs.push_back(found[i]);
  jack_free(found);
  if (outputs.size() != count || first_port + count > ports_.size()) return false;
  for (std::size_t i = 0; i < count; ++i) {
    if (jack_connect(client_, outputs[i].c_str(), jack_port_name(ports_[first_port + i])) != 0) return false;
  }
  return true;
}

std::vector<float> JackRecorder::samples(std::size_t port) const {
  const auto& buffer = samples_.at(port);
  return {buffer.begin(), buffer.begin() + std::ptrdiff_t(written_[port].load())};
}

int JackRecorder::process(unsigned frames, void* self) {
  auto& recorder = *static_cast<JackRecorder*>(self);
  if (!recorder.recording_.load()) return 0;
  PortBlock in;
  for (std::size_t p = 0; p < recorder.ports_.size(); ++p) {
    const std::size_t count = read_input_port(recorder.ports_[p], frames, in);
    auto& buffer = recorder.samples_[p];
    std::size_t at = recorder.written_[p].load();
    for (std::size_t f = 0; f < count && at < recorder.capacity_; ++f) buffer[at++] = in[f];
    recorder.written_[p].store(at);
  }
  return 0;
}

}  // namespace holdspace::test
