#include "prepare/plan_draft.h"

#include <algorithm>
#include <cctype>

#include "session/plan_write.h"

namespace holdspace::prepare {
namespace {

// "Initial integration" -> "initial-integration": a file name that survives every file system.
std::string file_stem_for(const std::string& phase_name) {
  std::string stem;
  for (unsigned char c : phase_name) {
    if (std::isalnum(c)) {
      stem += char(std::tolower(c));
    } else if (!stem.empty() && stem.back() != '-') {
      stem += '-';
    }
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  return stem.empty() ? "phase" : stem;
}

// The first of name.m3u8, name-2.m3u8, ... that is neither on disk nor already planned.
std::filesystem::path unused_playlist_file(const std::filesystem::path& folder, const std::string& stem,
                                           const std::map<std::filesystem::path, PlaylistDraft>& drafts) {
  for (int n = 1;; ++n) {
    const std::string suffix = n == 1 ? "" : "-" + std::to_string(n);
    std::filesystem::path candidate = folder / (stem + suffix + ".m3u8");
    std::error_code error;
    if (!std::filesystem::exists(candidate, error) && !drafts.contains(candidate)) return candidate;
  }
}

bool same_name(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

bool is_m3u(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  return extension == ".m3u8" || extension == ".m3u" || extension == ".M3U8" || extension == ".M3U";
}

}  // namespace

PlanDraft::PlanDraft(session::Plan plan) : plan_(std::move(plan)) {}

PlanDraft PlanDraft::new_kap_plan(const std::filesystem::path& file) {
  session::Plan plan;
  plan.source = std::filesystem::absolute(file);
  plan.name = "KAP dosing session";
  for (auto [name, minutes] : {std::pair{"Intention setting", 20.0}, {"Relaxation", 15.0},
                               {"Dosing", 90.0}, {"Integration", 55.0}}) {
    session::PhasePlan phase;
    phase.name = name;
    phase.minutes = minutes;
    plan.phases.push_back(std::move(phase));
  }
  PlanDraft draft(std::move(plan));
  draft.modified_ = true;
  return draft;
}

void PlanDraft::set_file(const std::filesystem::path& file) {
  const auto absolute = std::filesystem::absolute(file);
  if (absolute == plan_.source) return;
  plan_.source = absolute;
  modified_ = true;
}

bool PlanDraft::modified() const {
  return modified_ || std::any_of(playlists_.begin(), playlists_.end(),
                                  [](const auto& entry) { return entry.second.modified(); });
}

void PlanDraft::set_name(const std::string& name) {
  if (name == plan_.name) return;
  plan_.name = name;
  modified_ = true;
}

session::PhasePlan& PlanDraft::phase(int index) { return plan_.phases.at(std::size_t(index)); }

void PlanDraft::rename_phase(int index, const std::string& name) {
  if (!valid(index) || plan_.phases[index].name == name) return;
  const std::string old_name = plan_.phases[index].name;
  for (auto& reminder : plan_.reminders) {
    if (reminder.anchor.kind == session::ReminderAnchor::Kind::PhaseStart && reminder.anchor.name == old_name) {
      reminder.anchor.name = name;
    }
  }
  plan_.phases[index].name = name;
  modified_ = true;
}

int PlanDraft::add_phase() {
  session::PhasePlan phase;
  // Names must differ, even in case only (reminders refer to phases by name).
  for (int n = int(plan_.phases.size()) + 1;; ++n) {
    phase.name = "Phase " + std::to_string(n);
    const bool taken = std::any_of(plan_.phases.begin(), plan_.phases.end(),
                                   [&](const session::PhasePlan& p) { return same_name(p.name, phase.name); });
    if (!taken) break;
  }
  phase.minutes = 15;
  phase.volume_db = plan_.max_volume_db;
  plan_.phases.push_back(std::move(phase));
  modified_ = true;
  return int(plan_.phases.size()) - 1;
}

std::vector<std::string> PlanDraft::remove_phase(int index) {
  std::vector<std::string> removed;
  if (!valid(index)) return removed;
  const std::string name = plan_.phases[index].name;
  std::erase_if(plan_.reminders, [&](const session::ReminderPlan& reminder) {
    const bool counted_from_it =
        reminder.anchor.kind == session::ReminderAnchor::Kind::PhaseStart && reminder.anchor.name == name;
    if (counted_from_it) removed.push_back("reminder removed with the phase: " + reminder.text);
    return counted_from_it;
  });
  plan_.phases.erase(plan_.phases.begin() + index);
  modified_ = true;
  return removed;
}

void PlanDraft::move_phase(int from, int to) {
  if (!valid(from) || !valid(to) || from == to) return;
  session::PhasePlan phase = std::move(plan_.phases[from]);
  plan_.phases.erase(plan_.phases.begin() + from);
  plan_.phases.insert(plan_.phases.begin() + to, std::move(phase));
  modified_ = true;
}

PlaylistDraft* PlanDraft::playlist_of(int phase) {
  if (!valid(phase) || plan_.phases[phase].playlist.empty()) return nullptr;
  const std::filesystem::path& file = plan_.phases[phase].playlist;
  if (auto found = playlists_.find(file); found != playlists_.end()) return &found->second;
  if (playlist_errors_.contains(file)) return nullptr;
  auto draft = PlaylistDraft::open(file);
  if (!draft) {
    playlist_errors_[file] = draft.error().message;
    return nullptr;
  }
  return &playlists_.emplace(file, std::move(draft.value())).first->second;
}

std::string PlanDraft::playlist_error(int phase) {
  if (!valid(phase)) return {};
  auto found = playlist_errors_.find(plan_.phases[phase].playlist);
  return found == playlist_errors_.end() ? std::string() : found->second;
}

PlaylistDraft& PlanDraft::new_playlist_for(int phase) {
  const auto file = unused_playlist_file(folder(), file_stem_for(plan_.phases.at(phase).name), playlists_);
  PlaylistDraft draft(file);
  plan_.phases[phase].playlist = file;
  modified_ = true;
  return playlists_.emplace(file, std::move(draft)).first->second;
}

void PlanDraft::set_playlist(int phase, const std::filesystem::path& file) {
  if (!valid(phase)) return;
  plan_.phases[phase].playlist = std::filesystem::absolute(file).lexically_normal();
  playlist_errors_.erase(plan_.phases[phase].playlist);  // it may have been fixed since
  modified_ = true;
}

int PlanDraft::phases_using(const std::filesystem::path& playlist) const {
  return int(std::count_if(plan_.phases.begin(), plan_.phases.end(),
                           [&](const session::PhasePlan& p) { return !playlist.empty() && p.playlist == playlist; }));
}

PhaseFit PlanDraft::fit(int phase) {
  const PlaylistDraft* playlist = playlist_of(phase);
  return fit_phase(plan_.phases.at(phase), playlist ? playlist->playable_seconds() : 0.0);
}

void PlanDraft::repoint(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (auto& phase : plan_.phases) {
    if (phase.playlist == from) phase.playlist = to;
  }
}

Result<session::LoadedPlan> PlanDraft::save() {
  // Playlists first, since the plan is checked against them. A draft keeps its place (and its
  // phases) until every write has worked, so a failed save loses nothing and can be retried.
  for (auto& [file, draft] : playlists_) {
    if (!draft.modified() || phases_using(file) == 0) continue;  // unchanged, or no longer used
    if (!is_m3u(draft.file())) {
      // holdspace writes one format; the PLS or XSPF it came from stays as it was.
      auto converted = draft.file();
      converted.replace_extension();
      draft.set_file(unused_playlist_file(converted.parent_path(), converted.filename().string(), playlists_));
    }
    if (auto written = draft.save(); !written) return written.error();
  }
  std::map<std::filesystem::path, PlaylistDraft> saved;
  for (auto& [file, draft] : playlists_) {
    repoint(file, draft.file());
    saved.emplace(draft.file(), std::move(draft));
  }
  playlists_ = std::move(saved);
  if (auto written = session::save_plan(plan_, plan_.source); !written) return written.error();
  auto loaded = session::load_plan(plan_.source);
  if (!loaded) return loaded.error();
  modified_ = false;
  return loaded;
}

}  // namespace holdspace::prepare
