#include "bad_files.h"

#include <cstdint>
#include <fstream>
#include <random>
#include <stdexcept>

#include "support/test_audio.h"

namespace holdspace::test {
namespace {

using holdspace::test::kRate;

std::int64_t frames_of(double seconds) { return std::int64_t(seconds * kRate); }

void put_u32_le(std::fstream& file, std::uint32_t value) {
  const char bytes[4] = {char(value & 0xff), char((value >> 8) & 0xff), char((value >> 16) & 0xff),
                         char((value >> 24) & 0xff)};
  file.write(bytes, 4);
}

void put_u32_be(std::ofstream& file, std::uint32_t value) {
  const char bytes[4] = {char((value >> 24) & 0xff), char((value >> 16) & 0xff), char((value >> 8) & 0xff),
                         char(value & 0xff)};
  file.write(bytes, 4);
}

}  // namespace

void write_cut_flac(const std::filesystem::path& path, double hz, double seconds) {
  write_audio(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, kRate, 2, frames_of(seconds), sine(hz, kRate, 0.3f));
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
}

void write_damaged_flac(const std::filesystem::path& path, double hz, double seconds) {
  write_audio(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, kRate, 2, frames_of(seconds), sine(hz, kRate, 0.3f));
  const auto size = std::filesystem::file_size(path);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(std::streamoff(size / 2));
  std::mt19937 random(5);
  for (auto i = size / 2; i < size; ++i) file.put(char(random() & 0xff));
  if (!file) throw std::runtime_error("cannot damage " + path.string());
}

void write_overpromising_wav(const std::filesystem::path& path, double hz, double seconds, double claimed_seconds) {
  write_audio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 2, frames_of(seconds), sine(hz, kRate, 0.3f));
  // libsndfile writes the canonical 44-byte header: the RIFF size at byte 4, the data size at 40.
  const auto claimed_bytes = std::uint32_t(frames_of(claimed_seconds) * 2 * 2);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(4);
  put_u32_le(file, 36 + claimed_bytes);
  file.seekp(40);
  put_u32_le(file, claimed_bytes);
  if (!file) throw std::runtime_error("cannot patch " + path.string());
}

void write_empty_file(const std::filesystem::path& path) { std::ofstream{path}; }

void write_text_file(const std::filesystem::path& path) {
  std::ofstream(path) << "Session notes\nBring the blanket and the eye mask.\n";
}

void write_mp4_container(const std::filesystem::path& path) {
  std::ofstream file(path, std::ios::binary);
  put_u32_be(file, 24);
  file << "ftypM4A ";
  put_u32_be(file, 0);
  file << "M4A isom";
  constexpr std::uint32_t kMediaBytes = 64 * 1024;
  put_u32_be(file, 8 + kMediaBytes);
  file << "mdat";
  std::mt19937 random(6);
  for (std::uint32_t i = 0; i < kMediaBytes; ++i) file.put(char(random() & 0xff));
}

void write_random_bytes(const std::filesystem::path& path, std::size_t bytes) {
  std::ofstream file(path, std::ios::binary);
  std::mt19937 random(7);
  for (std::size_t i = 0; i < bytes; ++i) file.put(char(random() & 0xff));
}

void write_locked_flac(const std::filesystem::path& path, double hz, double seconds) {
  write_audio(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, kRate, 2, frames_of(seconds), sine(hz, kRate, 0.3f));
  std::filesystem::permissions(path, std::filesystem::perms::none);
}

}  // namespace holdspace::test
