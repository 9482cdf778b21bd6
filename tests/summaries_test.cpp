// The query summaries of migration 0008 (schema/schema.md, "Query summaries"): top-picks
// and index-history give the same rows from them as the original queries give from the base
// tables, after ingests, edits, prunes, alias changes and direct SQL, and while a refresh is
// pending (when they read the base tables).
#include <gtest/gtest.h>

#include "test_util.h"

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "ingest/ingest.h"
#include "query/canned.h"
#include "query/sql.h"
#include "store/archive.h"
#include "store/fts.h"
#include "store/statements.h"
#include "store/summaries.h"
#include "util/embedded.h"

using namespace yanbao;
namespace fs = std::filesystem;

namespace {

using test::FixtureArchive;
using test::TempDir;

// The queries as they were before the summaries (schema/queries.yaml at version 3).
const std::string kTopPicksBefore = R"(
SELECT max(p.base_name) AS name,
       coalesce(p.code, (SELECT min(a.code) FROM security_aliases a WHERE a.base_name = p.base_name)) AS code,
       count(DISTINCT p.report_id) AS reports, count(DISTINCT r.broker) AS brokers,
       min(r.report_date) AS first_seen, max(r.report_date) AS last_seen
FROM picks p JOIN reports r ON r.id = p.report_id
WHERE r.report_date >= coalesce(:since, '') AND r.report_date <= coalesce(:until, '9999-12-31')
  AND (:kind IS NULL OR p.kind = :kind)
GROUP BY coalesce(p.code, (SELECT min(a.code) FROM security_aliases a WHERE a.base_name = p.base_name), p.base_name)
ORDER BY reports DESC, brokers DESC, last_seen DESC, name
LIMIT :limit
)";

const std::string kIndexHistoryBefore = R"(
WITH alias (alias, name) AS (VALUES
  ('上证综合指数', '上证综指'), ('上证指数', '上证综指'), ('沪综指', '上证综指'), ('沪指', '上证综指'),
  ('上证', '上证综指'), ('深证成份指数', '深证成指'), ('深证成分指数', '深证成指'),
  ('深成指', '深证成指'), ('深圳成指', '深证成指'), ('深证', '深证成指'),
  ('创业板指数', '创业板指'), ('创业板', '创业板指'), ('恒指', '恒生指数'),
  ('科创板50', '科创50'), ('恒生科技', '恒生科技指数'), ('国企指数', '恒生国企指数'),
  ('纳指', '纳斯达克指数'), ('纳斯达克', '纳斯达克指数'), ('道指', '道琼斯工业指数'),
  ('道琼斯', '道琼斯工业指数'), ('万得全A指数', '万得全A'), ('Wind全A', '万得全A')),
names (name) AS (
  SELECT :name
  UNION SELECT name FROM alias WHERE alias = :name
  UNION SELECT name FROM indices WHERE raw_name = :name
  UNION SELECT substr(:name, 1, length(:name) - 2) WHERE :name LIKE '%指数'
)
SELECT date, name, close, change_pct, period, reports FROM (
  SELECT r.report_date AS date, i.name, i.close, i.change_pct, i.period,
         count(*) AS reports, min(r.id) AS first_id
  FROM indices i JOIN reports r ON r.id = i.report_id
  WHERE i.name IN (SELECT name FROM names)
    AND (:period = 'all' OR i.period = :period)
    AND r.report_date >= coalesce(:since, '') AND r.report_date <= coalesce(:until, '9999-12-31')
  GROUP BY r.report_date, i.name, i.period
)
ORDER BY date, name, period
)";

// pick-history's rows, Summary and Current runs before pick_series (schema/queries.yaml at
// version 17): every pick of the stock read and sorted.
const std::string kPickHistoryBefore = R"(
-- Every pick of the base name; then the picks found by name, code or alias but written
-- under another base name (those lookups check the base name in the index, so they read
-- the table only for such picks). Report columns come from the index
-- reports_by_id_listing, not the report rows.
WITH other (pick) AS (
  SELECT rowid FROM picks WHERE name = :ticker AND base_name IS NOT :ticker_base
  UNION SELECT rowid FROM picks WHERE code = :ticker_code AND base_name IS NOT :ticker_base
  UNION SELECT p.rowid FROM security_aliases a JOIN picks p ON p.code = a.code
        WHERE a.base_name = :ticker_base AND p.base_name IS NOT :ticker_base
  UNION SELECT p.rowid FROM security_aliases a JOIN picks p ON p.base_name = a.base_name
        WHERE a.code = :ticker_code AND p.base_name IS NOT :ticker_base
),
hit AS (
  SELECT report_id, seq, theme, kind, rating, name, code FROM picks WHERE base_name = :ticker_base
  UNION ALL
  SELECT p.report_id, p.seq, p.theme, p.kind, p.rating, p.name, p.code
  FROM other JOIN picks p ON p.rowid = other.pick
)
SELECT r.report_date, r.broker, r.series, h.theme, h.kind, h.rating, h.name, h.code, r.title
FROM hit h JOIN reports r INDEXED BY reports_by_id_listing ON r.id = h.report_id
-- Ties break by content (path, then root), never by report id: ids follow the order
-- files were ingested in (reports_by_id_listing carries both).
ORDER BY r.report_date DESC, r.broker, r.series, r.path, r.root, h.seq
LIMIT CASE WHEN :all THEN -1 ELSE :limit END
)";

/// Version 17's list of the reports of every pick of the stock, shared by the two below.
const std::string kPickReportsBefore = R"(
  -- the reports of every pick of the stock, from the indexes alone
  SELECT report_id FROM picks WHERE base_name = :ticker_base
  UNION ALL SELECT report_id FROM picks WHERE name = :ticker AND base_name IS NOT :ticker_base
  UNION ALL SELECT report_id FROM picks WHERE code = :ticker_code AND base_name IS NOT :ticker_base
  UNION ALL SELECT p.report_id FROM security_aliases a JOIN picks p ON p.code = a.code
            WHERE a.base_name = :ticker_base AND p.base_name IS NOT :ticker_base
  UNION ALL SELECT p.report_id FROM security_aliases a JOIN picks p ON p.base_name = a.base_name
            WHERE a.code = :ticker_code AND p.base_name IS NOT :ticker_base
)";

const std::string kPickSummaryBefore = R"(
SELECT min(r.report_date) AS first_seen, max(r.report_date) AS last_seen,
       count(*) AS reports, count(DISTINCT r.broker) AS brokers
FROM reports r INDEXED BY reports_by_id_listing
WHERE r.id IN ()" + kPickReportsBefore + ")";

const std::string kPickTotalBefore = R"(
-- how many picks there are in all, from the indexes alone
SELECT (SELECT count(*) FROM picks WHERE base_name = :ticker_base)
     + (SELECT count(*) FROM (
          SELECT rowid FROM picks WHERE name = :ticker AND base_name IS NOT :ticker_base
          UNION SELECT rowid FROM picks WHERE code = :ticker_code AND base_name IS NOT :ticker_base
          UNION SELECT p.rowid FROM security_aliases a JOIN picks p ON p.code = a.code
                WHERE a.base_name = :ticker_base AND p.base_name IS NOT :ticker_base
          UNION SELECT p.rowid FROM security_aliases a JOIN picks p ON p.base_name = a.base_name
                WHERE a.code = :ticker_code AND p.base_name IS NOT :ticker_base))
)";

const std::string kPickRunsBefore = "WITH hit (id) AS (" + kPickReportsBefore + R"(),
s AS (SELECT r.broker, r.series, count(*) AS reports, max(r.report_date) AS last_seen
      FROM reports r INDEXED BY reports_by_id_listing
      WHERE r.id IN (SELECT id FROM hit)
      GROUP BY r.broker, r.series),
-- the newest report of the series without the stock: walk the series newest first
gap AS (SELECT s.*,
          (SELECT x.report_date FROM reports x
           WHERE x.broker IS s.broker AND x.series IS s.series
             AND x.id NOT IN (SELECT id FROM hit)
           ORDER BY x.report_date DESC LIMIT 1) AS last_without
        FROM s)
SELECT broker, series,
       (SELECT count(*) FROM reports y
        WHERE y.broker IS gap.broker AND y.series IS gap.series
          AND y.report_date > coalesce(gap.last_without, '')) AS current_run,
       reports, last_seen, last_without
FROM gap
ORDER BY current_run DESC, last_seen DESC, broker, series
)";

std::string dump(const ResultSet& rs) {
  std::string out;
  for (const auto& row : rs.rows) {
    for (const auto& v : row) out += value_text(v) + "|";
    out += "\n";
  }
  return out;
}

/// Rows of a built-in canned query, and rows of `before` with the same parameters.
std::pair<std::string, std::string> both(const std::string& db, const std::string& query, const std::string& before,
                                         const std::vector<std::string>& args,
                                         const std::vector<std::pair<std::string, std::string>>& named) {
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get(query);
  Params params = resolve_params(q, args, named);
  auto ro = open_archive_readonly(db);
  RunOptions opt;
  opt.reject_unused = false;
  return {dump(run_canned(ro->getHandle(), q, params).rows), dump(run_readonly_sql(ro->getHandle(), before, params, opt))};
}

/// pick-history (rows, total, Summary, Current runs) agrees with its version-17 SQL for every
/// stock of the archive, by base name, by name as written and by code.
void expect_same_pick_history(const std::string& db, const std::string& when) {
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get("pick-history");
  auto ro = open_archive_readonly(db);
  std::vector<std::string> tickers = {"不存在的股票"};
  {
    SQLite::Statement st(*ro, "SELECT base_name FROM picks UNION SELECT name FROM picks UNION SELECT code FROM picks "
                              "WHERE code IS NOT NULL UNION SELECT code FROM security_aliases");
    while (st.executeStep()) tickers.push_back(st.getColumn(0).getString());
  }
  RunOptions opt;
  opt.reject_unused = false;
  auto section = [](const CannedResult& r, const std::string& prefix) {
    for (const auto& [sec, rs] : r.summary)
      if (sec->title.rfind(prefix, 0) == 0) return dump(rs);
    return std::string("(no section)");
  };
  for (const auto& ticker : tickers) {
    for (const std::vector<std::pair<std::string, std::string>>& named :
         {std::vector<std::pair<std::string, std::string>>{},
          {{"limit", "2"}},
          {{"limit", "1"}},
          {{"all", "true"}}}) {
      Params params = resolve_params(q, {ticker}, named);
      const CannedResult now = run_canned(ro->getHandle(), q, params);
      const std::string what = when + ": pick-history " + ticker + (named.empty() ? "" : " --" + named[0].first);
      EXPECT_EQ(dump(now.rows), dump(run_readonly_sql(ro->getHandle(), kPickHistoryBefore, params, opt))) << what;
      if (!named.empty()) continue;
      const std::string total_before =
          value_text(run_readonly_sql(ro->getHandle(), kPickTotalBefore, params, opt).rows.at(0).at(0));
      EXPECT_EQ(now.total ? std::to_string(*now.total) : "(none)", total_before) << what;
      if (now.rows.rows.empty()) continue;  // (no summary without picks)
      EXPECT_EQ(section(now, "Summary"), dump(run_readonly_sql(ro->getHandle(), kPickSummaryBefore, params, opt))) << what;
      EXPECT_EQ(section(now, "Current runs"), dump(run_readonly_sql(ro->getHandle(), kPickRunsBefore, params, opt)))
          << what;
    }
  }
}

/// top-picks and index-history agree with their version-3 SQL for every filter combination,
/// and pick-history with its version-17 SQL.
void expect_same_answers(const std::string& db, const std::string& when) {
  expect_same_pick_history(db, when);
  using Named = std::vector<std::pair<std::string, std::string>>;
  for (const Named& named : std::vector<Named>{{{"limit", "-1"}},
                                               {{"limit", "3"}},
                                               {{"limit", "-1"}, {"since", "2024-01-12"}},
                                               {{"limit", "-1"}, {"until", "2024-01-19"}},
                                               // whole months (top_pick_months) and their edges
                                               {{"limit", "-1"}, {"since", "2024-01-01"}},
                                               {{"limit", "-1"}, {"since", "2023-12-01"}, {"until", "2024-01-31"}},
                                               {{"limit", "-1"}, {"since", "2023-12-15"}, {"until", "2024-02-29"}},
                                               {{"limit", "-1"}, {"until", "2024-01-31"}},
                                               {{"limit", "-1"}, {"since", "2024-01"}, {"until", "2024-01-31"}},
                                               {{"limit", "-1"}, {"since", "2024-01-01"}, {"kind", "recommend"}},
                                               {{"limit", "2"}, {"since", "2023-01-01"}, {"kind", "watch"}},
                                               {{"limit", "-1"}, {"kind", "recommend"}},
                                               {{"limit", "-1"}, {"kind", "watch"}},
                                               {{"limit", "-1"}, {"kind", "beneficiary"}},
                                               {{"limit", "-1"}, {"kind", "rating"}},
                                               {{"limit", "2"}, {"kind", "recommend"}}}) {
    auto [now, before] = both(db, "top-picks", kTopPicksBefore, {}, named);
    EXPECT_EQ(now, before) << when << ": top-picks " << named.back().first;
  }
  SQLite::Database ro(db);
  std::vector<std::string> names = {"上证综指", "上证指数", "沪指", "深成指", "创业板指数", "不存在的指数"};
  SQLite::Statement st(ro, "SELECT name FROM indices UNION SELECT raw_name FROM indices");
  while (st.executeStep()) names.push_back(st.getColumn(0).getString());
  for (const auto& name : names) {
    for (const Named& named : std::vector<Named>{{},
                                                 {{"period", "all"}},
                                                 {{"period", "since:2024-01-01"}},
                                                 {{"since", "2024-01-10"}, {"until", "2024-01-31"}}}) {
      auto [now, before] = both(db, "index-history", kIndexHistoryBefore, {name}, named);
      EXPECT_EQ(now, before) << when << ": index-history " << name;
    }
  }
}

bool summaries_answer(const std::string& db) {
  SQLite::Database ro(db);
  return ro.execAndGet("SELECT NOT EXISTS (SELECT 1 FROM query_summary_pending) AND NOT EXISTS "
                       "(SELECT 1 FROM top_pick_stale) AND NOT EXISTS (SELECT 1 FROM index_day_stale)")
             .getInt() != 0;
}

/// Runs `sql` on the archive, checks the answers while the change is pending, refreshes,
/// and checks them again from the summaries.
void change(const std::string& db, const std::string& sql) {
  {
    auto w = open_archive_for_write(db);
    w->exec(sql);
  }
  expect_same_answers(db, "pending after " + sql);
  {
    auto w = open_archive_for_write(db);
    refresh_query_summaries(*w);
  }
  EXPECT_TRUE(summaries_answer(db)) << sql;
  expect_same_answers(db, "refreshed after " + sql);
}

std::string summary_tables(const std::string& db) {
  SQLite::Database ro(db);
  std::string out;
  for (const char* sql : {"SELECT * FROM top_picks ORDER BY key", "SELECT * FROM top_pick_brokers ORDER BY key, broker",
                          "SELECT * FROM top_pick_names ORDER BY key, base_name",
                          "SELECT * FROM pick_series ORDER BY key, base_name, broker, series",
                          "SELECT * FROM top_pick_months ORDER BY kind, month, key",
                          "SELECT * FROM index_days ORDER BY name, period, report_date"}) {
    SQLite::Statement st(ro, sql);
    while (st.executeStep()) {
      for (int c = 0; c < st.getColumnCount(); ++c) out += st.getColumn(c).getString() + "|";
      out += "\n";
    }
  }
  return out;
}

}  // namespace

TEST(QuerySummaries, PendingReportsAreAnsweredFromTheBaseTables) {
  FixtureArchive f;  // loaded by SQL: every report is pending
  EXPECT_FALSE(summaries_answer(f.db));
  expect_same_answers(f.db, "fixture, pending");
}

TEST(QuerySummaries, RefreshedSummariesGiveTheSameAnswers) {
  FixtureArchive f;
  {
    auto w = open_archive_for_write(f.db);
    refresh_query_summaries(*w);
  }
  EXPECT_TRUE(summaries_answer(f.db));
  expect_same_answers(f.db, "fixture, refreshed");
  {
    SQLite::Database rw(f.db, SQLite::OPEN_READWRITE);
    EXPECT_EQ(rw.execAndGet("SELECT reports FROM top_picks WHERE key = '688326.SH'").getInt(), 5);
    // The answers do come from the summaries: a row changed by hand shows.
    rw.exec("UPDATE top_picks SET reports = 99 WHERE key = '688326.SH'");
    rw.exec("UPDATE index_days SET close = 1.0 WHERE name = '上证综指' AND report_date = '2024-01-05'");
  }
  auto [top, top_before] = both(f.db, "top-picks", kTopPicksBefore, {}, {});
  EXPECT_EQ(top.substr(0, top.find('\n')), "经纬恒润|688326.SH|99|2|2024-01-05|2024-02-02|");
  auto [idx, idx_before] = both(f.db, "index-history", kIndexHistoryBefore, {"上证综指"}, {});
  EXPECT_EQ(idx.substr(0, idx.find('\n')), "2024-01-05|上证综指|1.0|-1.61|week|1|");
}

TEST(QuerySummaries, StayExactThroughDeletesUpdatesAndAliasChanges) {
  FixtureArchive f;
  {
    auto w = open_archive_for_write(f.db);
    refresh_query_summaries(*w);
  }
  // the last report of a stock (its last_seen), and a report that is some index's first row
  change(f.db, "DELETE FROM reports WHERE id = 5");
  change(f.db, "DELETE FROM reports WHERE id = 1");
  // a smaller code for 经纬恒润: its pick written without a code moves to that key
  change(f.db, "INSERT INTO security_aliases (base_name, code, source) VALUES ('经纬恒润', '000001.SZ', 'import')");
  change(f.db, "DELETE FROM security_aliases WHERE base_name = '经纬恒润' AND code = '000001.SZ'");
  change(f.db, "UPDATE picks SET code = '688326.SH', code_source = 'archive' WHERE code IS NULL AND base_name = '经纬恒润'");
  change(f.db, "UPDATE picks SET base_name = '宁德时代', name = '宁德时代' WHERE report_id = 2 AND seq = 1");
  change(f.db, "UPDATE reports SET report_date = '2023-12-29' WHERE id = 3");
  // a pick changes kind: it leaves one kind's rows (the stock's last watch) for another's
  change(f.db, "UPDATE picks SET kind = 'beneficiary' WHERE report_id = 5 AND seq = 2");
  change(f.db, "UPDATE picks SET kind = 'watch' WHERE report_id = 6 AND seq = 1");
  change(f.db, "UPDATE reports SET broker = NULL WHERE id = 6");
  change(f.db, "UPDATE reports SET report_date = NULL WHERE id = 7");
  // a new report: picks, a repeated index row (same name and period twice), then one goes
  change(f.db,
         "INSERT INTO reports (id, root, path, title, report_date, broker, series, body, sha256, encoding, size, "
         "mtime_ns, parser_version, ingested_at) VALUES (20, '/data', 'n.md', 't', '2024-01-12', '国信证券', '策略', "
         "'b', 'h20', 'utf-8', 1, 1, 1, '2024-01-13T00:00:00Z');"
         "INSERT INTO picks (report_id, seq, name, base_name, code, kind) VALUES (20, 1, '贵州茅台', '贵州茅台', NULL, "
         "'watch'), (20, 2, '贵州茅台', '贵州茅台', '600519.SH', 'recommend');"
         "INSERT INTO indices (report_id, seq, name, raw_name, period, close, change_pct) VALUES "
         "(20, 2, '上证综指', '上证指数', 'week', 1.5, 2.5), (20, 1, '上证综指', '沪指', 'week', 3.5, 4.5)");
  change(f.db, "DELETE FROM indices WHERE report_id = 20 AND seq = 1");
  change(f.db, "DELETE FROM picks WHERE report_id = 20 AND seq = 2");
  change(f.db, "UPDATE indices SET close = close + 1 WHERE report_id = 2");
}

namespace {
void returns_zero(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_int(ctx, 0); }
}  // namespace

TEST(QuerySummaries, ArchiveFromVersionNineIsRecountedPerKind) {
  // Migration 0010 rebuilds the summary tables with a kind column and lists every report as
  // pending: until the next refresh the answers come from the base tables, then from the
  // new rows; nothing the version-9 tables held survives.
  TempDir t;
  const std::string db = (t.path / "v9.db").string();
  {
    SQLite::Database v9(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (const char* name : {"yanbao_fts_batching", "yanbao_summaries_suspended"})
      sqlite3_create_function(v9.getHandle(), name, 0, SQLITE_UTF8, nullptr, returns_zero, nullptr, nullptr);
    register_fts_tokenizer(v9.getHandle());
    for (const char* m : {"0001_initial", "0002_search", "0003_fts_batched_inserts", "0004_search_bigrams",
                          "0005_deferred_indexes", "0006_parser_version_index", "0007_checks_without_in_lists",
                          "0008_query_speed", "0009_bulk_load_summaries"})
      v9.exec(std::string(*embedded::find("migrations/" + std::string(m) + ".sql")));
    v9.exec("PRAGMA user_version = 9");
    v9.exec(test::slurp(fs::path(YANBAO_TEST_DATA) / "query" / "fixture.sql"));
    // as if a version-9 refresh had counted everything (with a wrong count, to see it go)
    v9.exec("DELETE FROM query_summary_pending;"
            "INSERT INTO top_picks (key, code, reports, first_seen, last_seen) VALUES ('688326.SH', '688326.SH', 99, "
            "'2000-01-01', '2000-01-01');"
            "INSERT INTO index_days VALUES ('上证综指', 'week', '2024-01-05', 99, 1, 1, 0, 0)");
  }
  {
    auto w = open_archive_for_write(db);
    EXPECT_EQ(w->execAndGet("SELECT count(*) FROM query_summary_pending").getInt(),
              w->execAndGet("SELECT count(*) FROM reports").getInt());
    EXPECT_EQ(w->execAndGet("SELECT count(*) FROM top_picks").getInt(), 0);
    EXPECT_EQ(w->execAndGet("SELECT count(*) FROM index_days").getInt(), 0);
  }
  EXPECT_FALSE(summaries_answer(db));
  expect_same_answers(db, "migrated to 10, pending");
  {
    auto w = open_archive_for_write(db);
    refresh_query_summaries(*w);
  }
  EXPECT_TRUE(summaries_answer(db));
  expect_same_answers(db, "migrated to 10, refreshed");
  SQLite::Database ro(db);
  EXPECT_EQ(ro.execAndGet("SELECT reports FROM top_picks WHERE kind = 'any' AND key = '688326.SH'").getInt(), 5);
  EXPECT_EQ(ro.execAndGet("SELECT reports FROM top_picks WHERE kind = 'watch' AND key = '688981.SH'").getInt(), 1);
}

TEST(QuerySummaries, IncrementalRefreshReadsThePicksOfPendingReportsOnly) {
  // The refresh after a weekly ingest must cost in proportion to the reports it counts.
  // Every statement of the incremental path is checked through EXPLAIN QUERY PLAN as it
  // runs: none may scan picks whole (a compound view joined to the pending reports once
  // made every refresh at 100k reports read all 2.5M picks: 28 s for a 100-report week),
  // and recomputing a stock's dates reads its picks from covering indexes.
  FixtureArchive f;
  auto w = open_archive_for_write(f.db);
  refresh_query_summaries(*w);
  w->exec("DELETE FROM reports WHERE id = 5");                   // a stock's last report: stale dates
  w->exec("UPDATE picks SET kind = 'watch' WHERE report_id = 6");  // pending
  SQLite::Transaction tx(*w);
  for (const char* block : {"summary_count_picks", "", "summary_count_picks_end", "summary_count_indices"}) {
    if (!*block) {  // the stale keys, counted whole from their picks (by index: checked below)
      count_stale_summary_keys(*w);
      continue;
    }
    std::string rest(sql_statement(block));
    while (true) {
      const char* tail = nullptr;
      sqlite3_stmt* raw = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(w->getHandle(), rest.c_str(), -1, &raw, &tail), SQLITE_OK) << sqlite3_errmsg(w->getHandle());
      if (!raw) break;
      const std::string one = std::string(rest.c_str(), tail);
      sqlite3_finalize(raw);
      {
        SQLite::Statement plan(*w, "EXPLAIN QUERY PLAN " + one);
        while (plan.executeStep()) {
          const std::string d = plan.getColumn(3).getString();
          for (const char* scan : {"SCAN p ", "SCAN picks", "MATERIALIZE pick"})
            EXPECT_NE(d.rfind(scan, 0), 0u) << block << ": " << d << "\n" << one;
          EXPECT_NE(d, "SCAN p") << block << "\n" << one;
        }
      }
      w->exec(one);
      rest = tail;
    }
  }
  w->exec(std::string(sql_statement("summary_forget_pending")));
  tx.commit();
  // The stale keys' lookups (count_stale_summary_keys) read index ranges, never a table.
  w->exec("CREATE TEMP TABLE query_summary_keys (key TEXT PRIMARY KEY) WITHOUT ROWID");
  for (const char* lookup : {"summary_stale_keys", "summary_stale_key_aliases", "summary_picks_printed_with_code",
                             "summary_picks_printed_without_code", "summary_smallest_alias_code", "summary_counted_report"}) {
    SQLite::Statement plan(*w, "EXPLAIN QUERY PLAN " + std::string(sql_statement(lookup)));
    while (plan.executeStep()) {
      const std::string d = plan.getColumn(3).getString();
      EXPECT_TRUE(d.rfind("SEARCH ", 0) == 0 || d == "SCAN temp.query_summary_keys") << lookup << ": " << d;
    }
  }
  w.reset();
  EXPECT_TRUE(summaries_answer(f.db));
  expect_same_answers(f.db, "after the statement-by-statement refresh");
}

TEST(QuerySummaries, IngestKeepsThemCurrentIncrementally) {
  TempDir t;
  const fs::path corpus = t.path / "c";
  ASSERT_EQ(std::system((std::string(GEN_CORPUS_BIN) + " 400 " + test::shell_quote(corpus.string()) +
                         " --seed 7 >/dev/null").c_str()),
            0);
  const std::string db = (t.path / "a.db").string();
  auto ingest = [&](bool prune) {
    IngestOptions opt;
    opt.dirs = {corpus.string()};
    opt.prune = prune;
    std::ostringstream err;
    run_ingest(db, opt, err);
  };
  ingest(false);
  EXPECT_TRUE(summaries_answer(db));
  expect_same_answers(db, "after the first ingest");

  // A no-op re-ingest changes nothing.
  std::string tables = summary_tables(db);
  ingest(false);
  EXPECT_EQ(summary_tables(db), tables);

  // Edit the newest files (their dates are stocks' last_seen), remove one, add one.
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u);
  for (size_t i = files.size() - 3; i < files.size(); ++i) std::ofstream(files[i], std::ios::app) << "\n追加一句。\n";
  fs::copy(files[0], corpus / "copy-with-a-new-date.md");
  {
    std::string text = test::slurp(files[1]);
    test::spit(corpus / "renamed.md", text + "\n另一份。\n");
  }
  fs::remove(files[2]);
  ingest(true);
  EXPECT_TRUE(summaries_answer(db));
  expect_same_answers(db, "after edits, a prune and new files");
}

TEST(QuerySummaries, BulkLoadSuspendsThemAndTheRebuildAfterIsExact) {
  FixtureArchive f;
  {
    auto w = open_archive_for_write(f.db);
    refresh_query_summaries(*w);
  }
  ASSERT_TRUE(summaries_answer(f.db));
  const std::string exact = summary_tables(f.db);
  {
    // What a bulk load does while it writes (ingest.cpp): with every report pending and no
    // summary row, the changes below leave everything to the rebuild.
    auto w = open_archive_for_write(f.db);
    {
      SQLite::Transaction tx(*w);
      suspend_query_summaries(*w);
      tx.commit();
    }
    w->exec("INSERT INTO security_aliases (base_name, code, source) VALUES ('经纬恒润', '000001.SZ', 'report')");
    w->exec("DELETE FROM security_aliases WHERE code = '000001.SZ'");
    w->exec("UPDATE picks SET code = '688326.SH', code_source = 'archive' WHERE code IS NULL AND base_name = '经纬恒润'");
    w->exec("DELETE FROM indices WHERE report_id = 2");
    EXPECT_EQ(w->execAndGet("SELECT count(*) FROM top_picks").getInt(), 0);
    EXPECT_EQ(w->execAndGet("SELECT count(*) FROM query_summary_pending").getInt(),
              w->execAndGet("SELECT count(*) FROM reports").getInt());
  }
  // Killed here, before the rebuild: every report is pending, so the answers come from the
  // base tables and are exact.
  EXPECT_FALSE(summaries_answer(f.db));
  expect_same_answers(f.db, "suspended");
  {
    auto w = open_archive_for_write(f.db);
    refresh_query_summaries(*w);  // every report pending: from scratch
  }
  EXPECT_TRUE(summaries_answer(f.db));
  expect_same_answers(f.db, "rebuilt after the suspension");
  EXPECT_NE(summary_tables(f.db), exact);  // the changes above do show
}

TEST(Summaries, RebuildFromScratchEqualsMergingEveryReportIn) {
  // A first ingest refreshes by one streaming pass; it must leave exactly the rows the
  // incremental SQL leaves.
  TempDir t;
  std::string db = (t.path / "a.db").string();
  test::CliRun run = test::run_yanbao({"ingest", YANBAO_SOURCE_DIR "/examples", "--db", db}, t.path);
  ASSERT_TRUE(run.code == 0 || run.code == 3) << run.err;
  auto a = open_archive_for_write(db);
  auto tables = [&] {
    std::string out;
    for (const char* sql : {"SELECT * FROM top_picks ORDER BY 1", "SELECT * FROM top_pick_brokers ORDER BY 1, 2",
                            "SELECT * FROM top_pick_names ORDER BY 1, 2",
                            "SELECT * FROM pick_series ORDER BY 1, 2, 3, 4", "SELECT * FROM top_pick_months ORDER BY 1, 2, 3",
                            "SELECT * FROM index_days ORDER BY 1, 2, 3"}) {
      SQLite::Statement st(*a, sql);
      while (st.executeStep()) {
        for (int c = 0; c < st.getColumnCount(); ++c) out += st.getColumn(c).getString() + "|";
        out += "\n";
      }
    }
    return out;
  };
  for (auto how : {SummaryRefresh::kIncremental, SummaryRefresh::kFromScratch}) {
    a->exec("DELETE FROM top_picks; DELETE FROM top_pick_brokers; DELETE FROM top_pick_names; DELETE FROM index_days;"
            "DELETE FROM pick_series; DELETE FROM top_pick_months; INSERT OR IGNORE INTO query_summary_pending SELECT id FROM reports");
    refresh_query_summaries(*a, how);
  }
  const std::string scratch = tables();
  a->exec("DELETE FROM top_picks; DELETE FROM top_pick_brokers; DELETE FROM top_pick_names; DELETE FROM index_days;"
          "DELETE FROM pick_series; DELETE FROM top_pick_months; INSERT OR IGNORE INTO query_summary_pending SELECT id FROM reports");
  refresh_query_summaries(*a, SummaryRefresh::kIncremental);
  EXPECT_FALSE(scratch.empty());
  EXPECT_EQ(tables(), scratch);
}

TEST(QuerySummaries, EditsFromAnotherToolKeepThemExact) {
  // Another tool's connection: plain SQLite, no function or tokenizer of yanbao's. Its
  // UPDATEs, INSERTs and DELETEs fire the summaries' triggers, which only mark; the answers
  // are exact meanwhile (from the base tables) and after yanbao's next refresh (from the
  // summaries), which gives the tables a rebuild from scratch gives.
  FixtureArchive f;
  {
    auto w = open_archive_for_write(f.db);
    refresh_query_summaries(*w);
    // The full-text triggers are not this test's subject (they need yanbao's tokenizer until
    // full-text search moves to a built-in one): without them, reports can be added and removed.
    for (const char* t : {"reports_fts_after_insert", "reports_fts_after_delete", "reports_fts_after_update"})
      w->exec(std::string("DROP TRIGGER IF EXISTS ") + t);
  }
  ASSERT_TRUE(summaries_answer(f.db));
  const char* edits[] = {
      "UPDATE picks SET code = NULL WHERE rowid = (SELECT min(rowid) FROM picks WHERE code IS NOT NULL)",
      "UPDATE picks SET kind = 'watch' WHERE report_id = (SELECT min(report_id) FROM picks WHERE kind = 'recommend')",
      "DELETE FROM picks WHERE rowid = (SELECT max(rowid) FROM picks)",
      "INSERT INTO picks (report_id, seq, name, base_name, kind) SELECT min(id), 99, '新股份', '新股份', 'recommend' FROM reports",
      "INSERT INTO security_aliases (base_name, code, source) VALUES ('新股份', '600000.SH', 'import')",
      "UPDATE reports SET report_date = '2024-02-20', broker = '新证券' WHERE id = (SELECT min(id) FROM reports)",
      "UPDATE indices SET close = close + 1 WHERE rowid = (SELECT min(rowid) FROM indices)",
      "DELETE FROM indices WHERE rowid = (SELECT max(rowid) FROM indices)",
      "DELETE FROM reports WHERE id = (SELECT max(id) FROM reports)",
      "INSERT INTO reports (root, path, title, report_date, broker, body, sha256, encoding, size, mtime_ns, parser_version, ingested_at) "
      "VALUES ('/x', 'new.md', 't', '2024-01-20', '甲证券', 'b', 'ff', 'utf-8', 1, 1, 1, 'now')",
      "INSERT INTO picks (report_id, seq, name, base_name, kind) SELECT max(id), 1, '新股份', '新股份', 'watch' FROM reports",
      "DELETE FROM security_aliases WHERE base_name = '新股份'",
      // pick_series (pick-history) also depends on a report's series
      "UPDATE reports SET series = '新系列' WHERE id = (SELECT min(report_id) FROM picks)",
      "UPDATE reports SET series = NULL, broker = NULL WHERE id = (SELECT max(report_id) FROM picks)",
      "UPDATE picks SET base_name = '新股份' WHERE rowid = (SELECT min(rowid) FROM picks WHERE code IS NULL)",
      "UPDATE reports SET report_date = NULL WHERE id = (SELECT min(report_id) FROM picks)",
      // dates top_pick_months does not count (no calendar day): always counted from the picks
      "UPDATE reports SET report_date = '2024-01' WHERE id = (SELECT max(report_id) FROM picks)",
      "UPDATE reports SET report_date = '2024-01-00' WHERE id = (SELECT min(report_id) FROM picks)",
      "UPDATE reports SET report_date = '2024-01-32' WHERE id = (SELECT min(report_id) + 1 FROM picks)",
  };
  for (const char* sql : edits) {
    {
      SQLite::Database plain(f.db, SQLite::OPEN_READWRITE);  // no yanbao function registered
      plain.exec("PRAGMA foreign_keys = ON");
      plain.exec(sql);
    }
    expect_same_answers(f.db, std::string("marked after ") + sql);
    {
      auto w = open_archive_for_write(f.db);
      refresh_query_summaries(*w, SummaryRefresh::kIncremental);
    }
    ASSERT_TRUE(summaries_answer(f.db)) << sql;
    expect_same_answers(f.db, std::string("refreshed after ") + sql);
    const std::string incremental = summary_tables(f.db);
    {
      auto w = open_archive_for_write(f.db);
      refresh_query_summaries(*w, SummaryRefresh::kFromScratch);
    }
    EXPECT_EQ(incremental, summary_tables(f.db)) << sql;
  }
}

TEST(QuerySummaries, NoTriggerOrViewNeedsAFunctionOfYanbao) {
  FixtureArchive f;
  SQLite::Database ro(f.db);
  SQLite::Statement st(ro, "SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'view') AND name NOT LIKE 'reports_fts%'");
  while (st.executeStep()) EXPECT_EQ(st.getColumn(1).getString().find("yanbao_"), std::string::npos) << st.getColumn(0).getString();
}

namespace {

/// The fixture with 1,200 more reports (three a day, two brokers and none, two series), 1,029
/// of them picking 多选股份, some twice: enough picks for pick-history to find its newest
/// picks by walking the reports newest first.
void add_a_much_picked_stock(const std::string& db) {
  {
    auto w = open_archive_for_write(db);
    refresh_query_summaries(*w);
  }
  SQLite::Database plain(db, SQLite::OPEN_READWRITE);  // no yanbao function registered
  plain.exec("PRAGMA foreign_keys = ON");
  plain.exec(
      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
      "INSERT INTO reports (root, path, title, report_date, broker, series, body, sha256, encoding, size, mtime_ns, "
      "                     parser_version, ingested_at) "
      "SELECT '/bulk', printf('r%04d.md', i), 't' || i, date('2023-01-01', '+' || (i / 3) || ' days'), "
      "       CASE i % 3 WHEN 0 THEN '甲证券' WHEN 1 THEN '乙证券' END, '周报' || (i % 2), 'b', printf('%064d', i), "
      "       'utf-8', 1, 1, 1, 'now' FROM n");
  plain.exec("INSERT INTO picks (report_id, seq, name, base_name, kind) SELECT id, 1, '多选股份', '多选股份', 'recommend' "
             "FROM reports WHERE root = '/bulk' AND id % 7 <> 0");
  plain.exec("INSERT INTO picks (report_id, seq, name, base_name, kind) SELECT id, 2, '多选股份', '多选股份', 'watch' "
             "FROM reports WHERE root = '/bulk' AND id % 5 = 0 AND id % 7 <> 0");
  auto w = open_archive_for_write(db);
  refresh_query_summaries(*w);
}

}  // namespace

TEST(PickHistory, NewestPicksOfAMuchPickedStockAreTheNewestOfAllItsPicks) {
  FixtureArchive f;
  add_a_much_picked_stock(f.db);
  ASSERT_TRUE(summaries_answer(f.db));
  expect_same_pick_history(f.db, "1,200 reports more");
  // the walk's cutoff falls inside a day of three reports (ties by broker, series, path)
  {
    SQLite::Database plain(f.db, SQLite::OPEN_READWRITE);
    plain.exec("DELETE FROM picks WHERE base_name = '多选股份' AND report_id = (SELECT max(report_id) FROM picks)");
  }
  expect_same_pick_history(f.db, "after another tool's delete");
}

TEST(PickHistory, SummaryAndRunsComeFromPickSeriesWhileNothingIsPending) {
  FixtureArchive f;
  add_a_much_picked_stock(f.db);
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get("pick-history");
  auto summary = [&] {
    auto ro = open_archive_readonly(f.db);
    const CannedResult r = run_canned(ro->getHandle(), q, resolve_params(q, {"多选股份"}, {}));
    for (const auto& [sec, rs] : r.summary)
      if (sec->title == "Summary") return value_text(rs.rows.at(0).at(2));
    return std::string("(none)");
  };
  const std::string reports = summary();
  EXPECT_EQ(reports, "1029");
  {  // a summary row tampered with: the answer shows it, so it came from pick_series
    SQLite::Database plain(f.db, SQLite::OPEN_READWRITE);
    plain.exec("UPDATE pick_series SET reports = reports + 1000 WHERE rowid = "
               "(SELECT min(rowid) FROM pick_series WHERE base_name = '多选股份')");
  }
  EXPECT_EQ(summary(), "2029");
  {  // anything stale: from the picks again
    SQLite::Database plain(f.db, SQLite::OPEN_READWRITE);
    plain.exec("INSERT INTO top_pick_stale (kind, key) VALUES ('any', '无关')");
  }
  EXPECT_EQ(summary(), reports);
}

TEST(TopPicks, DateRangeAddsWholeMonthsFromTopPickMonthsAndCountsItsEdgesFromThePicks) {
  FixtureArchive f;
  add_a_much_picked_stock(f.db);  // 1,200 reports over 2023-01-01 … 2024-02-04, three a day
  ASSERT_TRUE(summaries_answer(f.db));
  using Named = std::vector<std::pair<std::string, std::string>>;
  const std::vector<Named> ranges = {
      {{"since", "2023-03-01"}, {"until", "2023-05-31"}},  // whole months only
      {{"since", "2023-03-17"}, {"until", "2023-06-02"}},  // and partial ones at both edges
      {{"since", "2023-03-17"}},
      {{"since", "2023-02-28"}, {"until", "2023-03-01"}},  // two edges, no whole month
      {{"until", "2023-02-28"}, {"kind", "watch"}},
      {{"since", "2023-03"}, {"until", "2023-04-30"}},     // a bound without a day
  };
  for (Named named : ranges) {
    named.emplace_back("limit", "-1");
    auto [now, before] = both(f.db, "top-picks", kTopPicksBefore, {}, named);
    EXPECT_EQ(now, before) << named.front().first << " " << named.front().second;
  }
  auto reports_of = [&](const Named& named) {
    QueryCatalog c = QueryCatalog::builtin();
    const CannedQuery& q = c.get("top-picks");
    auto ro = open_archive_readonly(f.db);
    const CannedResult r = run_canned(ro->getHandle(), q, resolve_params(q, {}, named));
    for (const auto& row : r.rows.rows)
      if (value_text(row.at(0)) == "多选股份") return value_text(row.at(2));
    return std::string("(none)");
  };
  const Named whole = {{"since", "2023-03-01"}, {"until", "2023-03-31"}};
  const Named partial = {{"since", "2023-03-02"}, {"until", "2023-03-31"}};
  const std::string whole_before = reports_of(whole), partial_before = reports_of(partial);
  {  // a month row tampered with: a range holding the whole month shows it, a partial one not
    SQLite::Database plain(f.db, SQLite::OPEN_READWRITE);
    plain.exec("UPDATE top_pick_months SET reports = reports + 1000 WHERE kind = 'any' AND month = '2023-03' "
               "AND key = '多选股份'");
  }
  EXPECT_EQ(reports_of(whole), std::to_string(std::stoi(whole_before) + 1000));
  EXPECT_EQ(reports_of(partial), partial_before);
  {  // anything stale: from the picks again
    SQLite::Database plain(f.db, SQLite::OPEN_READWRITE);
    plain.exec("INSERT INTO top_pick_stale (kind, key) VALUES ('any', '无关')");
  }
  EXPECT_EQ(reports_of(whole), whole_before);
}

TEST(Summaries, RowsComputedOnAnotherConnectionAreWrittenOnlyIfNothingWasCommittedSince) {
  // A bulk load computes the rebuild's rows on a second connection while it builds its
  // indexes; they may be written only if no other connection committed in between.
  FixtureArchive f;
  auto w = open_archive_for_write(f.db);
  refresh_query_summaries(*w, SummaryRefresh::kFromScratch);
  const std::string exact = summary_tables(f.db);
  {
    const int64_t version = summary_data_version(*w);
    auto reader = open_archive_readonly(f.db);
    auto rows = compute_summary_rows(*reader, {});
    ASSERT_TRUE(rows);
    // This connection's own writes do not count as another's commit (a bulk load only builds
    // indexes in between): the rows computed before this delete are the ones written.
    w->exec("DELETE FROM picks WHERE rowid = (SELECT max(rowid) FROM picks)");
    refresh_query_summaries(*w, SummaryRefresh::kFromScratch, rows.get(), version);
    EXPECT_EQ(summary_tables(f.db), exact);
    refresh_query_summaries(*w, SummaryRefresh::kFromScratch);
    EXPECT_NE(summary_tables(f.db), exact);
  }
  {
    const int64_t version = summary_data_version(*w);
    auto reader = open_archive_readonly(f.db);
    auto rows = compute_summary_rows(*reader, {});
    ASSERT_TRUE(rows);
    {  // another tool commits after the rows were computed
      SQLite::Database plain(f.db, SQLite::OPEN_READWRITE);
      plain.exec("PRAGMA foreign_keys = ON; DELETE FROM reports WHERE id = (SELECT max(report_id) FROM picks)");
    }
    const std::string before = summary_tables(f.db);
    refresh_query_summaries(*w, SummaryRefresh::kFromScratch, rows.get(), version);
    const std::string after = summary_tables(f.db);
    EXPECT_NE(after, before);  // the delete is counted: the rows computed before it were not written
    refresh_query_summaries(*w, SummaryRefresh::kFromScratch);
    EXPECT_EQ(summary_tables(f.db), after);
  }
  auto reader = open_archive_readonly(f.db);
  EXPECT_EQ(compute_summary_rows(*reader, [] { return true; }), nullptr);  // told to stop
}

TEST(QuerySummaries, ARefreshRebuildsOnlyWhenTheStaleKeysHoldHalfTheReports) {
  // A week of reports can teach hundreds of codes new to the archive: their keys are stale
  // but have no rows of their own, and pruning that week again leaves as many stale keys
  // that held only its few reports. Counting keys as work once made both rebuild every
  // summary (3.5 s instead of 0.5 s at 100k reports; BENCHMARKS.md, "Session 9"). A tampered
  // row of a key nobody marked tells which way a refresh went: a rebuild mends it, counting
  // the stale keys leaves it.
  FixtureArchive f;
  auto w = open_archive_for_write(f.db);
  refresh_query_summaries(*w, SummaryRefresh::kFromScratch);
  const int64_t keys = w->execAndGet("SELECT count(*) FROM top_picks WHERE kind = 'any'").getInt64();
  ASSERT_GE(keys, 4);
  // Two witnesses: `heavy` is made to hold most of the reports, `light` only tells.
  const std::string heavy = w->execAndGet("SELECT min(key) FROM top_picks WHERE kind = 'any'").getString();
  const std::string light = w->execAndGet("SELECT max(key) FROM top_picks WHERE kind = 'any'").getString();
  auto last_seen = [&](const std::string& key) {
    SQLite::Statement q(*w, "SELECT last_seen FROM top_picks WHERE kind = 'any' AND key = ?");
    q.bind(1, key);
    q.executeStep();
    return q.getColumn(0).getString();
  };
  const std::string exact = last_seen(light);
  SQLite::Statement tamper(*w, "UPDATE top_picks SET last_seen = '1900-01-01', reports = reports + :more WHERE kind = 'any' AND key = :key");
  for (const auto& [key, more] : {std::pair{heavy, 1000000}, std::pair{light, 0}}) {
    tamper.bind(":key", key);
    tamper.bind(":more", more);
    tamper.exec();
    tamper.reset();
  }
  auto mark = [&](const std::string& where) {
    w->exec("INSERT OR IGNORE INTO top_pick_stale (kind, key) SELECT 'any', key FROM top_picks WHERE kind = 'any' AND " + where);
  };

  // As many stale codes without rows as there are keys: counted, no rebuild.
  for (int64_t i = 0; i < keys; ++i)
    w->exec("INSERT INTO top_pick_stale (kind, key) VALUES ('any', '" + std::to_string(900000 + i) + ".SH')");
  refresh_query_summaries(*w);
  EXPECT_EQ(last_seen(light), "1900-01-01") << "rebuilt from scratch";
  EXPECT_EQ(w->execAndGet("SELECT count(*) FROM top_pick_stale").getInt64(), 0);

  // Every key but the witnesses: most keys, but far from half of the reports. Counted.
  mark("key NOT IN ('" + heavy + "', '" + light + "')");
  refresh_query_summaries(*w);
  EXPECT_EQ(last_seen(light), "1900-01-01") << "rebuilt from scratch";

  // The key that holds most of the reports: one pass over everything, which mends `light`.
  mark("key = '" + heavy + "'");
  refresh_query_summaries(*w);
  EXPECT_EQ(last_seen(light), exact);
}
