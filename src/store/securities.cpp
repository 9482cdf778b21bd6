#include "store/securities.h"

#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "extract/codes.h"
#include "extract/meta.h"
#include "store/statements.h"
#include "store/summaries.h"

namespace yanbao {
namespace {

/// Splits one CSV record starting at pos (RFC 4180 quoting; a quoted field may span lines).
/// Advances pos past the record and counts the newlines consumed.
std::vector<std::string> next_record(std::string_view text, size_t& pos, int& newlines) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  while (pos < text.size()) {
    char c = text[pos++];
    if (quoted) {
      if (c == '"' && pos < text.size() && text[pos] == '"') {
        fields.back() += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++newlines;
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++newlines;
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

}  // namespace

SecurityCsv parse_securities_csv(std::string_view text) {
  SecurityCsv out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t pos = 0;
  int line = 1;
  while (pos < text.size()) {
    int record_line = line, newlines = 0;
    auto f = next_record(text, pos, newlines);
    line += newlines;
    for (auto& v : f) v = std::string(trim(v));
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    if (record_line == 1 && (f[0] == "code" || f[0] == "代码")) continue;
    auto err = [&](const std::string& why) { out.errors.push_back("line " + std::to_string(record_line) + ": " + why); };
    if (f.size() < 2 || f.size() > 3) {
      err("expected code,name[,exchange], found " + std::to_string(f.size()) + " field(s)");
      continue;
    }
    std::string raw_code = f[0];
    if (f.size() == 3 && !f[2].empty() && raw_code.find('.') == std::string::npos) raw_code += "." + f[2];
    auto code = normalize_code(raw_code);
    if (!code) {
      err("not a stock code: '" + f[0] + "'");
      continue;
    }
    if (f[1].empty()) {
      err("empty name for " + *code);
      continue;
    }
    std::string exchange = code->substr(code->size() - 2);
    out.rows.push_back({*code, f[1], exchange});
  }
  return out;
}

void fill_learned_codes(SQLite::Database& db) {
  // A filled code never moves a pick to another stock key (it is the base name's only alias,
  // which was its key already), so the summaries' triggers have nothing to mark: off, or they
  // would fire once per filled row (3,000+ rows for a well-known stock). Already off on the
  // ingest writer's connection.
  int was = 1;
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &was);
  struct Restore {
    sqlite3* handle;
    int was;
    ~Restore() {
      if (was) sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, nullptr);
    }
  } restore{db.getHandle(), was};
  if (was) sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  db.exec(std::string(sql_statement("fill_learned_codes")));
  db.exec(std::string(sql_statement("fill_learned_mover_codes")));
  db.exec(std::string(sql_statement("fill_learned_event_codes")));
}

void import_securities(SQLite::Database& db, const std::vector<SecurityRow>& rows) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement sec(db, std::string(sql_statement("import_security")));
  SQLite::Statement alias(db, std::string(sql_statement("import_alias")));
  for (const auto& r : rows) {
    sec.bind(":code", r.code);
    sec.bind(":name", r.name);
    sec.bind(":exchange", r.exchange);
    sec.exec();
    sec.reset();
    alias.bind(":base_name", base_name(r.name));
    alias.bind(":code", r.code);
    alias.exec();
    alias.reset();
  }
  fill_learned_codes(db);
  refresh_query_summaries(db);
  tx.commit();
}

}  // namespace yanbao
