#pragma once
/// The query summary tables of migration 0008 and after (schema/schema.md, "Query
/// summaries"): top_picks, top_pick_brokers, top_pick_names, pick_series, top_pick_months
/// and index_days, which let top-picks, index-history and pick-history answer without
/// reading every pick or index row.
#include <cstdint>
#include <functional>
#include <memory>

#include <SQLiteCpp/Database.h>

namespace yanbao {

/// Every row a rebuild from scratch writes, computed ahead (compute_summary_rows).
struct SummaryRows;

enum class SummaryRefresh {
  kAuto,         ///< from scratch when a quarter of the reports is pending or the stale keys
                 ///< hold half of the counted reports
  kIncremental,  ///< always count the pending reports, stale keys and stale days
  kFromScratch   ///< always rebuild every summary in one pass (tests compare the two)
};

/// Adds every pending (new) report (query_summary_pending) into the summary tables and
/// recomputes every stock key (top_pick_stale) and index day (index_day_stale) that a change
/// marked, from the base tables; then empties the three lists. Incremental: the work is
/// proportional to the new reports and to the picks of the marked keys; with nothing marked
/// it costs two lookups. When most of the archive is pending
/// (a first ingest) it rebuilds everything in one streaming pass instead. Opens its own
/// transaction unless one is open. A no-op on an archive older than schema version 8.
///
/// A rebuild from scratch writes `precomputed` (rows from compute_summary_rows, when not
/// null) instead of computing the rows itself, provided no other connection has committed
/// since `version` (summary_data_version) was read on `db`; else it computes them as usual.
/// `db` itself must not have changed the base tables since (its own commits do not move
/// data_version).
void refresh_query_summaries(SQLite::Database& db, SummaryRefresh how = SummaryRefresh::kAuto,
                             SummaryRows* precomputed = nullptr, int64_t version = 0);

/// The refresh's count of the stale stock keys: between the SQL blocks summary_count_picks
/// (which lists them in temp.query_summary_keys and deletes their rows) and
/// summary_count_picks_end, counts each whole from the base tables with the rebuild's code.
/// refresh_query_summaries calls it; tests run the blocks one statement at a time.
void count_stale_summary_keys(SQLite::Database& db);

/// The rows a rebuild from scratch would write, computed from the base tables in one read
/// transaction of `db`, which may be a second (read-only) connection: a bulk load computes
/// them while its writer builds the query indexes. Null when `stop` said to stop.
std::shared_ptr<SummaryRows> compute_summary_rows(SQLite::Database& db, const std::function<bool()>& stop);

/// `PRAGMA data_version` of the writer's connection: read before compute_summary_rows starts,
/// it tells the refresh whether another connection has committed since.
int64_t summary_data_version(SQLite::Database& db);

/// Starts a bulk load's suspension of the summaries: empties them and lists every report
/// as pending, so queries compute from the base tables and nothing needs marking (the alias
/// triggers and the writer's marks skip an archive without summary rows). The next refresh,
/// at the load's end or after a kill at the next ingest's, rebuilds from scratch (every
/// report is pending). Call inside the write transaction that starts the load. A no-op on
/// an archive older than schema version 9.
void suspend_query_summaries(SQLite::Database& db);

}  // namespace yanbao
