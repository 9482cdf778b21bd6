#include "store/writer.h"

#include "extract/codes.h"
#include "extract/extract.h"
#include "store/archive.h"
#include "store/statements.h"

namespace yanbao {

struct ReportWriter::Statements {
  SQLite::Statement by_sha, own, del, report, tag, index, mover, news, event, pick, risk, alias, security,
      file, error, clear_error, error_for, delete_file, index_new, file_stat, report_stat;
  explicit Statements(SQLite::Database& db)
      : by_sha(prepare_statement(db, "report_by_sha256")),
        own(prepare_statement(db, "own_report")),
        del(prepare_statement(db, "delete_report")),
        report(prepare_statement(db, "insert_report")),
        tag(prepare_statement(db, "insert_tag")),
        index(prepare_statement(db, "insert_index")),
        mover(prepare_statement(db, "insert_mover")),
        news(prepare_statement(db, "insert_news")),
        event(prepare_statement(db, "insert_event")),
        pick(prepare_statement(db, "insert_pick")),
        risk(prepare_statement(db, "insert_risk")),
        alias(prepare_statement(db, "learn_alias")),
        security(prepare_statement(db, "learn_security")),
        file(prepare_statement(db, "upsert_file")),
        error(prepare_statement(db, "upsert_error")),
        clear_error(prepare_statement(db, "clear_error")),
        error_for(prepare_statement(db, "error_for")),
        delete_file(prepare_statement(db, "delete_file")),
        index_new(prepare_statement(db, "index_new_reports")),
        file_stat(prepare_statement(db, "update_file_stat")),
        report_stat(prepare_statement(db, "update_report_stat")) {}
};

ReportWriter::ReportWriter(SQLite::Database& db) : db_(db), st_(std::make_unique<Statements>(db)) {
  set_fts_batching(true);
}
ReportWriter::~ReportWriter() { set_fts_batching(false); }

std::optional<int64_t> ReportWriter::find_duplicate(const FileIdentity& f) {
  auto& st = st_->by_sha;
  st.bind(":sha256", f.sha256);
  st.bind(":root", f.root);
  st.bind(":path", f.path);
  std::optional<int64_t> id;
  if (st.executeStep()) id = st.getColumn(0).getInt64();
  st.reset();
  return id;
}

std::optional<int64_t> ReportWriter::own_report(const FileIdentity& f) {
  auto& st = st_->own;
  st.bind(":root", f.root);
  st.bind(":path", f.path);
  std::optional<int64_t> id;
  if (st.executeStep()) id = st.getColumn(0).getInt64();
  st.reset();
  return id;
}

void ReportWriter::delete_report(int64_t id) {
  st_->del.bind(":id", id);
  exec_and_reset(st_->del);
}

void ReportWriter::update_stat(const FileIdentity& f) {
  for (auto* st : {&st_->file_stat, &st_->report_stat}) {
    st->bind(":root", f.root);
    st->bind(":path", f.path);
    st->bind(":size", f.size);
    st->bind(":mtime_ns", f.mtime_ns);
    exec_and_reset(*st);
  }
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
  bind_optional(rep, ":title", r.title);
  bind_optional(rep, ":published", r.published);
  bind_optional(rep, ":report_date", r.report_date);
  bind_optional(rep, ":broker", r.broker);
  bind_optional(rep, ":series", r.series);
  bind_optional(rep, ":url", r.url);
  bind_optional(rep, ":period_start", x.period_start);
  bind_optional(rep, ":period_end", x.period_end);
  bind_optional(rep, ":topic", x.topic);
  bind_optional(rep, ":summary", r.summary);
  rep.bindNoCopy(":body", r.body);  // lives until the statement is reset
  rep.bind(":sha256", f.sha256);
  rep.bindNoCopy(":front_matter", r.front_matter_json);
  if (r.front_format.empty()) rep.bind(":front_format");
  else rep.bind(":front_format", r.front_format);
  rep.bind(":encoding", r.encoding);
  rep.bind(":size", f.size);
  rep.bind(":mtime_ns", f.mtime_ns);
  rep.bind(":parser_version", kParserVersion);
  rep.bind(":ingested_at", now);
  exec_and_reset(rep);
  const int64_t id = db_.getLastInsertRowid();
  if (first_unindexed_id_ == 0) first_unindexed_id_ = id;

  for (const auto& [kind, value] : r.tags) {
    st_->tag.bind(":report_id", id);
    st_->tag.bind(":kind", kind);
    st_->tag.bind(":value", value);
    exec_and_reset(st_->tag);
  }
  std::string alias_key;  // base name, a separator no name contains, code
  auto learn = [&](const std::string& name, const std::optional<std::string>& code) {
    if (!code || name.empty()) return;
    std::string base = base_name(name);
    alias_key.assign(base).append(1, '\x1f').append(*code);
    if (learned_aliases_.insert(alias_key).second) {
      st_->alias.bind(":base_name", base);
      st_->alias.bind(":code", *code);
      exec_and_reset(st_->alias);
    }
    if (learned_codes_.insert(*code).second) {  // the first name printed with a code names it
      st_->security.bind(":code", *code);
      st_->security.bind(":name", name);
      st_->security.bind(":exchange", code->substr(code->size() - 2));
      exec_and_reset(st_->security);
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
    bind_optional(st, ":close", v.close);
    bind_optional(st, ":change_pct", v.change_pct);
    exec_and_reset(st);
  }
  seq = 0;
  for (const auto& v : x.movers) {
    auto& st = st_->mover;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    st.bind(":name", v.name);
    bind_optional(st, ":code", v.code);
    st.bind(":direction", v.direction);
    bind_optional(st, ":change_pct", v.change_pct);
    exec_and_reset(st);
    learn(v.name, v.code);
  }
  seq = 0;
  for (const auto& v : x.news) {
    st_->news.bind(":report_id", id);
    st_->news.bind(":seq", ++seq);
    st_->news.bind(":text", v.text);
    exec_and_reset(st_->news);
  }
  seq = 0;
  for (const auto& v : x.events) {
    auto& st = st_->event;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    bind_optional(st, ":event_date", v.event_date);
    if (v.company.empty()) st.bind(":company");
    else st.bind(":company", v.company);
    bind_optional(st, ":code", v.code);
    st.bind(":text", v.text);
    exec_and_reset(st);
    learn(v.company, v.code);
  }
  seq = 0;
  for (const auto& v : x.picks) {
    auto& st = st_->pick;
    st.bind(":report_id", id);
    st.bind(":seq", ++seq);
    bind_optional(st, ":theme", v.theme);
    st.bind(":name", v.name);
    st.bind(":base_name", base_name(v.name));
    bind_optional(st, ":code", v.code);
    if (v.code) st.bind(":code_source", "report");
    else st.bind(":code_source");
    st.bind(":kind", v.kind);
    bind_optional(st, ":rating", v.rating);
    exec_and_reset(st);
    learn(v.name, v.code);
  }
  seq = 0;
  for (const auto& v : x.risks) {
    st_->risk.bind(":report_id", id);
    st_->risk.bind(":seq", ++seq);
    st_->risk.bind(":text", v.text);
    exec_and_reset(st_->risk);
  }

  upsert_file(f, "report", id);
  clear_error(f.root, f.path);
  return {id, own.has_value()};
}

void ReportWriter::record_error(const FileIdentity& f, const std::string& message, int line,
                                const std::string& now) {
  if (auto own = own_report(f)) delete_report(*own);
  upsert_file(f, "error", std::nullopt);
  auto& e = st_->error;
  e.bind(":root", f.root);
  e.bind(":path", f.path);
  e.bind(":message", message);
  if (line > 0) e.bind(":line", line);
  else e.bind(":line");
  e.bind(":seen_at", now);
  exec_and_reset(e);
}

std::optional<std::pair<std::string, int>> ReportWriter::stored_error(const std::string& root,
                                                                      const std::string& path) {
  auto& st = st_->error_for;
  st.bind(":root", root);
  st.bind(":path", path);
  std::optional<std::pair<std::string, int>> out;
  if (st.executeStep()) out = {{st.getColumn(0).getString(), st.getColumn(1).getInt()}};
  st.reset();
  return out;
}

void ReportWriter::index_new_reports() {
  if (first_unindexed_id_ == 0) return;
  st_->index_new.bind(":first_id", first_unindexed_id_);
  exec_and_reset(st_->index_new);
  first_unindexed_id_ = 0;
}

void ReportWriter::forget_file(const std::string& root, const std::string& path) {
  FileIdentity f{root, path, 0, 0, {}};
  if (auto own = own_report(f)) delete_report(*own);
  st_->delete_file.bind(":root", root);
  st_->delete_file.bind(":path", path);
  exec_and_reset(st_->delete_file);
  clear_error(root, path);
}

void ReportWriter::upsert_file(const FileIdentity& f, const char* status, std::optional<int64_t> report_id) {
  auto& st = st_->file;
  st.bind(":root", f.root);
  st.bind(":path", f.path);
  st.bind(":size", f.size);
  st.bind(":mtime_ns", f.mtime_ns);
  if (f.sha256.empty()) st.bind(":sha256");  // unreadable: no digest
  else st.bind(":sha256", f.sha256);
  st.bind(":status", status);
  if (report_id) st.bind(":report_id", *report_id);
  else st.bind(":report_id");
  exec_and_reset(st);
}

void ReportWriter::clear_error(const std::string& root, const std::string& path) {
  st_->clear_error.bind(":root", root);
  st_->clear_error.bind(":path", path);
  exec_and_reset(st_->clear_error);
}

}  // namespace yanbao
