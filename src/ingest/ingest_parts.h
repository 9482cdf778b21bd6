#pragma once
/// The pieces of an ingest around the archive (ingest/ingest.cpp runs them): stop signals,
/// the parse of files on worker threads, progress lines, and message helpers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <signal.h>

#include "ingest/report.h"
#include "ingest/walk.h"

namespace yanbao::ingest_parts {

/// SIGINT or SIGTERM once one arrived during the run (0 before). Async-signal-safe to set.
int stop_signal();

/// Installs SIGINT/SIGTERM handlers for the run (clearing stop_signal()) and restores the
/// previous ones after.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {}, old_term_ {};
};

/// Now as 2025-03-09T08:00:00Z.
std::string now_utc();

/// A file the walk found that has to be read this run.
struct Job {
  FoundFile file;
  /// The digest stored for the file when its stored rows are current (a report made by
  /// this parser, or a duplicate of a stored report): equal bytes need no parsing then.
  /// Empty otherwise.
  std::string current_sha256;
};

/// What a worker produces for one file.
struct Parsed {
  std::string sha256;
  bool same_bytes = false;  ///< equal to Job::current_sha256: only the stat changed (touch)
  ParseOutcome outcome;
};

/// Parses jobs[begin, end) on `threads` workers; each result lands in its own slot, so the
/// writer sees them in walk order whatever the scheduling. Stops early on a stop signal
/// (the slots not reached stay empty).
void parse_chunk(const std::string& root, const std::vector<Job>& jobs, size_t begin, size_t end, int threads,
                 int64_t max_size, std::vector<Parsed>& out);

/// A thread that is joined when it goes out of scope, so an exception while the main thread
/// writes cannot leave a running parser behind (std::thread would terminate the process).
class JoiningThread {
 public:
  template <class F>
  void start(F&& f) { thread_ = std::thread(std::forward<F>(f)); }
  /// Waits for the thread; false when none was started.
  bool join() {
    if (!thread_.joinable()) return false;
    thread_.join();
    return true;
  }
  ~JoiningThread() { join(); }

 private:
  std::thread thread_;
};

/// A progress bar of files on stderr (when enabled and there is something to count), and
/// one-line stages for the steps after the files.
class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled && total > 0), total_(total) {}
  void update(size_t done);
  void finish();
  /// A line for the steps after the files (a first ingest spends long enough in them to need one).
  void stage(const std::string& what);

 private:
  bool enabled_;
  size_t total_;
};

/// "path[:line]" for a message line, the path escaped so that it stays one line.
std::string location(const std::string& shown_path, int line);

/// True when nothing is at `path` any more (so --prune may forget it). A path that exists
/// but the walk could not take (an unreadable folder, a FIFO, a too-long path) is not gone.
bool gone_from_disk(const std::string& path);

}  // namespace yanbao::ingest_parts
