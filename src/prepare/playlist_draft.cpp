#include "prepare/playlist_draft.h"

#include <algorithm>

#include "playlist/playlist.h"
#include "playlist/playlist_check.h"
#include "prepare/dropped_files.h"

namespace holdspace::prepare {

DraftTrack probe_track(const std::filesystem::path& path, std::string title) {
  DraftTrack track;
  track.path = path.is_absolute() ? path : std::filesystem::absolute(path);
  track.title = title.empty() ? track.path.stem().string() : std::move(title);
  track.problem = playlist::file_access_problem(track.path);
  if (!track.problem.empty()) return track;
  auto info = audio::probe_audio_file(track.path);
  if (!info) {
    track.problem = info.error().message;
  } else if (info->frames <= 0) {
    track.problem = "contains no audio: " + track.path.string();
  } else {
    track.info = std::move(info).value();
    // It plays (what is there, faded at the break), but the therapist should know.
    if (track.info->cut_short) track.problem = "cut short: the file holds less audio than its header says";
  }
  return track;
}

PlaylistDraft::PlaylistDraft(std::filesystem::path file) : file_(std::move(file)), modified_(true) {}

Result<PlaylistDraft> PlaylistDraft::open(const std::filesystem::path& file) {
  auto list = playlist::read_playlist(file);
  if (!list) return list.error();
  PlaylistDraft draft(file);
  for (const auto& entry : list->entries) draft.tracks_.push_back(probe_track(entry.path, entry.title));
  for (const auto& problem : list->problems) {
    draft.messages_.push_back(file.filename().string() + ": " + playlist::format_problem(problem));
  }
  draft.modified_ = false;  // as it is on disk
  return draft;
}

void PlaylistDraft::set_file(std::filesystem::path file) {
  if (file == file_) return;
  file_ = std::move(file);
  modified_ = true;
}

std::vector<std::string> PlaylistDraft::add(const std::vector<std::filesystem::path>& dropped, int position) {
  ExpandedDrop expanded = expand_dropped_paths(dropped);
  std::vector<DraftTrack> added;
  for (const auto& path : expanded.files) {
    DraftTrack track = probe_track(path);
    // A file that does not open as audio is not worth a row: it was dropped by mistake.
    if (!track.playable()) {
      expanded.problems.push_back("left out: " + track.problem);
      continue;
    }
    added.push_back(std::move(track));
  }
  const auto at = position < 0 || position > int(tracks_.size()) ? tracks_.end() : tracks_.begin() + position;
  if (!added.empty()) modified_ = true;
  tracks_.insert(at, std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
  return expanded.problems;
}

void PlaylistDraft::move(int from, int to) {
  const int count = int(tracks_.size());
  if (from < 0 || from >= count || to < 0 || to >= count || from == to) return;
  DraftTrack track = std::move(tracks_[from]);
  tracks_.erase(tracks_.begin() + from);
  tracks_.insert(tracks_.begin() + to, std::move(track));
  modified_ = true;
}

void PlaylistDraft::remove(int index) {
  if (index < 0 || index >= int(tracks_.size())) return;
  tracks_.erase(tracks_.begin() + index);
  modified_ = true;
}

double PlaylistDraft::playable_seconds() const {
  double seconds = 0.0;
  for (const auto& track : tracks_) {
    if (track.playable()) seconds += track.info->seconds();
  }
  return seconds;
}

int PlaylistDraft::playable_count() const {
  return int(std::count_if(tracks_.begin(), tracks_.end(), [](const DraftTrack& t) { return t.playable(); }));
}

Status PlaylistDraft::save() {
  playlist::Playlist list;
  list.source = file_;
  for (const auto& track : tracks_) {
    playlist::PlaylistEntry entry;
    entry.location = track.path.string();
    entry.path = track.path;
    entry.title = track.title;
    if (track.playable()) entry.duration_seconds = track.info->seconds();
    list.entries.push_back(std::move(entry));
  }
  if (auto written = playlist::write_m3u8(list, file_); !written) return written;
  modified_ = false;
  return ok_status();
}

}  // namespace holdspace::prepare
