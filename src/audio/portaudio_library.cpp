#include "audio/portaudio_library.h"

#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

#include <deque>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

namespace holdspace::audio {
namespace {

constexpr const char* kSoname = "libportaudio.so.2";

// Where the linked libportaudio lives on disk. Asked of the library's own handle, not of the
// symbol in this program, which may be a stub in the executable.
Result<std::string> linked_library_path() {
  void* handle = ::dlopen(kSoname, RTLD_NOW | RTLD_NOLOAD);
  if (!handle) return Error{std::string("cannot find the loaded ") + kSoname};
  void* symbol = ::dlsym(handle, "Pa_Initialize");
  Dl_info info{};
  const bool found = symbol && ::dladdr(symbol, &info) != 0 && info.dli_fname;
  ::dlclose(handle);  // only drops the reference RTLD_NOLOAD took
  if (!found) return Error{std::string("cannot tell where ") + kSoname + " was loaded from"};
  return std::string(info.dli_fname);
}

std::mutex g_mutex;
// Every copy ever loaded, so each PortAudioLibrary keeps its address for the program's life.
std::deque<PortAudioLibrary> g_copies;
const PortAudioLibrary* g_current = nullptr;  // null: the last one was retired
bool g_linked_retired = false;

template <typename Function>
bool bind(void* handle, const char* name, Function& function) {
  function = reinterpret_cast<Function>(::dlsym(handle, name));
  return function != nullptr;
}

const PortAudioLibrary& linked_library() {
  static const PortAudioLibrary library{
      &Pa_Initialize,      &Pa_Terminate,    &Pa_GetErrorText, &Pa_GetDefaultOutputDevice,
      &Pa_GetDeviceCount,  &Pa_GetDeviceInfo, &Pa_GetHostApiInfo, &Pa_IsFormatSupported,
      &Pa_OpenStream,      &Pa_StartStream,  &Pa_StopStream,   &Pa_AbortStream,
      &Pa_CloseStream,     &Pa_IsStreamActive};
  return library;
}

// A second instance of the linked libportaudio: the same bytes, a new file to the loader.
Result<PortAudioLibrary> load_private_copy() {
  auto path = linked_library_path();
  if (!path) return path.error();
  std::ifstream file(path.value(), std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (!file.good() && !file.eof()) return Error{"cannot read " + path.value()};
  if (bytes.empty()) return Error{path.value() + " is empty"};

  // The loader knows a library by its file: a memfd is a new file every time.
  const int fd = ::memfd_create("libportaudio-copy", MFD_CLOEXEC);
  if (fd < 0) return Error{"cannot make a copy of " + path.value() + " in memory"};
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += std::size_t(n);
  }
  void* handle = nullptr;
  if (written == bytes.size()) {
    handle = ::dlopen(("/proc/self/fd/" + std::to_string(fd)).c_str(), RTLD_NOW | RTLD_LOCAL);
  }
  ::close(fd);  // the mapping keeps the memory
  if (!handle) {
    const char* why = ::dlerror();
    return Error{"cannot load a copy of " + path.value() + (why ? std::string(": ") + why : std::string())};
  }

  PortAudioLibrary library{};
  const bool bound = bind(handle, "Pa_Initialize", library.initialize) &&
                     bind(handle, "Pa_Terminate", library.terminate) &&
                     bind(handle, "Pa_GetErrorText", library.error_text) &&
                     bind(handle, "Pa_GetDefaultOutputDevice", library.default_output_device) &&
                     bind(handle, "Pa_GetDeviceCount", library.device_count) &&
                     bind(handle, "Pa_GetDeviceInfo", library.device_info) &&
                     bind(handle, "Pa_GetHostApiInfo", library.host_api_info) &&
                     bind(handle, "Pa_IsFormatSupported", library.is_format_supported) &&
                     bind(handle, "Pa_OpenStream", library.open_stream) &&
                     bind(handle, "Pa_StartStream", library.start_stream) &&
                     bind(handle, "Pa_StopStream", library.stop_stream) &&
                     bind(handle, "Pa_AbortStream", library.abort_stream) &&
                     bind(handle, "Pa_CloseStream", library.close_stream) &&
                     bind(handle, "Pa_IsStreamActive", library.is_stream_active);
  if (!bound) return Error{"the copy of " + path.value() + " lacks a PortAudio function"};
  return library;
}

}  // namespace

Result<const PortAudioLibrary*> PortAudioLibrary::current() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_current && !g_linked_retired) g_current = &linked_library();
  if (!g_current) {
    auto copy = load_private_copy();
    if (!copy) return copy.error();
    g_copies.push_back(copy.value());
    g_current = &g_copies.back();
  }
  return g_current;
}

void PortAudioLibrary::retire(const PortAudioLibrary& library) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (&library == &linked_library()) g_linked_retired = true;
  if (&library == g_current) g_current = nullptr;
}

}  // namespace holdspace::audio
