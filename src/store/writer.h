#pragma once
/// Writes parsed reports into an open archive with statements prepared once and reused.
/// The caller owns the transaction.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "ingest/report.h"

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
  /// The report currently stored for this path, if any.
  std::optional<int64_t> own_report(const FileIdentity& file);
  /// Replaces the path's report (if any) with this one, with all its rows; returns its id.
  int64_t write_report(const FileIdentity& file, const ReportRecord& report, const std::string& now);
  void delete_report(int64_t id);
  void mark_duplicate(const FileIdentity& file, int64_t of_report);
  void record_error(const FileIdentity& file, const std::string& message, int line, const std::string& now);
  /// The stored error for an unchanged rejected file: message and line.
  std::optional<std::pair<std::string, int>> stored_error(const std::string& root, const std::string& path);
  void forget_file(const std::string& root, const std::string& path);

 private:
  struct Statements;
  SQLite::Database& db_;
  std::unique_ptr<Statements> st_;
};

}  // namespace yanbao
