// A playlist being prepared: the tracks in order, each with what the file really is (duration,
// format) or why it will not play, edited by adding, moving and removing, then saved as M3U8.
// Every file is probed as it comes in, so a broken one is found now and not as silence in the
// middle of a session.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "audio/audio_file.h"
#include "core/result.h"

namespace holdspace::prepare {

struct DraftTrack {
  std::filesystem::path path;  // absolute
  std::string title;           // from the playlist, or the file name
  std::optional<audio::AudioFileInfo> info;  // set when the file opens as audio
  std::string problem;         // one line; empty when the track will play
  bool playable() const { return info.has_value(); }
};

class PlaylistDraft {
 public:
  // A new, empty playlist that will be saved to `file` (it counts as modified: not on disk yet).
  explicit PlaylistDraft(std::filesystem::path file);
  // Reads a playlist (M3U/M3U8, PLS, XSPF) and probes every track. Parse problems (a URL, a bad
  // line) are kept as messages; the playlist itself must be readable.
  static Result<PlaylistDraft> open(const std::filesystem::path& file);

  const std::filesystem::path& file() const { return file_; }
  // Saving elsewhere (e.g. a .pls is saved as .m3u8 beside it).
  void set_file(std::filesystem::path file);
  const std::vector<DraftTrack>& tracks() const { return tracks_; }
  const std::vector<std::string>& messages() const { return messages_; }
  bool modified() const { return modified_; }

  // Adds audio files at `position` (or the end), in order. A file that is not audio is left out,
  // and the returned lines say which and why. Folders and playlists are expanded first.
  std::vector<std::string> add(const std::vector<std::filesystem::path>& dropped, int position = -1);
  // Moves one track so it ends up at index `to` (as dragging a row onto another does).
  void move(int from, int to);
  void remove(int index);

  // The length of what will play, once through.
  double playable_seconds() const;
  int playable_count() const;

  // Writes an M3U8 with durations; paths under the playlist's folder are relative.
  Status save();

 private:
  std::filesystem::path file_;
  std::vector<DraftTrack> tracks_;
  std::vector<std::string> messages_;
  bool modified_ = false;
};

// A track as it will play: probed now, with the problem in one line when it will not.
DraftTrack probe_track(const std::filesystem::path& path, std::string title = {});

}  // namespace holdspace::prepare
