// analyze_file and analyze_files: the cache first, then a measurement, spread over the cores.
#include "loudness/analyzer.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "loudness/worker_count.h"

namespace holdspace::loudness {

AnalysisResult analyze_file(const std::filesystem::path& file, LoudnessCache* cache,
                            const std::atomic<bool>* cancel) {
  // No exception crosses a thread boundary: whatever escapes becomes this file's error.
  try {
    if (cache) {
      if (auto known = cache->find(file)) return AnalysisResult{file, *known, true};
    }
    const auto before = file_stamp(file);
    auto measured = measure_file(file, cancel);
    if (measured && cache && before) (void)cache->store(file, measured.value(), *before);
    return AnalysisResult{file, std::move(measured), false};
  } catch (const std::exception& error) {
    return AnalysisResult{file, Error{file.string() + ": cannot be analysed (" + error.what() + ")"}, false};
  }
}

std::vector<AnalysisResult> analyze_files(const std::vector<std::filesystem::path>& files, LoudnessCache* cache,
                                          int threads, const std::function<void(int done, int total)>& on_progress,
                                          const std::atomic<bool>* cancel) {
  // Each distinct file once; `first_of[i]` is the input that carries its result.
  std::vector<std::size_t> distinct;
  std::vector<std::size_t> first_of(files.size());
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto [at, fresh] = seen.emplace(cache_key(files[i]), i);
    first_of[i] = at->second;
    if (fresh) distinct.push_back(i);
  }

  const int total = int(files.size());
  std::vector<std::optional<AnalysisResult>> slots(files.size());
  std::mutex mutex;
  std::condition_variable progressed;
  int finished_distinct = 0;  // guarded by mutex
  int finished_inputs = 0;    // guarded by mutex: inputs whose file is finished
  std::vector<int> copies(files.size(), 0);
  for (std::size_t i = 0; i < files.size(); ++i) ++copies[first_of[i]];
  std::atomic<std::size_t> next{0};

  const auto work = [&] {
    while (true) {
      const std::size_t n = next.fetch_add(1);
      if (n >= distinct.size()) return;
      const std::size_t index = distinct[n];
      AnalysisResult result = cancel && cancel->load()
                                  ? AnalysisResult{files[index], Error{files[index].string() + ": analysis cancelled"}}
                                  : analyze_file(files[index], cache, cancel);
      std::lock_guard lock(mutex);
      slots[index] = std::move(result);
      ++finished_distinct;
      finished_inputs += copies[index];
      progressed.notify_one();
    }
  };

  const int workers = std::min(worker_count(threads), int(distinct.size()));
  std::vector<std::thread> pool;
  pool.reserve(std::size_t(std::max(workers, 0)));
  if (on_progress) on_progress(0, total);
  for (int i = 0; i < workers; ++i) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running (or this one) do the rest
    }
  }
  if (pool.empty()) work();

  // Report progress from here, so on_progress never runs on a worker.
  {
    std::unique_lock lock(mutex);
    int reported = 0;
    while (finished_distinct < int(distinct.size())) {
      progressed.wait(lock, [&] { return finished_inputs != reported; });
      reported = finished_inputs;
      if (on_progress && reported < total) {
        lock.unlock();
        on_progress(reported, total);
        lock.lock();
      }
    }
  }
  for (auto& thread : pool) thread.join();
  if (on_progress) on_progress(total, total);

  std::vector<AnalysisResult> results;
  results.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    AnalysisResult result = *slots[first_of[i]];  // a copy: a repeated file shares its result
    result.file = files[i];
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace holdspace::loudness
