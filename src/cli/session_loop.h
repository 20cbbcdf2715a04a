// A session run from the terminal: the device and engine set up, the controller begun or
// resumed, keys turned into commands, a status line, reminders and alerts printed as they come.
// `run` and `resume` share it.
#pragma once

#include <filesystem>
#include <string>

namespace holdspace::cli {

struct SessionArguments {
  std::string plan;          // run: the plan file
  std::string client;        // run: the client code
  std::string device;
  std::string data_dir;      // empty = the default
  std::string resume_id;     // resume: which session (empty = the unfinished one)
  int buffer_frames = 0;
};

int run_new_session(const SessionArguments& args);
int resume_session(const SessionArguments& args);

}  // namespace holdspace::cli
