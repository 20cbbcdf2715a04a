// libsndfile reading a whole audio file's bytes from memory (sf_open_virtual), so the decode path
// can run on a buffer: the fuzz target feeds it bytes that never touch the disk.
#pragma once

#include <sndfile.h>

#include <string_view>

namespace holdspace::audio {

// The bytes and libsndfile's read position in them. libsndfile keeps a pointer to this for as
// long as the handle is open, so it must not move, and the bytes must outlive the handle.
struct MemorySoundFile {
  std::string_view bytes;
  sf_count_t position = 0;
};

// sf_open_virtual for reading; null on failure, with the reason in sf_strerror(nullptr).
SNDFILE* open_memory_sound_file(MemorySoundFile& memory, SF_INFO& info);

}  // namespace holdspace::audio
