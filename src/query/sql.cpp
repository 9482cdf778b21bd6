#include "query/sql.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "util/suggest.h"
#include "util/error.h"

namespace yanbao {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// PRAGMAs that only read, whatever their argument (the argument names a table or schema).
const std::set<std::string>& pragmas_reading_with_arg() {
  static const std::set<std::string> s = {"table_info",   "table_xinfo",       "index_list",
                                          "index_info",   "index_xinfo",       "foreign_key_list",
                                          "foreign_key_check", "integrity_check", "quick_check",
                                          "table_list"};
  return s;
}

/// PRAGMAs that read a setting when given no argument (with one they would set it).
const std::set<std::string>& pragmas_reading_without_arg() {
  static const std::set<std::string> s = {
      "application_id", "auto_vacuum",    "collation_list", "compile_options", "data_version",
      "database_list",  "encoding",       "foreign_keys",   "freelist_count",  "function_list",
      "journal_mode",   "module_list",    "page_count",     "page_size",       "pragma_list",
      "schema_version", "user_version",   "cache_size",     "busy_timeout",    "query_only",
      "max_page_count", "recursive_triggers"};
  return s;
}

struct AuthState {
  std::string denied;  ///< why the last statement was refused
  /// The statement is one PRAGMA in its reading form and nothing else. SQLite calls some
  /// of those (journal_mode) not read-only whatever their form, which refused
  /// `PRAGMA journal_mode`; the authorizer knows the form.
  bool reading_pragma = false;
  bool other_actions = false;
};

int authorize(void* user, int action, const char* a3, const char* a4, const char*, const char*) {
  auto* st = static_cast<AuthState*>(user);
  if (action != SQLITE_PRAGMA) st->other_actions = true;
  switch (action) {
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      st->denied = "ATTACH and DETACH are not allowed: yanbao query reads only the archive";
      return SQLITE_DENY;
    case SQLITE_PRAGMA: {
      std::string name = lower(a3 ? a3 : "");
      if (pragmas_reading_with_arg().count(name)) return SQLITE_OK;
      if (!a4 && pragmas_reading_without_arg().count(name)) {
        st->reading_pragma = true;
        return SQLITE_OK;
      }
      st->denied = "PRAGMA " + name + (a4 ? " with a value" : "") +
                   " is not allowed: only PRAGMAs that read (table_info, user_version, …) are";
      return SQLITE_DENY;
    }
    case SQLITE_FUNCTION: {
      std::string name = lower(a4 ? a4 : "");
      if (name == "load_extension") {
        st->denied = "load_extension() is not allowed";
        return SQLITE_DENY;
      }
      return SQLITE_OK;
    }
    default:
      return SQLITE_OK;
  }
}

/// Only whitespace and comments left?
bool is_blank_sql(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ';') {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.substr(i, 2) == "/*") {
      auto end = s.find("*/", i + 2);
      if (end == std::string_view::npos) return true;  // an unterminated comment is a comment
      i = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

struct StmtGuard {
  sqlite3_stmt* stmt = nullptr;
  ~StmtGuard() { sqlite3_finalize(stmt); }
};

struct AuthGuard {
  sqlite3* db;
  AuthState state;
  explicit AuthGuard(sqlite3* d) : db(d) { sqlite3_set_authorizer(db, authorize, &state); }
  ~AuthGuard() { sqlite3_set_authorizer(db, nullptr, nullptr); }
};

}  // namespace

void harden_connection(sqlite3* db) {
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
  // Reading: pages come through read() into a small cache of 32 pages, not through a memory
  // map, and not into a large cache. A query touches a few hundred scattered pages once or
  // twice; what costs is memory the process touches for the first time (a page table for
  // each new 2 MB of a map, a fresh buffer for each new cached page), not copying a page the
  // OS already holds. Below 32 pages, pick-history --all re-reads its working set.
  // (BENCHMARKS.md, "Session 10: reading pages".)
  sqlite3_exec(db, "PRAGMA mmap_size = 0; PRAGMA cache_size = -512", nullptr, nullptr, nullptr);
}

ReadSnapshot::ReadSnapshot(sqlite3* db) : db_(db) {
  // BEGIN DEFERRED takes no lock: the snapshot starts at the first read.
  if (sqlite3_get_autocommit(db_)) began_ = sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
}

ReadSnapshot::~ReadSnapshot() {
  if (began_ && !sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
}

ReadonlyStatement::ReadonlyStatement(sqlite3* db, std::string_view sql, const Params& params, const RunOptions& opt)
    : sql_(sql) {
  harden_connection(db);
  StmtGuard g;
  const char* tail = nullptr;
  bool reading_pragma = false;
  {
    AuthGuard auth(db);
    int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &g.stmt, &tail);
    if (rc != SQLITE_OK) {
      if (!auth.state.denied.empty()) throw UsageError(auth.state.denied);
      throw UsageError(std::string("SQL error: ") + sqlite3_errmsg(db));
    }
    if (!g.stmt) throw UsageError("no SQL statement given");
    std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
    if (!is_blank_sql(rest))
      throw UsageError("only one SQL statement at a time (found more after the first ';')");
    reading_pragma = auth.state.reading_pragma && !auth.state.other_actions;
  }
  if (!sqlite3_stmt_readonly(g.stmt) && !reading_pragma)
    throw UsageError("refusing a statement that writes: yanbao query only reads the archive");
  // Names the statement uses; unknown given names and missing ones are usage errors.
  std::vector<std::string> used;
  int n = sqlite3_bind_parameter_count(g.stmt);
  for (int i = 1; i <= n; ++i) {
    const char* raw = sqlite3_bind_parameter_name(g.stmt, i);
    if (!raw || raw[0] == '?')
      throw UsageError("use named parameters (:name) in SQL, not '?'; give them with " + opt.param_hint);
    used.emplace_back(raw + 1);
  }
  if (opt.reject_unused) {
    for (const auto& [k, v] : params) {
      if (std::find(used.begin(), used.end(), k) != used.end()) continue;
      throw UsageError(UserMessage{"unknown parameter '" + k + "': the SQL does not use :" + k, {}, closest_match(k, used), {}});
    }
  }
  for (int i = 1; i <= n; ++i) {
    const std::string& name = used[static_cast<size_t>(i - 1)];
    auto it = params.find(name);
    if (it == params.end()) {
      std::vector<std::string> given;
      for (const auto& [k, v] : params) given.push_back(k);
      throw UsageError(UserMessage{"missing parameter '" + name + "'", {}, closest_match(name, given), "give " + opt.param_hint});
    }
    const Value& v = it->second;
    int brc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v))
      brc = sqlite3_bind_null(g.stmt, i);
    else if (const auto* iv = std::get_if<std::int64_t>(&v))
      brc = sqlite3_bind_int64(g.stmt, i, *iv);
    else if (const auto* dv = std::get_if<double>(&v))
      brc = sqlite3_bind_double(g.stmt, i, *dv);
    else {
      const auto& s = std::get<std::string>(v);
      brc = sqlite3_bind_text(g.stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (brc != SQLITE_OK) throw FatalError("cannot bind :" + name + ": " + sqlite3_errmsg(db));
  }
  stmt_ = g.stmt;
  g.stmt = nullptr;
}

ReadonlyStatement::~ReadonlyStatement() { sqlite3_finalize(stmt_); }

void ReadonlyStatement::step_failed(const std::runtime_error& e) const {
  std::string what = e.what();
  std::string upper(sql_);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // A malformed search expression (--raw, or MATCH in ad-hoc SQL) is the user's text; the
  // statement tells, not SQLite's wording of the error.
  if (upper.find("MATCH") != std::string::npos) throw SearchSyntaxError("search syntax error: " + what);
  throw SqlStepError("SQL error: " + what);
}

ResultSet ReadonlyStatement::collect() {
  try {
    return collect_rows(stmt_);
  } catch (const std::runtime_error& e) {
    step_failed(e);
  }
}

size_t ReadonlyStatement::write(std::ostream& out, std::ostream& err, const OutputOptions& opt) {
  try {
    return write_statement(out, err, stmt_, opt);
  } catch (const std::invalid_argument&) {
    throw;
  } catch (const std::runtime_error& e) {
    step_failed(e);
  }
}

ResultSet run_readonly_sql(sqlite3* db, std::string_view sql, const Params& params, const RunOptions& opt) {
  ReadonlyStatement st(db, sql, params, opt);
  return st.collect();
}

}  // namespace yanbao
