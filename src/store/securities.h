#pragma once
/// A user's own list of securities (`yanbao securities import FILE.csv`).
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace yanbao {

struct SecurityRow {
  std::string code;      ///< canonical
  std::string name;
  std::string exchange;  ///< SH | SZ | BJ | HK
};

struct SecurityCsv {
  std::vector<SecurityRow> rows;
  std::vector<std::string> errors;  ///< "line N: reason"
};

/// Parses CSV text (quoted fields per RFC 4180). A header row tells the columns: yanbao's
/// code,name[,exchange], AKShare's code,name, Tushare's ts_code/symbol,name[,exchange], or
/// 代码/证券代码 with 名称/简称/证券简称…, in any order among other columns. Without a header,
/// rows are code,name[,exchange] by position. A code in any common form is canonicalized
/// (600519, SH600519, 0700.HK; exchanges as SH/SSE/上交所…); a row whose code or exchange is
/// invalid, or whose name is empty, is reported by its 1-based line number and skipped.
SecurityCsv parse_securities_csv(std::string_view text);

/// Upserts rows into securities and their base names into security_aliases, then gives
/// codes to stored picks, movers and events that now have exactly one match. One transaction.
void import_securities(SQLite::Database& db, const std::vector<SecurityRow>& rows);

/// Gives codes to picks, movers and events stored without one whose base name the archive
/// now knows exactly one code for. The caller owns the transaction.
void fill_learned_codes(SQLite::Database& db);

}  // namespace yanbao
