#pragma once
/// Writes parsed reports into an open archive with statements prepared once and reused.
/// The caller owns the transaction, and calls index_new_reports() before each commit: the
/// reports written (and removed) since the last call enter (leave) reports_fts then. While a
/// writer exists, its connection fires no trigger of the archive but the DELETE and UPDATE
/// triggers of `reports` (copied as TEMP triggers): the writer does the rest itself.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "extract/model.h"

namespace yanbao {

struct FileIdentity {
  std::string root;
  std::string path;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  std::string sha256;
};

class ReportWriter {
 public:
  explicit ReportWriter(SQLite::Database& db);
  ~ReportWriter();

  /// Another report with these bytes (at a different path), if any.
  std::optional<int64_t> find_duplicate(const FileIdentity& file);
  struct Written {
    int64_t id;     ///< the new report's id
    bool replaced;  ///< the path had a report before (changed), else it is new (added)
  };
  /// Replaces the path's report (if any) with this one, with all its rows.
  Written write_report(const FileIdentity& file, const ReportRecord& report, const std::string& now);
  void delete_report(int64_t id);
  /// Records a new size/mtime for a file whose bytes did not change (and forgets an error
  /// a torn read of it left).
  void update_stat(const FileIdentity& file);
  void mark_duplicate(const FileIdentity& file, int64_t of_report);
  /// Records that the file could not be read, decoded or parsed. A report (or duplicate)
  /// stored for the path from an earlier good read stays, with its old size and mtime, so
  /// that the next run reads the file again; returns true then. Otherwise the path becomes
  /// an `error` file.
  bool record_error(const FileIdentity& file, const std::string& message, int line, const std::string& now);
  /// Records a path the walk could not take (a FIFO, a device, a folder it cannot enter) in
  /// ingest_errors only: it has no row in `files`.
  void record_skipped(const std::string& root, const std::string& path, const std::string& message,
                      const std::string& now, int line = 0);
  /// Paths of the root whose ingest_errors row a run finds again if it still holds: those
  /// without a `files` row of status `error` (see record_skipped and record_error).
  std::vector<std::string> errors_without_file(const std::string& root);
  void forget_error(const std::string& root, const std::string& path) { clear_error(root, path); }
  /// The stored error for an unchanged rejected file: message and line.
  std::optional<std::pair<std::string, int>> stored_error(const std::string& root, const std::string& path);
  void forget_file(const std::string& root, const std::string& path);
  /// Brings the full-text index up to date with the reports written and deleted since the
  /// last call (and any edits reports_fts_pending lists), lists the new reports as pending
  /// for the query summaries, and marks the stock keys that aliases new to the archive may
  /// move (what the INSERT triggers do for other writers), in a few statements whatever
  /// their number. Call once per batch, before its commit.
  void index_new_reports();
  /// Base names given an alias new to the archive by this writer, in order (a name given
  /// two codes is there twice: the fill's name table keeps it once).
  const std::vector<std::string>& learned_names() const { return run_alias_names_; }
  /// The id of the first report this writer wrote (later ones are above it); 0: none.
  int64_t first_written_id() const { return first_written_id_; }

 private:
  /// The report currently stored for this path, if any.
  std::optional<int64_t> own_report(const FileIdentity& file);
  void upsert_file(const FileIdentity& f, const char* status, std::optional<int64_t> report_id);
  void clear_error(const std::string& root, const std::string& path);

  struct Statements;
  SQLite::Database& db_;
  std::unique_ptr<Statements> st_;
  int64_t first_unindexed_id_ = 0;  ///< 0: nothing written since the last index_new_reports
  /// (base name, code) pairs and codes this writer has already stored in security_aliases
  /// and securities: a weekly report repeats the same few hundred stocks, and skipping the
  /// repeated INSERT OR IGNOREs halves the statements per report.
  std::unordered_set<std::string> learned_aliases_, learned_codes_;
  std::vector<std::string> new_alias_names_;  ///< base names of aliases added in this batch
  std::vector<std::string> run_alias_names_;  ///< … and by this writer
  int64_t first_written_id_ = 0;
  std::vector<std::string> temp_triggers_;    ///< TEMP copies of the report triggers
};

}  // namespace yanbao
