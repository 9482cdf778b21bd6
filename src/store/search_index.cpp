#include "store/search_index.h"

namespace yanbao {

int64_t pending_search_updates(SQLite::Database& db) {
  if (!db.tableExists("reports_fts_pending")) return 0;
  return db.execAndGet("SELECT count(*) FROM reports_fts_pending").getInt64();
}

SearchIndexUpdater::SearchIndexUpdater(SQLite::Database& db)
    : unindex_(db, "unindex_pending"), index_(db, "index_pending"), clear_(db, "clear_pending") {}

void SearchIndexUpdater::run() {
  // Removals first: an id deleted and then reused (a report replaced) is in both steps.
  unindex_.exec_and_reset();
  index_.exec_and_reset();
  clear_.exec_and_reset();
}

}  // namespace yanbao
