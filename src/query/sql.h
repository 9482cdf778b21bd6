#pragma once
/// Running user-supplied SQL safely against an archive: one read-only statement, no ATTACH,
/// no writing PRAGMAs, no extensions, parameters always bound (never spliced).
#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "query/output.h"

struct sqlite3;

namespace yanbao {

/// Parameter values by name (without the leading ':', '@' or '$').
using Params = std::map<std::string, Value>;

struct RunOptions {
  /// Every given parameter must appear in the statement (ad-hoc `yanbao query`); canned
  /// queries pass derived parameters they may not use, so they turn this off.
  bool reject_unused = true;
  /// Word used in messages for a missing parameter: "give -p NAME=VALUE" or "--param".
  std::string param_hint = "-p NAME=VALUE";
};

/// One read transaction on `db` for the guard's lifetime: every statement run meanwhile
/// reads the same snapshot of the archive (a canned query's lets, total, sections and rows
/// agree even while an ingest commits), and SQLite takes its read lock once instead of per
/// statement. Does nothing when a transaction is already open; never writes.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite3* db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sqlite3* db_;
  bool began_ = false;
};

/// Turns off extension loading and ATTACH on a connection for good (sqlite3_db_config,
/// sqlite3_limit), and sets how it reads pages (no memory map, a 512 KiB cache). Idempotent.
void harden_connection(sqlite3* db);

/// Prepares `sql` under an authorizer that denies ATTACH/DETACH, PRAGMAs other than
/// documented read-only ones, and load_extension(); refuses anything but exactly one
/// statement and any statement for which sqlite3_stmt_readonly() is false; binds `params`
/// by name; and collects the rows. Refusals and SQL errors in the text (syntax, unknown
/// table, missing or unknown parameter) throw UsageError (exit 2); failures while running
/// throw FatalError (exit 1).
ResultSet run_readonly_sql(sqlite3* db, std::string_view sql, const Params& params, const RunOptions& opt = {});

/// The same checks, for streaming: a prepared, checked and bound statement, finalized on
/// destruction. Construction throws as run_readonly_sql does.
class ReadonlyStatement {
 public:
  ReadonlyStatement(sqlite3* db, std::string_view sql, const Params& params, const RunOptions& opt = {});
  ~ReadonlyStatement();
  ReadonlyStatement(const ReadonlyStatement&) = delete;
  ReadonlyStatement& operator=(const ReadonlyStatement&) = delete;

  /// All rows (errors while stepping mapped like run_readonly_sql's).
  ResultSet collect();
  /// Rows written as they come (write_statement), errors mapped the same way. Returns the
  /// number of rows.
  size_t write(std::ostream& out, std::ostream& err, const OutputOptions& opt);

 private:
  [[noreturn]] void step_failed(const std::runtime_error& e) const;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

}  // namespace yanbao
