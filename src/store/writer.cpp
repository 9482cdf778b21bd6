#include "store/writer.h"

#include <sqlite3.h>

#include "extract/codes.h"
#include "extract/extract.h"
#include "store/archive.h"
#include "store/search_index.h"
#include "store/statements.h"

namespace yanbao {

struct ReportWriter::Statements {
  RowStatement by_sha, own, del, report, tag, index, mover, news, event, pick, risk, alias, security,
      file, error, clear_error, error_for, delete_file, pend_new, pend_deleted, file_stat, report_stat,
      file_status, errors_without_file, sector, rating, forecast, analyst, pending_new, learned_alias;
  SearchIndexUpdater search_index;
  explicit Statements(SQLite::Database& db)
      : by_sha(RowStatement(db, "report_by_sha256")),
        own(RowStatement(db, "own_report")),
        del(RowStatement(db, "delete_report")),
        report(RowStatement(db, "insert_report")),
        tag(RowStatement(db, "insert_tag")),
        index(RowStatement(db, "insert_index")),
        mover(RowStatement(db, "insert_mover")),
        news(RowStatement(db, "insert_news")),
        event(RowStatement(db, "insert_event")),
        pick(RowStatement(db, "insert_pick")),
        risk(RowStatement(db, "insert_risk")),
        alias(RowStatement(db, "learn_alias")),
        security(RowStatement(db, "learn_security")),
        file(RowStatement(db, "upsert_file")),
        error(RowStatement(db, "upsert_error")),
        clear_error(RowStatement(db, "clear_error")),
        error_for(RowStatement(db, "error_for")),
        delete_file(RowStatement(db, "delete_file")),
        pend_new(RowStatement(db, "pend_new_reports")),
        pend_deleted(RowStatement(db, "pend_deleted_report")),
        file_stat(RowStatement(db, "update_file_stat")),
        report_stat(RowStatement(db, "update_report_stat")),
        file_status(RowStatement(db, "file_status")),
        errors_without_file(RowStatement(db, "errors_without_file")),
        sector(RowStatement(db, "insert_sector")),
        rating(RowStatement(db, "insert_rating")),
        forecast(RowStatement(db, "insert_forecast")),
        analyst(RowStatement(db, "insert_analyst")),
        pending_new(RowStatement(db, "summary_pending_new_reports")),
        learned_alias(RowStatement(db, "summary_learned_alias")),
        search_index(db) {}
};

namespace {
/// A row's body line, NULL when the grammar could not tell (0).
void bind_line(RowStatement& st, int line) {
  if (line > 0) st.bind(":line", line);
  else st.bind_null(":line");
}
}  // namespace

namespace {

/// Switches the connection's triggers off: an INSERT into a table with both an enforced
/// foreign key and a trigger keeps a statement journal, which copied every page each row
/// touched to a temp file (BENCHMARKS.md, "Session 6: write path"). The writer does for its
/// inserts what the INSERT triggers would (index_new_reports). Its deletes and updates of
/// reports are rare and must do all the archive's triggers do (the full-text index, the
/// summaries' marks): those triggers are copied onto this connection as TEMP triggers, the
/// only kind SQLite still fires with triggers off. Returns the names of the copies.
std::vector<std::string> triggers_off_but_report_deletes(SQLite::Database& db) {
  int was = 1;
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &was);
  std::vector<std::pair<std::string, std::string>> copies;
  {
    SQLite::Statement st(db, "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND tbl_name = 'reports'");
    while (st.executeStep()) {
      std::string sql = st.getColumn(1).getString();
      constexpr std::string_view kCreate = "CREATE TRIGGER ";
      if (sql.compare(0, kCreate.size(), kCreate) != 0) continue;
      // Only DELETE and UPDATE triggers: the event comes before " ON reports".
      const std::string head = sql.substr(0, sql.find(" ON "));
      if (head.find(" INSERT") != std::string::npos) continue;
      copies.emplace_back(st.getColumn(0).getString(), "CREATE TEMP TRIGGER " + sql.substr(kCreate.size()));
    }
  }
  std::vector<std::string> names;
  for (const auto& [name, sql] : copies) {
    db.exec("DROP TRIGGER IF EXISTS temp.\"" + name + "\"");
    db.exec(sql);
    names.push_back(name);
  }
  return names;
}

}  // namespace

ReportWriter::ReportWriter(SQLite::Database& db) : db_(db) {
  temp_triggers_ = triggers_off_but_report_deletes(db);
  st_ = std::make_unique<Statements>(db);
}

ReportWriter::~ReportWriter() {
  st_.reset();
  try {
    for (const auto& name : temp_triggers_) db_.exec("DROP TRIGGER IF EXISTS temp.\"" + name + "\"");
  } catch (...) {  // a destructor must not throw; the copies go with the connection anyway
  }
  sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, nullptr);
}

std::optional<int64_t> ReportWriter::find_duplicate(const FileIdentity& f) {
  auto& st = st_->by_sha;
  st.bind(":sha256", f.sha256);
  st.bind(":root", f.root);
  st.bind(":path", f.path);
  std::optional<int64_t> id;
  if (st.statement().executeStep()) id = st.statement().getColumn(0).getInt64();
  st.statement().reset();
  return id;
}

std::optional<int64_t> ReportWriter::own_report(const FileIdentity& f) {
  auto& st = st_->own;
  st.bind(":root", f.root);
  st.bind(":path", f.path);
  std::optional<int64_t> id;
  if (st.statement().executeStep()) id = st.statement().getColumn(0).getInt64();
  st.statement().reset();
  return id;
}

void ReportWriter::delete_report(int64_t id) {
  st_->pend_deleted.bind(":id", id);
  st_->pend_deleted.exec_and_reset();
  st_->del.bind(":id", id);
  st_->del.exec_and_reset();
}

void ReportWriter::update_stat(const FileIdentity& f) {
  for (auto* st : {&st_->file_stat, &st_->report_stat}) {
    st->bind(":root", f.root);
    st->bind(":path", f.path);
    st->bind(":size", f.size);
    st->bind(":mtime_ns", f.mtime_ns);
    st->exec_and_reset();
  }
  clear_error(f.root, f.path);
}

void ReportWriter::mark_duplicate(const FileIdentity& f, int64_t of_report) {
  if (auto own = own_report(f)) delete_report(*own);
  upsert_file(f, "duplicate", of_report);
  clear_error(f.root, f.path);
}

ReportWriter::Written ReportWriter::write_report(const FileIdentity& f, const ReportRecord& r,
                                                const std::string& now) {
  // Looked up inside the write transaction, never from the walk's snapshot of `files`:
  // another ingest may have written this path while this one waited for the lock.
  const auto own = own_report(f);
  if (own) delete_report(*own);
  const Extraction& x = r.extraction;
  auto& rep = st_->report;
  rep.bind(":root", f.root);
  rep.bind(":path", f.path);
  rep.bind(":title", r.title);
  rep.bind(":published", r.published);
  rep.bind(":report_date", r.report_date);
  rep.bind(":broker", r.broker);
  rep.bind(":series", r.series);
  rep.bind(":url", r.url);
  rep.bind(":period_start", x.period_start);
  rep.bind(":period_end", x.period_end);
  rep.bind(":topic", x.topic);
  rep.bind(":summary", r.summary);
  rep.bind(":body", r.body);
  rep.bind(":sha256", f.sha256);
  rep.bind(":front_matter", r.front_matter_json);
  if (r.front_format.empty()) rep.bind_null(":front_format");
  else rep.bind(":front_format", r.front_format);
  rep.bind(":encoding", r.encoding);
  rep.bind(":size", f.size);
  rep.bind(":mtime_ns", f.mtime_ns);
  rep.bind(":parser_version", kParserVersion);
  rep.bind(":ingested_at", now);
  static const std::string kOther = "other";  // never NULL, even for a context that skipped extraction
  rep.bind(":kind", x.kind.empty() ? kOther : x.kind);
  rep.exec_and_reset();
  const int64_t id = db_.getLastInsertRowid();
  if (first_unindexed_id_ == 0) first_unindexed_id_ = id;
  if (first_written_id_ == 0) first_written_id_ = id;

  for (const auto& [kind, value] : r.tags) {
    st_->tag.bind(":report_id", id);
    st_->tag.bind(":kind", kind);
    st_->tag.bind(":value", value);
    st_->tag.exec_and_reset();
  }
  // Text is bound without a copy (RowStatement): what is computed here lives in these until
  // the statement has run.
  std::string alias_key;  // base name, a separator no name contains, code
  std::string exchange, pick_base;
  auto learn = [&](const std::string& name, const std::optional<std::string>& code) {
    if (!code || name.empty()) return;
    std::string base = base_name(name);
    alias_key.assign(base).append(1, '\x1f').append(*code);
    if (learned_aliases_.insert(alias_key).second) {
      st_->alias.bind(":base_name", base);
      st_->alias.bind(":code", *code);
      st_->alias.exec_and_reset();
      if (db_.getChanges() > 0) {  // new to the archive
        new_alias_names_.push_back(base);
        run_alias_names_.push_back(base);
      }
    }
    if (learned_codes_.insert(*code).second) {  // the first name printed with a code names it
      st_->security.bind(":code", *code);
      st_->security.bind(":name", name);
      exchange.assign(*code, code->size() - 2, std::string::npos);
      st_->security.bind(":exchange", exchange);
      st_->security.exec_and_reset();
    }
  };
  int seq = 0;
  for (const auto& v : x.indices) {
    auto& st = st_->index;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":name", v.name);
    st.bind(":raw_name", v.raw_name);
    st.bind(":period", v.period);
    st.bind(":close", v.close);
    st.bind(":change_pct", v.change_pct);
    bind_line(st, v.line);
    st.exec_and_reset();
  }
  seq = 0;
  for (const auto& v : x.movers) {
    auto& st = st_->mover;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":name", v.name);
    st.bind(":code", v.code);
    st.bind(":direction", v.direction);
    st.bind(":change_pct", v.change_pct);
    bind_line(st, v.line);
    st.exec_and_reset();
    learn(v.name, v.code);
  }
  seq = 0;
  for (const auto& v : x.news) {
    st_->news.bind(":report_id", id);
    st_->news.bind(":seq", ++seq);
    st_->news.bind(":text", v.text);
    bind_line(st_->news, v.line);
    st_->news.exec_and_reset();
  }
  seq = 0;
  for (const auto& v : x.events) {
    auto& st = st_->event;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":event_date", v.event_date);
    if (v.company.empty()) st.bind_null(":company");
    else st.bind(":company", v.company);
    st.bind(":code", v.code);
    st.bind(":text", v.text);
    bind_line(st, v.line);
    st.exec_and_reset();
    learn(v.company, v.code);
  }
  seq = 0;
  for (const auto& v : x.picks) {
    auto& st = st_->pick;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":theme", v.theme);
    st.bind(":name", v.name);
    pick_base = base_name(v.name);
    st.bind(":base_name", pick_base);
    st.bind(":code", v.code);
    if (v.code) st.bind(":code_source", "report");
    else st.bind_null(":code_source");
    st.bind(":kind", v.kind);
    st.bind(":rating", v.rating);
    bind_line(st, v.line);
    st.exec_and_reset();
    learn(v.name, v.code);
  }
  seq = 0;
  for (const auto& v : x.risks) {
    st_->risk.bind(":report_id", id);
    st_->risk.bind(":seq", ++seq);
    st_->risk.bind(":text", v.text);
    bind_line(st_->risk, v.line);
    st_->risk.exec_and_reset();
  }
  seq = 0;
  for (const auto& v : x.sectors) {
    auto& st = st_->sector;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":name", v.name);
    st.bind(":scheme", v.scheme);
    st.bind(":period", v.period);
    st.bind(":change_pct", v.change_pct);
    bind_line(st, v.line);
    st.exec_and_reset();
  }
  seq = 0;
  for (const auto& v : x.ratings) {
    auto& st = st_->rating;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":subject", v.subject);
    st.bind(":name", v.name);
    st.bind(":code", v.code);
    st.bind(":rating", v.rating);
    st.bind(":action", v.action);
    st.bind(":target_price", v.target_price);
    if (v.target_price) st.bind(":currency", v.currency);
    else st.bind_null(":currency");
    bind_line(st, v.line);
    st.exec_and_reset();
  }
  seq = 0;
  for (const auto& v : x.forecasts) {
    auto& st = st_->forecast;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":name", v.name);
    st.bind(":code", v.code);
    st.bind(":year", v.year);
    st.bind(":actual", v.actual ? 1 : 0);
    st.bind(":metric", v.metric);
    st.bind(":value", v.value);
    bind_line(st, v.line);
    st.exec_and_reset();
  }
  seq = 0;
  for (const auto& v : x.analysts) {
    auto& st = st_->analyst;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":name", v.name);
    st.bind(":license", v.license);
    st.bind(":email", v.email);
    bind_line(st, v.line);
    st.exec_and_reset();
  }

  upsert_file(f, "report", id);
  clear_error(f.root, f.path);
  return {id, own.has_value()};
}

bool ReportWriter::record_error(const FileIdentity& f, const std::string& message, int line,
                                const std::string& now) {
  // A file is read torn while it is being written, or becomes unreadable for a while: the
  // report of its last good read stays until a read succeeds (issue 13). Its `files` row
  // keeps the old size and mtime, which differ from the file's, so the next run reads it.
  auto& st = st_->file_status;
  st.bind(":root", f.root);
  st.bind(":path", f.path);
  bool kept = false;
  if (st.statement().executeStep()) {
    const std::string status = st.statement().getColumn(0).getString();
    kept = (status == "report" || status == "duplicate") && !st.statement().getColumn(1).isNull();
  }
  st.statement().reset();
  if (!kept) {
    if (auto own = own_report(f)) delete_report(*own);
    upsert_file(f, "error", std::nullopt);
  }
  record_skipped(f.root, f.path, message, now, line);
  return kept;
}

void ReportWriter::record_skipped(const std::string& root, const std::string& path, const std::string& message,
                                  const std::string& now, int line) {
  auto& e = st_->error;
  e.bind(":root", root);
  e.bind(":path", path);
  e.bind(":message", message);
  if (line > 0) e.bind(":line", line);
  else e.bind_null(":line");
  e.bind(":seen_at", now);
  e.exec_and_reset();
}

std::vector<std::string> ReportWriter::errors_without_file(const std::string& root) {
  auto& st = st_->errors_without_file;
  st.bind(":root", root);
  std::vector<std::string> out;
  while (st.statement().executeStep()) out.push_back(st.statement().getColumn(0).getString());
  st.statement().reset();
  return out;
}

std::optional<std::pair<std::string, int>> ReportWriter::stored_error(const std::string& root,
                                                                      const std::string& path) {
  auto& st = st_->error_for;
  st.bind(":root", root);
  st.bind(":path", path);
  std::optional<std::pair<std::string, int>> out;
  if (st.statement().executeStep()) out = {{st.statement().getColumn(0).getString(), st.statement().getColumn(1).getInt()}};
  st.statement().reset();
  return out;
}

void ReportWriter::index_new_reports() {
  if (first_unindexed_id_ != 0) {
    st_->pend_new.bind(":first_id", first_unindexed_id_);
    st_->pend_new.exec_and_reset();
    // What the INSERT triggers of the summaries do for other writers (migration 0017).
    st_->pending_new.bind(":first_id", first_unindexed_id_);
    st_->pending_new.exec_and_reset();
    first_unindexed_id_ = 0;
  }
  for (const std::string& base : new_alias_names_) {
    st_->learned_alias.bind(":base_name", base);
    st_->learned_alias.exec_and_reset();
  }
  new_alias_names_.clear();
  st_->search_index.run();
}

void ReportWriter::forget_file(const std::string& root, const std::string& path) {
  FileIdentity f{root, path, 0, 0, {}};
  if (auto own = own_report(f)) delete_report(*own);
  st_->delete_file.bind(":root", root);
  st_->delete_file.bind(":path", path);
  st_->delete_file.exec_and_reset();
  clear_error(root, path);
}

void ReportWriter::upsert_file(const FileIdentity& f, const char* status, std::optional<int64_t> report_id) {
  auto& st = st_->file;
  st.bind(":root", f.root);
  st.bind(":path", f.path);
  st.bind(":size", f.size);
  st.bind(":mtime_ns", f.mtime_ns);
  if (f.sha256.empty()) st.bind_null(":sha256");  // unreadable: no digest
  else st.bind(":sha256", f.sha256);
  st.bind(":status", status);
  if (report_id) st.bind(":report_id", *report_id);
  else st.bind_null(":report_id");
  st.exec_and_reset();
}

void ReportWriter::clear_error(const std::string& root, const std::string& path) {
  st_->clear_error.bind(":root", root);
  st_->clear_error.bind(":path", path);
  st_->clear_error.exec_and_reset();
}

}  // namespace yanbao
