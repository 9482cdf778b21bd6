#pragma once
/// `yanbao ingest`: walk folders, parse changed files on worker threads, write them in
/// batched transactions from one thread.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace yanbao {

struct IngestOptions {
  std::vector<std::string> dirs;  ///< folders, or files (see plan_ingest_roots)
  std::vector<std::string> globs = {"*.md", "*.markdown", "*.txt"};
  bool prune = false;   ///< remove reports whose files are gone
  bool force = false;   ///< re-read every file
  bool follow = false;  ///< follow symlinks that leave a folder (see WalkOptions)
  int64_t max_size = 32 * 1024 * 1024;
  int jobs = 0;         ///< worker threads; 0 = one per core
  bool progress = false;
  /// For tests: called for each folder after its walk was compared with the archive and
  /// before the write lock is taken (where another ingest may commit the same files).
  std::function<void()> before_write_lock;
};

struct IngestSummary {
  int added = 0, changed = 0, removed = 0, unchanged = 0, duplicates = 0, rejected = 0;
  int gone = 0;          ///< files missing from disk but kept (no --prune)
  double seconds = 0;
  int signal = 0;        ///< SIGINT/SIGTERM when interrupted, else 0
  bool bulk_load = false;  ///< the query indexes and summaries stepped aside (many new files)
};

/// Runs an ingest into the archive at db_path. Per-file problems are printed to err as
/// "path: reason" (with ":line" when known; the path printable_path()-escaped) and recorded
/// in ingest_errors; they never stop the run. A file that cannot be read or decoded keeps
/// the report of its last good read. Throws FatalError when the archive cannot be opened or
/// written.
IngestSummary run_ingest(const std::string& db_path, const IngestOptions& options, std::ostream& err);

/// "12 added, 0 changed, 0 removed, 1 unchanged, 1 duplicate, 3 rejected in 0.21 s"
std::string format_summary(const IngestSummary& s);

}  // namespace yanbao
