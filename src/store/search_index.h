#pragma once
/// Keeping reports_fts up to date (migration 0016, schema/search.md). reports_fts indexes
/// segmented text, which plain SQL cannot produce, so the triggers on reports only list the
/// changed reports in reports_fts_pending; yanbao indexes them here.
#include <cstdint>

#include <SQLiteCpp/Database.h>

#include "store/statements.h"

namespace yanbao {

/// How many reports wait for the index (0 on archives before version 16).
int64_t pending_search_updates(SQLite::Database& db);

/// Brings reports_fts up to date with reports_fts_pending and empties it, in three
/// statements (FTS5 writes an index segment per statement, so never one per report). Runs
/// inside the caller's transaction; the connection needs yanbao's functions (store/fts.h).
class SearchIndexUpdater {
 public:
  explicit SearchIndexUpdater(SQLite::Database& db);
  void run();

 private:
  RowStatement unindex_, index_, clear_;
};

}  // namespace yanbao
