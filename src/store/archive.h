#pragma once
/// Opening an archive: creating it, migrating it, refusing ones from a newer yanbao.
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>

namespace yanbao {

/// The schema version this build writes (the number of the last migrations/NNNN_*.sql).
int latest_schema_version();

/// Opens (creating when absent) an archive for writing, applies pending migrations, each in
/// its own transaction, and sets WAL mode, foreign keys and a busy timeout.
/// Throws FatalError for an archive written by a newer yanbao, naming both versions.
std::unique_ptr<SQLite::Database> open_archive_for_write(const std::string& path);

/// Opens an existing archive read-only (SQLITE_OPEN_READONLY). Never creates a file.
/// Throws FatalError "no archive at PATH (run yanbao ingest DIR first)" when it is missing,
/// and for an archive from a newer yanbao. An older archive is readable if its version is
/// at least 1; queries that need newer tables say so.
std::unique_ptr<SQLite::Database> open_archive_readonly(const std::string& path);

/// While on, reports inserted from this thread skip the per-row full-text trigger (the SQL
/// function yanbao_fts_batching() returns 1), and the writer indexes each batch in one
/// statement (ReportWriter::index_new_reports). Off by default.
void set_fts_batching(bool on);

/// While on, the query-summary triggers (migration 0009) stand aside for this thread's
/// writes: the SQL function yanbao_summaries_suspended() returns 1. Only for a bulk load
/// that has called suspend_query_summaries (store/summaries.h) first. Off by default.
void set_summaries_suspended(bool on);

/// set_summaries_suspended(true) from start() until end() or the end of the scope.
class SummariesSuspension {
 public:
  SummariesSuspension() = default;
  SummariesSuspension(const SummariesSuspension&) = delete;
  SummariesSuspension& operator=(const SummariesSuspension&) = delete;
  ~SummariesSuspension() { end(); }
  void start() {
    set_summaries_suspended(true);
    on_ = true;
  }
  void end() {
    if (on_) set_summaries_suspended(false);
    on_ = false;
  }

 private:
  bool on_ = false;
};

}  // namespace yanbao
