// libFuzzer target: XSPF (pugixml underneath), and the content sniffing that finds one as .txt.
#include <cstddef>
#include <cstdint>

#include "fuzz_playlist.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using holdspace::fuzz::read_as_playlist;
  const std::string_view bytes = holdspace::fuzz::as_text(data, size);
  read_as_playlist(bytes, "/fuzz/list.xspf");
  read_as_playlist(bytes, "/fuzz/list.txt");
  return 0;
}
