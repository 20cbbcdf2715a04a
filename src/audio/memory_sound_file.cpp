// The virtual I/O callbacks behind open_memory_sound_file: a read-only file in a byte buffer.
#include "audio/memory_sound_file.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

namespace holdspace::audio {
namespace {

MemorySoundFile& memory_of(void* user_data) { return *static_cast<MemorySoundFile*>(user_data); }

sf_count_t length(void* user_data) { return sf_count_t(memory_of(user_data).bytes.size()); }

// libsndfile seeks past the end while probing headers; like a file, that is allowed, and reads
// from there return nothing.
sf_count_t seek(sf_count_t offset, int whence, void* user_data) {
  MemorySoundFile& memory = memory_of(user_data);
  sf_count_t base = 0;
  switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = memory.position; break;
    case SEEK_END: base = sf_count_t(memory.bytes.size()); break;
    default: return -1;
  }
  // Before the start is refused, as lseek refuses it; a header's absurd length must not
  // overflow the position either.
  if (offset < 0 ? offset < -base : offset > std::numeric_limits<sf_count_t>::max() - base) return -1;
  memory.position = base + offset;
  return memory.position;
}

sf_count_t read(void* destination, sf_count_t count, void* user_data) {
  MemorySoundFile& memory = memory_of(user_data);
  const sf_count_t size = sf_count_t(memory.bytes.size());
  if (count <= 0 || memory.position >= size) return 0;
  const sf_count_t n = std::min(count, size - memory.position);
  std::memcpy(destination, memory.bytes.data() + memory.position, std::size_t(n));
  memory.position += n;
  return n;
}

sf_count_t refuse_write(const void*, sf_count_t, void*) { return 0; }

sf_count_t tell(void* user_data) { return memory_of(user_data).position; }

}  // namespace

SNDFILE* open_memory_sound_file(MemorySoundFile& memory, SF_INFO& info) {
  static SF_VIRTUAL_IO io{length, seek, read, refuse_write, tell};
  info = SF_INFO{};
  return sf_open_virtual(&io, SFM_READ, &info, &memory);
}

}  // namespace holdspace::audio
