#include "prepare/dropped_files.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "playlist/playlist.h"

namespace holdspace::prepare {
namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return extension;
}

template <std::size_t N>
bool extension_in(const std::filesystem::path& path, const std::array<std::string_view, N>& known) {
  const std::string extension = lower_extension(path);
  return std::find(known.begin(), known.end(), extension) != known.end();
}

// "Track 2" before "Track 10", and "b" beside "B": the order a file manager shows, which is the
// order an album's tracks are meant to play in.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[j]);
    if (std::isdigit(x) && std::isdigit(y)) {
      const std::size_t a_end = a.find_first_not_of("0123456789", i);
      const std::size_t b_end = b.find_first_not_of("0123456789", j);
      const std::string a_digits = a.substr(i, a_end == std::string::npos ? std::string::npos : a_end - i);
      const std::string b_digits = b.substr(j, b_end == std::string::npos ? std::string::npos : b_end - j);
      const auto a_value = a_digits.substr(std::min(a_digits.find_first_not_of('0'), a_digits.size() - 1));
      const auto b_value = b_digits.substr(std::min(b_digits.find_first_not_of('0'), b_digits.size() - 1));
      if (a_value.size() != b_value.size()) return a_value.size() < b_value.size();
      if (a_value != b_value) return a_value < b_value;
      i += a_digits.size();
      j += b_digits.size();
      continue;
    }
    if (std::tolower(x) != std::tolower(y)) return std::tolower(x) < std::tolower(y);
    ++i;
    ++j;
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
  return a < b;  // equal but for case or leading zeros: any fixed order will do
}

// A folder can hold thousands of files; walking it must not stop at the first unreadable one.
void add_folder(const std::filesystem::path& folder, ExpandedDrop& out) {
  std::vector<std::filesystem::path> found;
  std::error_code error;
  auto options = std::filesystem::directory_options::skip_permission_denied;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, options, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && has_audio_extension(it->path())) found.push_back(it->path());
  }
  if (error) out.problems.push_back("could not read all of " + folder.string() + ": " + error.message());
  if (found.empty()) out.problems.push_back("no audio files in " + folder.string());
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return natural_less(a.generic_string(), b.generic_string());
  });
  out.files.insert(out.files.end(), found.begin(), found.end());
}

void add_playlist(const std::filesystem::path& file, ExpandedDrop& out) {
  auto list = playlist::read_playlist(file);
  if (!list) {
    out.problems.push_back(list.error().message);
    return;
  }
  for (const auto& entry : list->entries) out.files.push_back(entry.path);
  for (const auto& problem : list->problems) {
    out.problems.push_back(file.filename().string() + ": " + playlist::format_problem(problem));
  }
}

}  // namespace

bool has_audio_extension(const std::filesystem::path& path) {
  static constexpr std::array<std::string_view, 11> kAudio = {".wav", ".wave", ".aif", ".aiff", ".flac", ".ogg",
                                                              ".oga", ".opus", ".mp3", ".w64", ".rf64"};
  return extension_in(path, kAudio);
}

bool has_playlist_extension(const std::filesystem::path& path) {
  static constexpr std::array<std::string_view, 4> kPlaylists = {".m3u", ".m3u8", ".pls", ".xspf"};
  return extension_in(path, kPlaylists);
}

ExpandedDrop expand_dropped_paths(const std::vector<std::filesystem::path>& dropped) {
  ExpandedDrop out;
  for (const auto& path : dropped) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      add_folder(path, out);
    } else if (has_playlist_extension(path)) {
      add_playlist(path, out);
    } else {
      out.files.push_back(path);  // probed when added, so a non-audio file is named there
    }
  }
  return out;
}

}  // namespace holdspace::prepare
