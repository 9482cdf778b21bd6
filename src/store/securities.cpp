#include "store/securities.h"

#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <limits>
#include <optional>

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

namespace {

/// Where the code, name and exchange sit in a record, read from a header row.
struct Columns {
  int code = 0, name = 1, exchange = 2;
  bool fixed = true;  ///< no header: code,name[,exchange] by position, 2 or 3 fields
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// Recognizes the header rows of the lists people make with other tools: yanbao's own
/// (code,name[,exchange]), AKShare's stock_info_a_code_name (code,name), Tushare's stock_basic
/// (ts_code,symbol,name,…,exchange) and Chinese exports (代码/证券代码/股票代码, 名称/简称/…).
/// An unnamed first column (a pandas index written by to_csv) is ignored like any other.
std::optional<Columns> header_columns(const std::vector<std::string>& f) {
  Columns c{-1, -1, -1, false};
  int symbol = -1;
  for (int i = 0; i < static_cast<int>(f.size()); ++i) {
    std::string h = lower_ascii(f[static_cast<size_t>(i)]);
    if (c.code < 0 && (h == "ts_code" || h == "code" || h == "代码" || h == "证券代码" || h == "股票代码"))
      c.code = i;
    else if (symbol < 0 && h == "symbol")
      symbol = i;
    else if (c.name < 0 && (h == "name" || h == "名称" || h == "简称" || h == "证券简称" || h == "股票简称" ||
                            h == "股票名称" || h == "证券名称"))
      c.name = i;
    else if (c.exchange < 0 && (h == "exchange" || h == "交易所" || h == "市场代码"))
      c.exchange = i;
  }
  if (c.code < 0) c.code = symbol;  // Tushare without ts_code: symbol is the bare code
  if (c.code < 0 || c.name < 0) return std::nullopt;
  return c;
}

/// Exchange names as the tools write them: SH/SZ/BJ/HK, Tushare's SSE/SZSE/BSE/HKEX, 上交所….
std::string exchange_suffix(std::string_view e) {
  std::string up;
  for (char ch : e) up += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  if (up == "SSE" || up == "上交所" || up == "上海" || up == "上海证券交易所") return "SH";
  if (up == "SZSE" || up == "深交所" || up == "深圳" || up == "深圳证券交易所") return "SZ";
  if (up == "BSE" || up == "北交所" || up == "北京证券交易所") return "BJ";
  if (up == "HKEX" || up == "港交所" || up == "香港") return "HK";
  return up;
}

bool all_ascii_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

SecurityCsv parse_securities_csv(std::string_view text) {
  SecurityCsv out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t pos = 0;
  int line = 1;
  Columns cols;
  bool first = true;
  while (pos < text.size()) {
    int record_line = line, newlines = 0;
    auto f = next_record(text, pos, newlines);
    line += newlines;
    for (auto& v : f) v = std::string(trim(v));
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    if (first) {
      first = false;
      if (auto h = header_columns(f)) {
        cols = *h;
        continue;
      }
    }
    auto err = [&](const std::string& why) { out.errors.push_back("line " + std::to_string(record_line) + ": " + why); };
    if (cols.fixed && (f.size() < 2 || f.size() > 3)) {
      err("expected code,name[,exchange], found " + std::to_string(f.size()) + " field(s)");
      continue;
    }
    auto field = [&](int i) -> std::string { return i >= 0 && i < static_cast<int>(f.size()) ? f[static_cast<size_t>(i)] : ""; };
    std::string raw_code = field(cols.code), name = field(cols.name), exchange = exchange_suffix(field(cols.exchange));
    if (!exchange.empty() && raw_code.find('.') == std::string::npos) raw_code += "." + exchange;
    // A-share codes have six digits; five with a leading zero is how lists write Hong Kong
    // codes (AKShare's 港股 list: 00700). A spreadsheet that lost zeros leaves fewer ("1").
    if (exchange.empty() && raw_code.size() == 5 && raw_code[0] == '0' && all_ascii_digits(raw_code)) raw_code += ".HK";
    auto code = normalize_code(raw_code);
    if (!code) {
      std::string why = "not a stock code: '" + field(cols.code) + "'";
      // A spreadsheet that read the codes as numbers drops their leading zeros (000001 -> 1).
      if (std::string c = field(cols.code); all_ascii_digits(c) && c.size() < 6 &&
                                             normalize_code(std::string(6 - c.size(), '0') + c + (exchange.empty() ? "" : "." + exchange)))
        why += " (leading zeros lost? keep the code column as text)";
      err(why);
      continue;
    }
    if (name.empty()) {
      err("empty name for " + *code);
      continue;
    }
    out.rows.push_back({*code, name, code->substr(code->size() - 2)});
  }
  return out;
}

namespace {

/// A filled code never moves a pick to another stock key (it is the base name's only alias,
/// which was its key already), so the summaries' triggers have nothing to mark: off while
/// `fill` runs, or they would fire once per filled row (3,000+ rows for a well-known stock).
/// Already off on the ingest writer's connection.
template <class Fill>
void without_triggers(SQLite::Database& db, Fill fill) {
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
  fill();
}

void fill_every_learned_code(SQLite::Database& db) {
  db.exec(std::string(sql_statement("fill_learned_codes")));
  db.exec(std::string(sql_statement("fill_learned_mover_codes")));
  db.exec(std::string(sql_statement("fill_learned_event_codes")));
}

}  // namespace

void fill_learned_codes(SQLite::Database& db) {
  without_triggers(db, [&] { fill_every_learned_code(db); });
}

void fill_learned_codes(SQLite::Database& db, const LearnedScope& scope) {
  {
    SQLite::Statement full(db, std::string(sql_statement("learning_full_pass_needed")));
    full.bind(":first_id", scope.first_report_id > 0 ? scope.first_report_id : std::numeric_limits<int64_t>::max());
    full.executeStep();
    if (full.getColumn(0).getInt()) {
      full.reset();
      fill_learned_codes(db);
      return;
    }
  }
  db.exec(std::string(sql_statement("learning_names_table")));
  db.exec(std::string(sql_statement("learning_names_clear")));
  {
    SQLite::Statement name(db, std::string(sql_statement("learning_name")));
    for (const auto& n : scope.names) {
      name.bind(":base_name", n);
      name.exec();
      name.reset();
    }
  }
  if (scope.first_report_id > 0) {
    SQLite::Statement rows(db, std::string(sql_statement("learning_names_of_new_rows")));
    rows.bind(":first_id", static_cast<int64_t>(scope.first_report_id));
    rows.exec();
  }
  db.exec(std::string(sql_statement("learning_names_of_stale_keys")));
  without_triggers(db, [&] {
    db.exec(std::string(sql_statement("learnable_names_table")));
    db.exec(std::string(sql_statement("learnable_names_clear")));
    db.exec(std::string(sql_statement("learnable_names_of_scope")));
    db.exec(std::string(sql_statement("fill_learned_codes_of_names")));
    db.exec(std::string(sql_statement("fill_learned_mover_codes_of_names")));
    db.exec(std::string(sql_statement("fill_learned_event_codes_of_names")));
  });
  db.exec(std::string(sql_statement("learning_names_clear")));
}

void import_securities(SQLite::Database& db, const std::vector<SecurityRow>& rows) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement sec(db, std::string(sql_statement("import_security")));
  SQLite::Statement alias(db, std::string(sql_statement("import_alias")));
  LearnedScope learned;
  for (const auto& r : rows) {
    sec.bind(":code", r.code);
    sec.bind(":name", r.name);
    sec.bind(":exchange", r.exchange);
    sec.exec();
    sec.reset();
    alias.bind(":base_name", base_name(r.name));
    alias.bind(":code", r.code);
    if (alias.exec() > 0) learned.names.push_back(base_name(r.name));  // new to the archive
    alias.reset();
  }
  fill_learned_codes(db, learned);
  refresh_query_summaries(db);
  tx.commit();
}

}  // namespace yanbao
