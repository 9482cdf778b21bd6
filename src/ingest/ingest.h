#pragma once
/// `yanbao ingest`: walk folders, parse changed files on worker threads, write them in
/// batched transactions from one thread.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace yanbao {

struct IngestOptions {
  std::vector<std::string> dirs;
  std::vector<std::string> globs = {"*.md", "*.markdown", "*.txt"};
  bool prune = false;   ///< remove reports whose files are gone
  bool force = false;   ///< re-read every file
  int64_t max_size = 32 * 1024 * 1024;
  int jobs = 0;         ///< worker threads; 0 = one per core
  bool progress = false;
};

struct IngestSummary {
  int added = 0, changed = 0, removed = 0, unchanged = 0, duplicates = 0, rejected = 0;
  int gone = 0;          ///< files missing from disk but kept (no --prune)
  double seconds = 0;
  int signal = 0;        ///< SIGINT/SIGTERM when interrupted, else 0
};

/// Runs an ingest into the archive at db_path. Per-file problems are printed to err as
/// "path: reason" (with ":line" when known) and recorded in ingest_errors; they never stop
/// the run. Throws FatalError when the archive cannot be opened or written.
IngestSummary run_ingest(const std::string& db_path, const IngestOptions& options, std::ostream& err);

/// "12 added, 0 changed, 0 removed, 1 unchanged, 1 duplicate, 3 rejected in 0.21 s"
std::string format_summary(const IngestSummary& s);

}  // namespace yanbao
