// A plan being prepared: its phases and their playlists, edited together and saved together.
// Phases that share a playlist share one draft of it, so an edit shows in each of them. Saving
// writes the changed playlists as M3U8 and then the plan, which is checked by the same parser
// a session uses, so a plan saved here always loads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "prepare/phase_fit.h"
#include "prepare/playlist_draft.h"
#include "session/plan.h"

namespace holdspace::prepare {

class PlanDraft {
 public:
  // Edits a copy of a loaded plan; it saves back to the same file unless told otherwise.
  explicit PlanDraft(session::Plan plan);
  // A new plan with the four phases of a KAP dosing session and no music yet.
  static PlanDraft new_kap_plan(const std::filesystem::path& file);

  const session::Plan& plan() const { return plan_; }
  const std::filesystem::path& file() const { return plan_.source; }
  void set_file(const std::filesystem::path& file);
  bool modified() const;

  // Plain edits; each marks the plan modified. Out-of-range indexes are ignored.
  void set_name(const std::string& name);
  session::PhasePlan& phase(int index);  // for edits of minutes and behaviour; call touch() after
  void touch() { modified_ = true; }
  void rename_phase(int index, const std::string& name);  // reminders follow the new name
  int add_phase();                                         // after the last; returns its index
  // Removes the phase, and any reminder counted from it (named in the returned lines).
  std::vector<std::string> remove_phase(int index);
  void move_phase(int from, int to);

  // The phase's playlist, read on first use (nullptr for a silent phase, or one whose playlist
  // cannot be read: see playlist_error).
  PlaylistDraft* playlist_of(int phase);
  std::string playlist_error(int phase);
  // Gives a silent phase a new, empty playlist named after it, beside the plan.
  PlaylistDraft& new_playlist_for(int phase);
  // Points the phase at another playlist file (reading it on first use).
  void set_playlist(int phase, const std::filesystem::path& file);
  // How many phases play this playlist.
  int phases_using(const std::filesystem::path& playlist) const;

  PhaseFit fit(int phase);

  // Writes every changed playlist (a PLS or XSPF becomes an M3U8 beside it), then the plan.
  // Returns the plan as a session would load it.
  Result<session::LoadedPlan> save();

 private:
  std::filesystem::path folder() const { return plan_.source.parent_path(); }
  bool valid(int phase) const { return phase >= 0 && phase < int(plan_.phases.size()); }
  void repoint(const std::filesystem::path& from, const std::filesystem::path& to);

  session::Plan plan_;
  bool modified_ = false;
  std::map<std::filesystem::path, PlaylistDraft> playlists_;
  std::map<std::filesystem::path, std::string> playlist_errors_;
};

}  // namespace holdspace::prepare
