#include "store/ingest_state.h"

#include "store/statements.h"
#include "util/json.h"

namespace yanbao {

StoredFiles::StoredFiles(SQLite::Database& db, const std::string& root)
    : st_(db, std::string(sql_statement("files_for_root"))) {
  st_.bind(":root", root);
  advance();
}

void StoredFiles::advance() {
  have_ = st_.executeStep();
  if (!have_) return;
  file_.path = std::string(column_text(st_.getColumn(0)));
  file_.size = st_.getColumn(1).getInt64();
  file_.mtime_ns = st_.getColumn(2).getInt64();
  file_.status = std::string(column_text(st_.getColumn(3)));
  file_.has_report = !st_.getColumn(4).isNull();
  file_.sha256 = std::string(column_text(st_.getColumn(5)));
}

OlderParserReports::OlderParserReports(SQLite::Database& db, const std::string& root, int version)
    : st_(db, std::string(sql_statement("reports_from_older_parsers"))) {
  st_.bind(":root", root);
  st_.bind(":parser_version", version);
  advance();
}

void OlderParserReports::advance() {
  have_ = st_.executeStep();
  if (!have_) return;
  path_ = std::string(column_text(st_.getColumn(0)));
  version_ = st_.getColumn(1).getInt();
}

std::optional<int> OlderParserReports::version_of(const std::string& path) {
  while (have_ && path_ < path) advance();
  if (have_ && path_ == path) return version_;
  return std::nullopt;
}

std::unordered_set<std::string> orphaned_duplicates(SQLite::Database& db, const std::string& root) {
  std::unordered_set<std::string> out;
  SQLite::Statement st(db, std::string(sql_statement("orphaned_duplicates")));
  st.bind(":root", root);
  while (st.executeStep()) out.insert(st.getColumn(0).getString());
  return out;
}

CommittedFiles::CommittedFiles(SQLite::Database& db) : st_(db, std::string(sql_statement("committed_file_state"))) {}

std::optional<CommittedFile> CommittedFiles::get(const std::string& root, const std::string& path) {
  st_.bind(":root", root);
  st_.bind(":path", path);
  std::optional<CommittedFile> out;
  if (st_.executeStep()) {
    CommittedFile f;
    f.size = st_.getColumn(0).getInt64();
    f.mtime_ns = st_.getColumn(1).getInt64();
    f.status = st_.getColumn(2).getString();
    f.has_report = !st_.getColumn(3).isNull();
    f.parser_version = st_.getColumn(4).isNull() ? 0 : st_.getColumn(4).getInt();
    out = std::move(f);
  }
  st_.reset();
  return out;
}

int64_t start_ingest_run(SQLite::Database& db, const std::string& started_at, const std::vector<std::string>& roots) {
  std::string roots_json = "[";
  for (size_t i = 0; i < roots.size(); ++i) roots_json += (i ? "," : "") + json::quote(roots[i]);
  roots_json += "]";
  SQLite::Statement st(db, std::string(sql_statement("start_run")));
  st.bind(":started_at", started_at);
  st.bind(":roots", roots_json);
  st.exec();
  return db.getLastInsertRowid();
}

void finish_ingest_run(SQLite::Database& db, int64_t id, const std::string& finished_at, const RunCounts& c) {
  SQLite::Statement st(db, std::string(sql_statement("finish_run")));
  st.bind(":finished_at", finished_at);
  st.bind(":added", c.added);
  st.bind(":changed", c.changed);
  st.bind(":removed", c.removed);
  st.bind(":unchanged", c.unchanged);
  st.bind(":duplicates", c.duplicates);
  st.bind(":rejected", c.rejected);
  st.bind(":seconds", c.seconds);
  st.bind(":id", id);
  st.exec();
}

}  // namespace yanbao
