// Analysing many tracks at once, one file per core: a whole playlist for `holdspace-cli analyze`
// (analyze_files, which blocks), and a live session or the Prepare view (BackgroundAnalysis,
// which never does). Both look in the cache first and remember what they measure.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "loudness/loudness.h"
#include "loudness/loudness_cache.h"

namespace holdspace::loudness {

struct AnalysisResult {
  std::filesystem::path file;
  Result<Loudness> loudness;
  bool from_cache = false;
};

// One file: the cache if it knows it, else a measurement, which is then stored (a cache that
// cannot be written costs only a later re-measure). cache may be null.
AnalysisResult analyze_file(const std::filesystem::path& file, LoudnessCache* cache,
                            const std::atomic<bool>* cancel = nullptr);

// One worker thread per core (threads <= 0 means std::thread::hardware_concurrency()), never
// more than there are distinct files; results in input order, one per input (a file named twice
// is analysed once). on_progress runs on the calling thread, from (0, total) to (total, total).
// A cancel stops unstarted files, and files under way at their next block; those come back as
// "<file>: analysis cancelled".
std::vector<AnalysisResult> analyze_files(const std::vector<std::filesystem::path>& files, LoudnessCache* cache,
                                          int threads, const std::function<void(int done, int total)>& on_progress,
                                          const std::atomic<bool>* cancel = nullptr);

// For a live session and the Prepare view: analyses in the background, never blocks the caller.
// Files are known by cache_key(), so "a/../b.ogg" and "b.ogg" are one file.
class BackgroundAnalysis {
 public:
  BackgroundAnalysis(LoudnessCache* cache, int threads);  // cache may be null; it must outlive this
  ~BackgroundAnalysis();  // stops and joins its threads promptly (cancels unstarted work)
  BackgroundAnalysis(const BackgroundAnalysis&) = delete;
  BackgroundAnalysis& operator=(const BackgroundAnalysis&) = delete;

  // Queued in order, de-duplicated, any thread. A file already finished is queued again only
  // if it has changed on disk since (size or modification time).
  void request(const std::vector<std::filesystem::path>& files);
  enum class State { Unknown, Pending, Ready, Failed };
  struct Lookup {
    State state = State::Unknown;
    Loudness loudness;    // when Ready
    std::string error;    // when Failed: "<file>: <why>"
    bool from_cache = false;
  };
  Lookup lookup(const std::filesystem::path& file) const;  // never waits for analysis
  // True once Ready or Failed; false at the timeout, or at once for a file never requested.
  bool wait_for(const std::filesystem::path& file, std::chrono::milliseconds timeout);
  int done() const;   // finished (ready or failed) of all ever requested
  int total() const;

  // Called on a worker thread after each file finishes, outside any lock: for waking a UI loop
  // (glfwPostEmptyEvent), not for work.
  void set_on_finished(std::function<void()> on_finished);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace holdspace::loudness
