#pragma once
/// A user's own list of securities (`yanbao securities import FILE.csv`).
#include <cstdint>
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
/// now knows exactly one code for: every such row of the archive (reads every row without a
/// code). The caller owns the transaction.
void fill_learned_codes(SQLite::Database& db);

/// What a write may have made learnable: the base names that gained an alias, and the rows
/// of the reports it wrote.
struct LearnedScope {
  std::vector<std::string> names;  ///< base names given an alias new to the archive
  int64_t first_report_id = 0;     ///< the reports written have this id or above; 0: none written
};

/// The same result as fill_learned_codes(db) after a write described by `scope`, at the cost
/// of the rows that change: only the rows of the scope's names, of the names of rows without
/// a code in the reports written, and of the stock keys other tools' edits have marked for
/// the summaries (top_pick_stale) are read. A row that already has a code keeps it (a name
/// that gains a second code leaves earlier fills as they are). Falls back to the full pass
/// while query indexes are deferred (a bulk load), while the summaries are empty (nothing
/// marks other tools' edits), or when reports this write did not make wait for the
/// summaries (a run killed before its fill, or another tool's inserts). The caller owns the
/// transaction.
void fill_learned_codes(SQLite::Database& db, const LearnedScope& scope);

}  // namespace yanbao
