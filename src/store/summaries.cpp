#include "store/summaries.h"

#include <sqlite3.h>

#include <SQLiteCpp/Transaction.h>

namespace yanbao {
namespace {

// Every pending report dated '' … '9999-12-31' (the range top-picks and index-history read),
// one row per distinct (report, stock key, base name) of its picks.
constexpr const char* kCountPicks = R"(
CREATE TEMP TABLE query_summary_counted AS
SELECT DISTINCT k.key, k.base_name, k.coded, r.id AS report_id, r.report_date, r.broker
FROM query_summary_pending q
JOIN reports r ON r.id = q.report_id
JOIN pick_keys k ON k.report_id = r.id
WHERE r.report_date >= '' AND r.report_date <= '9999-12-31';

INSERT INTO top_picks (key, code, reports, first_seen, last_seen)
SELECT key, max(CASE WHEN coded THEN key END), count(DISTINCT report_id), min(report_date), max(report_date)
FROM temp.query_summary_counted WHERE true GROUP BY key
ON CONFLICT (key) DO UPDATE SET
  code = coalesce(code, excluded.code), reports = reports + excluded.reports,
  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);

INSERT INTO top_pick_brokers (key, broker, reports)
SELECT key, broker, count(DISTINCT report_id)
FROM temp.query_summary_counted WHERE broker IS NOT NULL GROUP BY key, broker
ON CONFLICT (key, broker) DO UPDATE SET reports = reports + excluded.reports;

INSERT INTO top_pick_names (key, base_name, reports)
SELECT key, base_name, count(DISTINCT report_id)
FROM temp.query_summary_counted WHERE true GROUP BY key, base_name
ON CONFLICT (key, base_name) DO UPDATE SET reports = reports + excluded.reports;

DROP TABLE temp.query_summary_counted;
)";

// Per (name, period, date) of the pending reports: the number of rows and the first row
// (lowest report id, then seq), merged with what earlier reports gave.
constexpr const char* kCountIndices = R"(
INSERT INTO index_days (name, period, report_date, reports, first_id, first_seq, close, change_pct)
SELECT name, period, report_date, n, report_id, seq, close, change_pct FROM (
  SELECT i.name, i.period, r.report_date, i.report_id, i.seq, i.close, i.change_pct,
         count(*) OVER g AS n,
         row_number() OVER (PARTITION BY i.name, i.period, r.report_date ORDER BY i.report_id, i.seq) AS rn
  FROM query_summary_pending q
  JOIN reports r ON r.id = q.report_id
  JOIN indices i ON i.report_id = r.id
  WHERE r.report_date >= '' AND r.report_date <= '9999-12-31'
  WINDOW g AS (PARTITION BY i.name, i.period, r.report_date))
WHERE rn = 1
ON CONFLICT (name, period, report_date) DO UPDATE SET
  reports = reports + excluded.reports,
  close = CASE WHEN (excluded.first_id, excluded.first_seq) < (first_id, first_seq) THEN excluded.close ELSE close END,
  change_pct = CASE WHEN (excluded.first_id, excluded.first_seq) < (first_id, first_seq)
                    THEN excluded.change_pct ELSE change_pct END,
  first_seq = CASE WHEN (excluded.first_id, excluded.first_seq) < (first_id, first_seq)
                   THEN excluded.first_seq ELSE first_seq END,
  first_id = min(first_id, excluded.first_id);
)";

// A subtraction that may have moved a stock's first or last date: recomputed from the
// reports that hold a pick of the key (by code, by a base name whose smallest alias it is,
// or by the base name itself when it has no alias).
constexpr const char* kRecomputeDates = R"(
UPDATE top_picks SET (first_seen, last_seen) = (
  SELECT min(r.report_date), max(r.report_date)
  FROM (SELECT report_id FROM picks WHERE code = top_picks.key
        UNION SELECT p.report_id FROM security_aliases a JOIN picks p ON p.base_name = a.base_name
              WHERE a.code = top_picks.key AND p.code IS NULL
                AND (SELECT min(b.code) FROM security_aliases b WHERE b.base_name = p.base_name) = top_picks.key
        UNION SELECT report_id FROM picks
              WHERE base_name = top_picks.key AND code IS NULL
                AND NOT EXISTS (SELECT 1 FROM security_aliases a WHERE a.base_name = top_picks.key)) k
  JOIN reports r ON r.id = k.report_id
  WHERE r.report_date >= '' AND r.report_date <= '9999-12-31')
WHERE key IN (SELECT key FROM top_pick_stale);
DELETE FROM top_pick_stale;

UPDATE index_days SET (first_id, first_seq, close, change_pct) = (
  SELECT i.report_id, i.seq, i.close, i.change_pct
  FROM reports r JOIN indices i ON i.report_id = r.id
  WHERE r.report_date = index_days.report_date AND i.name = index_days.name AND i.period = index_days.period
  ORDER BY i.report_id, i.seq LIMIT 1)
WHERE (name, period, report_date) IN (SELECT name, period, report_date FROM index_day_stale);
DELETE FROM index_day_stale;
)";

bool has_summaries(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt() >= 4; }

}  // namespace

void refresh_query_summaries(SQLite::Database& db) {
  if (!has_summaries(db)) return;
  const bool pending = db.execAndGet("SELECT EXISTS (SELECT 1 FROM query_summary_pending)").getInt() != 0;
  const bool stale = db.execAndGet("SELECT EXISTS (SELECT 1 FROM top_pick_stale) OR EXISTS (SELECT 1 FROM index_day_stale)")
                         .getInt() != 0;
  if (!pending && !stale) return;
  const bool own_tx = sqlite3_get_autocommit(db.getHandle()) != 0;
  std::unique_ptr<SQLite::Transaction> tx;
  if (own_tx) tx = std::make_unique<SQLite::Transaction>(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (pending) {
    db.exec(kCountPicks);
    db.exec(kCountIndices);
    db.exec("DELETE FROM query_summary_pending");
  }
  db.exec(kRecomputeDates);
  if (tx) tx->commit();
}

}  // namespace yanbao
