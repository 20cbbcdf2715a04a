// libFuzzer target: M3U and M3U8, and the content sniffing that finds an M3U saved as .txt.
#include <cstddef>
#include <cstdint>

#include "fuzz_playlist.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using holdspace::fuzz::read_as_playlist;
  const std::string_view bytes = holdspace::fuzz::as_text(data, size);
  read_as_playlist(bytes, "/fuzz/list.m3u");   // UTF-8, or Latin-1 as a whole
  read_as_playlist(bytes, "/fuzz/list.m3u8");  // UTF-8 line by line
  read_as_playlist(bytes, "/fuzz/list.txt");
  return 0;
}
