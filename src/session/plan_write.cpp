// plan_to_toml and save_plan: the Prepare view edits plans and saves them, so a plan must go back
// to TOML that loads into the same plan. The text is built by hand, not with toml++'s formatter,
// which would reorder the keys; the layout follows playlists/kap-3h.toml, the documented
// reference. Comments in the original file are not kept: the whole plan is rewritten from the
// Plan, which has no place for them.
#include "session/plan_write.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace holdspace::session {
namespace {

namespace fs = std::filesystem;

const char* const kHeader =
    "# A holdspace session plan, written by holdspace. Saving again rewrites the whole file, so\n"
    "# comments added here are not kept. The format, every key and its default, is described in\n"
    "# kap-3h.toml, the reference plan shipped with holdspace.\n";

// The folder relative paths in the plan are read against, worked out exactly as load_plan does,
// so what is written relative here resolves back to the same file there.
fs::path folder_of(const fs::path& plan_file) {
  return fs::absolute(plan_file).lexically_normal().parent_path();
}

// The shortest text that reads back as exactly this double: 20 stays 20, 1.5 stays 1.5, and
// 1/3 keeps every digit it needs.
std::string toml_number(double value) {
  char buffer[64];
  std::string text(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
  // Plain digits read back as a TOML integer, which must fit in 64 bits; a huge whole number
  // (refused by the parser anyway) is written as a float so the message is about its size.
  const bool plain_digits = text.find_first_not_of("-0123456789") == std::string::npos;
  if (plain_digits && std::fabs(value) >= 9e18) {
    text.assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, value,
                                      std::chars_format::scientific).ptr);
  }
  return text;  // nan and inf come out as TOML's nan and inf, which the parser refuses by name
}

std::string unicode_escape(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(byte));
  return buffer;
}

// A TOML basic string. Quotes, backslashes and control characters are escaped; every other byte,
// UTF-8 included, is kept as it is, so names stay readable in the file.
std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) out += unicode_escape(byte);
        else out += c;
      }
    }
  }
  return out + "\"";
}

// Relative under the plan's folder so a plan can move together with its music (as the bundled
// plans do with demo/), absolute otherwise: "../" paths would break when only the plan moves.
std::string path_text(const fs::path& path, const fs::path& folder) {
  const fs::path absolute = fs::absolute(path).lexically_normal();
  const fs::path relative = absolute.lexically_relative(folder);
  if (relative.empty() || relative == "." || *relative.begin() == "..") return absolute.generic_string();
  return relative.generic_string();
}

void write_key(std::string& out, std::string_view key, const std::string& value) {
  out.append(key).append(" = ").append(value).append("\n");
}

void write_number_unless(std::string& out, std::string_view key, double value, double default_value) {
  if (value != default_value) write_key(out, key, toml_number(value));
}

// The parser's default for a phase's level: the ceiling, which is 0 dB unless the plan caps it.
double default_volume_db(const Plan& plan) { return std::min(0.0, plan.max_volume_db); }

void write_settings(std::string& out, const Plan& plan, const fs::path& folder) {
  write_key(out, "name", toml_string(plan.name));
  const Plan defaults;
  write_number_unless(out, "max_volume_db", plan.max_volume_db, defaults.max_volume_db);
  write_number_unless(out, "target_lufs", plan.target_lufs, defaults.target_lufs);
  write_number_unless(out, "ceiling_dbtp", plan.ceiling_dbtp, defaults.ceiling_dbtp);
  write_number_unless(out, "talk_duck_db", plan.talk_duck_db, defaults.talk_duck_db);
  write_number_unless(out, "fade_out_seconds", plan.fade_out_seconds, defaults.fade_out_seconds);
  if (plan.bell) write_key(out, "bell", toml_string(path_text(*plan.bell, folder)));
}

void write_endings(std::string& out, const PhasePlan& phase, const PhasePlan& defaults) {
  if (phase.at_playlist_end != defaults.at_playlist_end) {
    write_key(out, "at_playlist_end",
              toml_string(phase.at_playlist_end == PlaylistEnd::Silence ? "silence" : "loop"));
  }
  if (phase.at_time_up != defaults.at_time_up) {
    write_key(out, "at_time_up", toml_string(phase.at_time_up == TimeUp::Advance ? "advance" : "hold"));
  }
}

void write_levels(std::string& out, const PhasePlan& phase, const PhasePlan& defaults, const Plan& plan) {
  write_number_unless(out, "volume_db", phase.volume_db, default_volume_db(plan));
  write_number_unless(out, "fade_in_seconds", phase.fade_in_seconds, defaults.fade_in_seconds);
  write_number_unless(out, "crossfade_seconds", phase.crossfade_seconds, defaults.crossfade_seconds);
  write_number_unless(out, "track_crossfade_seconds", phase.track_crossfade_seconds,
                      defaults.track_crossfade_seconds);
}

// Keys in the reference plan's order. Only what differs from the parser's defaults is written,
// so the file shows the choices made; PhasePlan's initialisers are the parser's defaults.
void write_phase(std::string& out, const PhasePlan& phase, const Plan& plan, const fs::path& folder) {
  const PhasePlan defaults;
  out += "\n[[phase]]\n";
  write_key(out, "name", toml_string(phase.name));
  write_key(out, "minutes", toml_number(phase.minutes));
  if (!phase.playlist.empty()) write_key(out, "playlist", toml_string(path_text(phase.playlist, folder)));
  write_endings(out, phase, defaults);
  write_levels(out, phase, defaults, plan);
  if (phase.bell != defaults.bell) write_key(out, "bell", phase.bell ? "true" : "false");
}

// The first listener is channels 1-2 and the second 3-4, so the order is kept as it was read.
void write_listener(std::string& out, const ListenerPlan& listener, const Plan& plan) {
  out += "\n[[listener]]\n";
  write_key(out, "name", toml_string(listener.name));
  write_number_unless(out, "volume_db", listener.volume_db, ListenerPlan{}.volume_db);
  write_number_unless(out, "ceiling_dbtp", listener.ceiling_dbtp, plan.ceiling_dbtp);
}

void write_reminder(std::string& out, const ReminderPlan& reminder) {
  out += "\n[[reminder]]\n";
  write_key(out, "text", toml_string(reminder.text));
  const bool from_marker = reminder.anchor.kind == ReminderAnchor::Kind::Marker;
  write_key(out, from_marker ? "marker" : "phase", toml_string(reminder.anchor.name));
  write_key(out, "after_minutes", toml_number(reminder.after_minutes));
}

Error save_error(const fs::path& plan_file, int error, std::string_view hint = "") {
  std::string message = plan_file.string() + ": cannot save the plan: " + std::strerror(error);
  if (!hint.empty()) message.append(" (").append(hint).append(")");
  return Error{message};
}

// Owner-only for a new plan, like the playlists and exports holdspace writes (a reminder's text
// can say something about a client); a plan that is replaced keeps the mode it had.
mode_t mode_for(const fs::path& plan_file) {
  std::error_code error;
  const fs::file_status existing = fs::status(plan_file, error);
  if (!error && fs::is_regular_file(existing)) return static_cast<mode_t>(existing.permissions()) & 07777;
  return S_IRUSR | S_IWUSR;
}

// 0, or the errno of the write that failed.
int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// 0, or the errno of the first step that failed; the file is closed either way.
int write_sync_close(int fd, std::string_view text) {
  int error = write_all(fd, text);
  if (!error && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && !error) error = errno;
  return error;
}

// A temporary file beside the plan, then rename: on the same file system rename replaces the old
// plan in one step, so a reader (or a crash) sees the old plan or the new one, never a mix.
Status write_atomically(const fs::path& plan_file, const std::string& text) {
  std::string temporary = plan_file.string() + ".holdspace-XXXXXX";
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) return save_error(plan_file, errno, "check that its folder exists and can be written");
  ::fchmod(fd, mode_for(plan_file));  // mkostemp always makes 0600; a replaced plan keeps its mode
  int error = write_sync_close(fd, text);
  if (!error && ::rename(temporary.c_str(), plan_file.c_str()) != 0) error = errno;
  if (error) {
    ::unlink(temporary.c_str());
    return save_error(plan_file, error);
  }
  return ok_status();
}

}  // namespace

std::string plan_to_toml(const Plan& plan, const fs::path& plan_file) {
  const fs::path folder = folder_of(plan_file);
  std::string out = kHeader;
  out += "\n";
  write_settings(out, plan, folder);
  for (const ListenerPlan& listener : plan.listeners) write_listener(out, listener, plan);
  for (const PhasePlan& phase : plan.phases) write_phase(out, phase, plan, folder);
  for (const ReminderPlan& reminder : plan.reminders) write_reminder(out, reminder);
  return out;
}

Status save_plan(const Plan& plan, const fs::path& plan_file) {
  const std::string text = plan_to_toml(plan, plan_file);
  // The same checks as loading, including that every playlist and the bell are there: a plan
  // saved now must load when the session starts.
  Result<LoadedPlan> check = parse_plan(text, plan_file, folder_of(plan_file));
  if (!check) return check.error();
  return write_atomically(plan_file, text);
}

}  // namespace holdspace::session
