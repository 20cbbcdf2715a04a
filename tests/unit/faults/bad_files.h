// Broken files as a therapist's music folder really gets them, made at test time: missing, cut
// off mid-download, empty, text with an audio name, a WAV whose header promises a minute it
// does not hold, formats libsndfile cannot read, and a file the program may not read.
#pragma once

#include <filesystem>
#include <string>

namespace holdspace::test {

// A FLAC of `seconds` of a tone, then cut to half its bytes: it opens, announces the full length,
// and decoding fails part-way (libsndfile: "flac decoder lost sync").
void write_cut_flac(const std::filesystem::path& path, double hz, double seconds);
// A FLAC of `seconds` of a tone whose second half is overwritten with random bytes: the length
// is intact, and decoding fails half-way with the decoder's own error ("lost sync").
void write_damaged_flac(const std::filesystem::path& path, double hz, double seconds);
// A 16-bit WAV holding `seconds` of a tone whose RIFF and data sizes claim `claimed_seconds`.
void write_overpromising_wav(const std::filesystem::path& path, double hz, double seconds, double claimed_seconds);
// A file of zero bytes.
void write_empty_file(const std::filesystem::path& path);
// A few lines of text.
void write_text_file(const std::filesystem::path& path);
// An MP4 (AAC) container's boxes around random bytes: the shape of an .m4a from a music store,
// a format libsndfile does not read.
void write_mp4_container(const std::filesystem::path& path);
// Random bytes (a fixed seed), e.g. named .mp3.
void write_random_bytes(const std::filesystem::path& path, std::size_t bytes);
// A real FLAC of a tone that nobody may read (mode 000). Only a process without
// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (see drop_file_read_override) is refused by it.
void write_locked_flac(const std::filesystem::path& path, double hz, double seconds);

}  // namespace holdspace::test
