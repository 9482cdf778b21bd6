#pragma once
/// Bulk loads: the query-only indexes step aside while many reports are written.
#include <cstddef>
#include <functional>

#include <SQLiteCpp/Database.h>

namespace yanbao {

/// True when writing `incoming` reports into an archive that holds `stored` is cheaper with
/// the query-only indexes dropped and built again after (a first ingest, or one that adds
/// about as many reports again as the archive has).
bool worth_deferring_indexes(size_t incoming, size_t stored);

/// Records the definition of every query-only index (statement "query_only_indexes") in
/// deferred_indexes and drops it. Call inside a write transaction. Returns how many.
int defer_query_indexes(SQLite::Database& db);

/// Builds every index recorded in deferred_indexes and forgets the record, one index per
/// transaction so that a kill mid-way keeps what was built. A no-op when none is deferred.
/// Calls on_index(done, total) before each index (for a progress line). Returns how many
/// were built.
int build_deferred_indexes(SQLite::Database& db, const std::function<void(int, int)>& on_index = {});

}  // namespace yanbao
