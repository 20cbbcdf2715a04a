// One-key commands from the terminal, for a session run from the command line. On a terminal
// the keys act at once (no Enter); from a pipe (tests, scripts) each character is a key.
// Prompts (vitals, a note) read a whole line either way.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace holdspace::cli {

class KeyInput {
 public:
  KeyInput();   // puts a terminal into single-key mode
  ~KeyInput();  // and back
  KeyInput(const KeyInput&) = delete;
  KeyInput& operator=(const KeyInput&) = delete;

  // The next key, waiting at most timeout_ms; nothing if none came.
  std::optional<char> next_key(int timeout_ms);
  // Shows `prompt` and reads a line (with echo on a terminal). Empty on end of input.
  // `while_waiting` runs about every 100 ms until the line is in, so a session keeps going
  // (music queued, reminders, the record) while the therapist types.
  std::string read_line(const std::string& prompt, const std::function<void()>& while_waiting);
  bool is_terminal() const { return terminal_; }

 private:
  void raw_mode(bool on);
  bool terminal_ = false;
  bool raw_ = false;
  bool closed_ = false;  // end of input from a pipe
  std::string buffered_;
  struct Saved;
  Saved* saved_ = nullptr;
};

}  // namespace holdspace::cli
