// Where the journal lives by default, and how a new session is named.
#include <pwd.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <mutex>

#include "journal/journal.h"

namespace holdspace::journal {
namespace {

// Client codes are short (e.g. "K042"); a longer one is cut so ids stay readable in a listing.
constexpr std::size_t kMaxClientLength = 16;

std::string client_part(const std::string& client) {
  std::string code;
  for (const char c : client) {
    if (std::isalnum(static_cast<unsigned char>(c)) && code.size() < kMaxClientLength) code += c;
  }
  return code.empty() ? "client" : code;
}

}  // namespace

std::filesystem::path default_data_dir() {
  // The XDG spec ignores a relative XDG_DATA_HOME.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/') {
    return std::filesystem::path(xdg) / "holdspace";
  }
  std::filesystem::path home;
  if (const char* env_home = std::getenv("HOME"); env_home && env_home[0] != '\0') {
    home = env_home;
  } else if (const passwd* user = ::getpwuid(::getuid()); user && user->pw_dir) {
    home = user->pw_dir;
  } else {
    home = ".";
  }
  return home / ".local" / "share" / "holdspace";
}

std::string new_session_id(const std::string& client) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  std::string id = std::string(stamp) + "-" + client_part(client);

  // Two sessions for one client in the same second (tests, a restarted start) must still differ.
  static std::mutex mutex;
  static std::string last_base;
  static int repeats = 0;
  std::lock_guard lock(mutex);
  if (id == last_base) return id + "-" + std::to_string(++repeats + 1);
  last_base = id;
  repeats = 0;
  return id;
}

}  // namespace holdspace::journal
