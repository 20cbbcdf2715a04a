// Resolving and checking a plan's playlists and bell. Tracks are only looked up, not decoded:
// loading a plan stays fast, and check_playlist in the prepare view does the full probe.
#include "session/plan_media.h"

#include "audio/audio_file.h"
#include "playlist/playlist.h"
#include "playlist/playlist_check.h"

namespace holdspace::session {
namespace {

const char* const kRelativeHint = "paths are relative to the plan's folder";

// Messages from the playlist and audio readers sometimes carry their own "(what to do)"; one is
// enough on a line.
std::string hint_unless_given(const std::string& message, const std::string& hint) {
  return message.find('(') == std::string::npos ? hint : "";
}

bool is_missing(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::status(path, error).type() == std::filesystem::file_type::not_found;
}

// Entries that cannot be played are warnings; returns how many can.
int warn_about_entries(const playlist::Playlist& list, const Field<std::string>& written,
                       PlanProblems& problems) {
  const std::string label = "playlist '" + written.value + "' ";
  for (const playlist::PlaylistProblem& problem : list.problems) {
    problems.warn(written.line, label + playlist::format_problem(problem),
                  "the phase plays the other tracks");
  }
  int playable = 0;
  for (const playlist::PlaylistEntry& entry : list.entries) {
    const std::string problem = playlist::file_access_problem(entry.path);
    if (problem.empty()) {
      ++playable;
      continue;
    }
    problems.warn(written.line, label + playlist::format_problem({entry.line, problem}),
                  "fix or remove that entry; the phase plays the other tracks");
  }
  return playable;
}

}  // namespace

std::filesystem::path resolve_in_plan_folder(const std::string& written,
                                             const std::filesystem::path& base_dir) {
  return (std::filesystem::absolute(base_dir) / written).lexically_normal();
}

std::optional<std::filesystem::path> check_phase_playlist(const Field<std::string>& written,
                                                          const std::filesystem::path& base_dir,
                                                          PlanProblems& problems) {
  if (written.value.empty()) {
    problems.error(written.line, "playlist is empty", "leave the key out for a silent phase");
    return std::nullopt;
  }
  const std::filesystem::path path = resolve_in_plan_folder(written.value, base_dir);
  if (is_missing(path)) {
    problems.error(written.line, "playlist not found: " + path.string(), kRelativeHint);
    return std::nullopt;
  }
  Result<playlist::Playlist> list = playlist::read_playlist(path);
  if (!list) {
    const std::string& message = list.error().message;
    problems.error(written.line, message, hint_unless_given(message, "check the playlist file"));
    return std::nullopt;
  }
  if (warn_about_entries(*list, written, problems) == 0) {
    problems.error(written.line, "playlist '" + written.value + "' has no track that can be played",
                   "add tracks, or leave the playlist out for a silent phase");
    return std::nullopt;
  }
  return path;
}

std::optional<std::filesystem::path> check_bell_file(const Field<std::string>& written,
                                                     const std::filesystem::path& base_dir,
                                                     PlanProblems& problems) {
  if (written.value.empty()) {
    problems.error(written.line, "bell is empty", "name an audio file, or leave the key out");
    return std::nullopt;
  }
  const std::filesystem::path path = resolve_in_plan_folder(written.value, base_dir);
  if (is_missing(path)) {
    problems.error(written.line, "bell file not found: " + path.string(), kRelativeHint);
    return std::nullopt;
  }
  if (const std::string problem = playlist::file_access_problem(path); !problem.empty()) {
    problems.error(written.line, "bell: " + problem, "name a readable audio file");
    return std::nullopt;
  }
  if (Result<audio::AudioFileInfo> info = audio::probe_audio_file(path); !info) {
    const std::string& message = info.error().message;
    problems.error(written.line, "bell: " + message,
                   hint_unless_given(message, "use a WAV, FLAC or Ogg file"));
    return std::nullopt;
  }
  return path;
}

}  // namespace holdspace::session
