#pragma once
/// What an ingest reads from and logs to the archive besides the reports themselves, as
/// structs: the files a root holds (in path order, for the merge with the walk), the
/// committed state of one file under the write lock, and the run log (ingest_runs).
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace yanbao {

/// A row of `files` as the merge with a walk needs it.
struct StoredFile {
  std::string path;
  int64_t size = 0, mtime_ns = 0;
  std::string status;  ///< report | duplicate | error
  bool has_report = false;
  std::string sha256;  ///< "" when none was stored
};

/// The files stored for one root, in path order (bytewise, as the walk sorts), one at a time.
class StoredFiles {
 public:
  StoredFiles(SQLite::Database& db, const std::string& root);
  /// The file at the cursor, or nullptr past the last one.
  const StoredFile* current() const { return have_ ? &file_ : nullptr; }
  void advance();

 private:
  SQLite::Statement st_;
  StoredFile file_;
  bool have_ = false;
};

/// The root's reports made by a parser older than `version`, in path order (bytewise), one
/// at a time: few, but for the first run of a new parser, when they are all of them.
class OlderParserReports {
 public:
  OlderParserReports(SQLite::Database& db, const std::string& root, int version);
  /// The version of the parser that made the report at `path`, when older. Paths are asked
  /// for in increasing order.
  std::optional<int> version_of(const std::string& path);

 private:
  void advance();
  SQLite::Statement st_;
  bool have_ = false;
  std::string path_;
  int version_ = 0;
};

/// Paths of the root's duplicates whose original is gone (replaced or removed).
std::unordered_set<std::string> orphaned_duplicates(SQLite::Database& db, const std::string& root);

/// What is committed for one file right now (read under the write lock).
struct CommittedFile {
  int64_t size = 0, mtime_ns = 0;
  std::string status;
  bool has_report = false;
  int parser_version = 0;  ///< of its report; 0 when it has none
};

class CommittedFiles {
 public:
  explicit CommittedFiles(SQLite::Database& db);
  std::optional<CommittedFile> get(const std::string& root, const std::string& path);

 private:
  SQLite::Statement st_;
};

/// The counts a finished (or interrupted) run leaves in ingest_runs.
struct RunCounts {
  int added = 0, changed = 0, removed = 0, unchanged = 0, duplicates = 0, rejected = 0;
  double seconds = 0;
};

/// Starts a row of ingest_runs (committed at once: tests and tools wait for it as the
/// marker that a run has begun) and returns its id.
int64_t start_ingest_run(SQLite::Database& db, const std::string& started_at, const std::vector<std::string>& roots);
void finish_ingest_run(SQLite::Database& db, int64_t id, const std::string& finished_at, const RunCounts& counts);

}  // namespace yanbao
