#pragma once
/// The pieces of an ingest around the archive (ingest/ingest.cpp runs them): stop signals,
/// the parse of files on worker threads, progress lines, and message helpers.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
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

/// Chunks of jobs parsed ahead of the writer: a producer thread takes chunks from `next`
/// (called on that thread only) and parses each with `parse`, up to `ahead` chunks
/// before the one the writer holds, so the workers keep parsing while the writer commits
/// (its commits, full-text flushes and checkpoints are most of its time). Destroying the
/// pipeline stops the producer and joins it, also when the writer throws.
class ChunkPipeline {
 public:
  struct Chunk {
    std::vector<Job> jobs;
    std::vector<Parsed> parsed;
  };
  /// `next(out)` fills `out` with the next jobs; empty when there are no more.
  ChunkPipeline(std::function<void(std::vector<Job>&)> next, std::function<void(const std::vector<Job>&, std::vector<Parsed>&)> parse,
                size_t ahead);
  ~ChunkPipeline();
  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;
  /// The next chunk in walk order; false when there are no more (or the producer stopped on
  /// a stop signal). Rethrows what the producer threw.
  bool pop(Chunk& out);

 private:
  void produce();

  std::function<void(std::vector<Job>&)> next_;
  std::function<void(const std::vector<Job>&, std::vector<Parsed>&)> parse_;
  size_t ahead_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Chunk> ready_;
  bool done_ = false, stop_ = false;
  std::exception_ptr error_;
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
