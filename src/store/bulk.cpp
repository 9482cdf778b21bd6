#include "store/bulk.h"

#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/archive.h"
#include "store/statements.h"

namespace yanbao {
namespace {

std::vector<std::pair<std::string, std::string>> name_sql_rows(SQLite::Database& db, std::string_view statement) {
  std::vector<std::pair<std::string, std::string>> rows;
  SQLite::Statement st = prepare_statement(db, statement);
  while (st.executeStep()) rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
  return rows;
}

/// `"name"` with embedded quotes doubled: index names come from sqlite_schema, not users,
/// but DROP INDEX takes no parameters.
std::string quoted_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool worth_deferring_indexes(size_t incoming, size_t stored) {
  // Below a few thousand reports the per-row index inserts are cheap and the rebuild of a
  // large archive's indexes is not; the figures come from tools/bench (see BENCHMARKS.md).
  constexpr size_t kMinimum = 2000;
  return incoming >= kMinimum && incoming >= stored;
}

int defer_query_indexes(SQLite::Database& db) {
  SQLite::Statement remember = prepare_statement(db, "remember_deferred_index");
  int n = 0;
  for (const auto& [name, sql] : name_sql_rows(db, "query_only_indexes")) {
    remember.bind(":name", name);
    remember.bind(":sql", sql);
    exec_and_reset(remember);
    db.exec("DROP INDEX " + quoted_identifier(name));
    ++n;
  }
  return n;
}

int build_deferred_indexes(SQLite::Database& db, const std::function<void(int, int)>& on_index) {
  int n = 0;
  const auto deferred = name_sql_rows(db, "deferred_index_list");
  if (deferred.empty()) return 0;
  // CREATE INDEX sorts its keys in runs of cache_size bytes and merges them. Runs of 2 MiB
  // stay in the CPU's caches, which built the indexes faster than 32 MiB runs (BENCHMARKS.md,
  // session 4). The writer's size comes back after.
  const ScopedCacheSize small_runs(db, 2048);
  for (const auto& [name, sql] : deferred) {
    if (on_index) on_index(n, static_cast<int>(deferred.size()));
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // IF NOT EXISTS: a record can outlive its index only by hand-editing, but never fail on it.
    std::string create = sql;
    if (create.rfind("CREATE INDEX ", 0) == 0) create.insert(13, "IF NOT EXISTS ");
    db.exec(create);
    SQLite::Statement forget = prepare_statement(db, "forget_deferred_index");
    forget.bind(":name", name);
    forget.exec();
    tx.commit();
    ++n;
  }
  return n;
}

}  // namespace yanbao
