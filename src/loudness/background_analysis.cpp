// BackgroundAnalysis: a queue of files and a few worker threads that drain it. Callers only ever
// take the mutex for a map lookup; measuring happens outside it.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "loudness/analyzer.h"
#include "loudness/worker_count.h"

namespace holdspace::loudness {

struct BackgroundAnalysis::Impl {
  struct Entry {
    Lookup lookup;
    std::optional<FileStamp> stamp;  // at request time, to notice a file replaced since
  };

  LoudnessCache* cache = nullptr;
  std::atomic<bool> stopping{false};  // also the cancel flag of the measurement under way
  mutable std::mutex mutex;           // guards everything below
  std::condition_variable work_ready;
  std::condition_variable finished;   // wait_for sleeps on this
  std::deque<std::pair<std::string, std::filesystem::path>> queue;  // key, the path as given
  std::unordered_map<std::string, Entry> entries;
  int done = 0;
  int total = 0;
  std::function<void()> on_finished;
  std::vector<std::thread> threads;

  void work() {
    while (true) {
      std::pair<std::string, std::filesystem::path> next;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return stopping.load() || !queue.empty(); });
        if (stopping.load()) return;
        next = std::move(queue.front());
        queue.pop_front();
      }
      AnalysisResult result = analyze_file(next.second, cache, &stopping);
      if (stopping.load()) return;  // a cancelled measurement is not a result
      std::function<void()> notify;
      {
        std::lock_guard lock(mutex);
        Lookup& lookup = entries[next.first].lookup;
        if (result.loudness) {
          lookup.state = State::Ready;
          lookup.loudness = result.loudness.value();
          lookup.error.clear();
        } else {
          lookup.state = State::Failed;
          lookup.error = result.loudness.error().message;
        }
        lookup.from_cache = result.from_cache;
        ++done;
        notify = on_finished;
      }
      finished.notify_all();
      if (notify) notify();
    }
  }
};

BackgroundAnalysis::BackgroundAnalysis(LoudnessCache* cache, int threads) : impl_(std::make_unique<Impl>()) {
  impl_->cache = cache;
  const int count = worker_count(threads);
  for (int i = 0; i < count; ++i) {
    try {
      impl_->threads.emplace_back([impl = impl_.get()] { impl->work(); });
    } catch (const std::system_error&) {
      break;  // fewer threads than asked; one is enough to make progress
    }
  }
}

BackgroundAnalysis::~BackgroundAnalysis() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping.store(true);
    impl_->queue.clear();
  }
  impl_->work_ready.notify_all();
  impl_->finished.notify_all();
  for (auto& thread : impl_->threads) thread.join();
}

void BackgroundAnalysis::request(const std::vector<std::filesystem::path>& files) {
  int queued = 0;
  {
    std::lock_guard lock(impl_->mutex);
    for (const auto& file : files) {
      std::string key = cache_key(file);
      auto stamp = file_stamp(file);
      auto [at, fresh] = impl_->entries.try_emplace(key);
      Impl::Entry& entry = at->second;
      if (fresh) {
        ++impl_->total;
      } else {
        const State state = entry.lookup.state;
        if (state == State::Pending || stamp == entry.stamp) continue;  // queued, or finished and unchanged
        --impl_->done;  // changed on disk: measured again, and not finished until then
      }
      entry.lookup = Lookup{State::Pending, {}, {}, false};
      entry.stamp = stamp;
      impl_->queue.emplace_back(std::move(key), file);
      ++queued;
    }
  }
  if (queued == 1) impl_->work_ready.notify_one();
  if (queued > 1) impl_->work_ready.notify_all();
}

BackgroundAnalysis::Lookup BackgroundAnalysis::lookup(const std::filesystem::path& file) const {
  const std::string key = cache_key(file);
  std::lock_guard lock(impl_->mutex);
  const auto found = impl_->entries.find(key);
  return found == impl_->entries.end() ? Lookup{} : found->second.lookup;
}

bool BackgroundAnalysis::wait_for(const std::filesystem::path& file, std::chrono::milliseconds timeout) {
  const std::string key = cache_key(file);
  std::unique_lock lock(impl_->mutex);
  bool settled = false;
  impl_->finished.wait_for(lock, timeout, [&] {
    const auto found = impl_->entries.find(key);
    if (found == impl_->entries.end()) return true;  // never requested: nothing to wait for
    const State state = found->second.lookup.state;
    settled = state == State::Ready || state == State::Failed;
    return settled || impl_->stopping.load();
  });
  return settled;
}

int BackgroundAnalysis::done() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->done;
}

int BackgroundAnalysis::total() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->total;
}

void BackgroundAnalysis::set_on_finished(std::function<void()> on_finished) {
  std::lock_guard lock(impl_->mutex);
  impl_->on_finished = std::move(on_finished);
}

}  // namespace holdspace::loudness
