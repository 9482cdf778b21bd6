// Canned queries: the built-ins of schema/queries.yaml on a fixture archive, user query
// files, parameters, and the indexes behind pick-history and index-history.
#include <gtest/gtest.h>

#include "test_util.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "query/canned.h"
#include "store/archive.h"
#include "util/embedded.h"
#include "util/error.h"

using namespace yanbao;
namespace fs = std::filesystem;

namespace {

using test::FixtureArchive;
using test::slurp;
using test::spit;
using Fixture = FixtureArchive;
using Run = test::CliRun;

using test::run_yanbao;

/// Runs a built-in through the library: rows of `query` with positional args and named params.
CannedResult run_builtin(const std::string& db, const std::string& query, const std::vector<std::string>& args,
                         const std::vector<std::pair<std::string, std::string>>& named = {}) {
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get(query);
  auto ro = open_archive_readonly(db);
  CannedResult r = run_canned(ro->getHandle(), q, resolve_params(q, args, named));
  // The sections point into the catalog; keep only what tests read.
  for (auto& s : r.summary) s.first = nullptr;
  return r;
}

std::string cell(const ResultSet& rs, size_t row, const std::string& column) {
  auto it = std::find(rs.columns.begin(), rs.columns.end(), column);
  if (it == rs.columns.end()) return "<no column " + column + ">";
  return value_text(rs.rows.at(row).at(static_cast<size_t>(it - rs.columns.begin())));
}

std::vector<std::string> column(const ResultSet& rs, const std::string& name) {
  std::vector<std::string> out;
  for (size_t i = 0; i < rs.rows.size(); ++i) out.push_back(cell(rs, i, name));
  return out;
}

/// EXPLAIN QUERY PLAN details of a statement with the query's params bound.
std::vector<std::string> plan(const std::string& db, const CannedQuery& q, const std::string& sql, const Params& params) {
  auto ro = open_archive_readonly(db);
  RunOptions opt;
  opt.reject_unused = false;
  ResultSet rs = run_readonly_sql(ro->getHandle(), "EXPLAIN QUERY PLAN " + sql, params, opt);
  (void)q;
  return column(rs, "detail");
}

/// No full scan of a base table: every access to picks/reports/indices is a SEARCH.
void expect_no_table_scan(const std::vector<std::string>& details, const std::string& what) {
  bool searched = false;
  for (const auto& d : details) {
    for (const char* t : {"SCAN picks", "SCAN p ", "SCAN reports", "SCAN r ", "SCAN x", "SCAN y", "SCAN indices",
                          "SCAN i ", "SCAN security_aliases", "SCAN a "})
      EXPECT_NE(d.rfind(t, 0), 0u) << what << ": " << d;
    if (d.find("USING INDEX") != std::string::npos || d.find("USING COVERING INDEX") != std::string::npos) searched = true;
    if (d == "SCAN p" || d == "SCAN r" || d == "SCAN i" || d == "SCAN a") ADD_FAILURE() << what << ": " << d;
  }
  EXPECT_TRUE(searched) << what;
}

/// pick-history lists the newest picks first.
const std::vector<std::string> kJingweiDates = {"2024-02-02", "2024-01-26", "2024-01-12", "2024-01-10", "2024-01-05"};

/// The summary section of a result by its title.
const ResultSet& section(const CannedResult& r, const QueryCatalog& c, const std::string& query, const std::string& title) {
  const CannedQuery& q = c.get(query);
  for (size_t i = 0; i < q.summary.size(); ++i)
    if (q.summary[i].title.rfind(title, 0) == 0) {
      size_t k = 0;  // sections that ran, in order
      for (size_t j = 0; j < i; ++j) k += q.summary[j].when != "empty";
      return r.summary.at(k).second;
    }
  throw std::logic_error("no section " + title);
}

}  // namespace

TEST(PickHistory, FindsTheStockByItsWrittenName) {
  Fixture f;
  auto r = run_builtin(f.db, "pick-history", {"经纬恒润-W"});
  EXPECT_EQ(column(r.rows, "report_date"), kJingweiDates);
  EXPECT_EQ(r.rows.columns, (std::vector<std::string>{"report_date", "broker", "series", "theme", "kind", "rating",
                                                      "name", "code", "title"}));
}

TEST(PickHistory, FindsTheStockByItsBaseName) {
  Fixture f;
  auto r = run_builtin(f.db, "pick-history", {"经纬恒润"});
  EXPECT_EQ(column(r.rows, "report_date"), kJingweiDates);
  EXPECT_EQ(column(r.rows, "name"),
            (std::vector<std::string>{"经纬恒润", "经纬恒润", "经纬恒润-W", "经纬恒润", "经纬恒润-W"}));
}

TEST(PickHistory, FindsTheStockByEveryCodeForm) {
  Fixture f;
  for (std::string code : {"688326", "688326.SH", "SH688326", "sh688326", "688326.sh"}) {
    auto r = run_builtin(f.db, "pick-history", {code});
    // 2024-01-26 wrote no code; the archive knows 经纬恒润 ↔ 688326.SH (security_aliases).
    EXPECT_EQ(column(r.rows, "report_date"), kJingweiDates) << code;
  }
}

TEST(PickHistory, SummaryGivesFirstLastSeenAndCurrentRunPerSeries) {
  Fixture f;
  auto r = run_builtin(f.db, "pick-history", {"经纬恒润"});
  // the totals, the latest rating per broker (none in this archive) and the current runs
  ASSERT_EQ(r.summary.size(), 3u);
  const QueryCatalog c = QueryCatalog::builtin();
  const ResultSet& totals = section(r, c, "pick-history", "Summary");
  EXPECT_EQ(cell(totals, 0, "first_seen"), "2024-01-05");
  EXPECT_EQ(cell(totals, 0, "last_seen"), "2024-02-02");
  EXPECT_EQ(cell(totals, 0, "reports"), "5");
  EXPECT_TRUE(section(r, c, "pick-history", "Latest rating").rows.empty());
  const ResultSet& runs = section(r, c, "pick-history", "Current runs");
  ASSERT_EQ(runs.rows.size(), 2u);
  // 中信 周度策略: picked 01-05, 01-12, not 01-19, then 01-26 and 02-02 → current run 2.
  EXPECT_EQ(cell(runs, 0, "broker"), "中信证券");
  EXPECT_EQ(cell(runs, 0, "current_run"), "2");
  // 华泰 金股组合: picked 01-10, not in the latest (02-01) → 0.
  EXPECT_EQ(cell(runs, 1, "broker"), "华泰证券");
  EXPECT_EQ(cell(runs, 1, "current_run"), "0");
}

TEST(PickHistory, UnknownStockHasNoRowsAndSuggestsTheMostPickedWhenNoNameIsLikeIt) {
  Fixture f;
  auto r = run_builtin(f.db, "pick-history", {"不存在"});
  EXPECT_TRUE(r.rows.rows.empty());
  EXPECT_EQ(r.total, 0);
  ASSERT_EQ(r.summary.size(), 1u);  // only the "names like it" hint
  EXPECT_EQ(column(r.summary[0].second, "name").at(0), "经纬恒润");  // 5 picks, the most
}

TEST(PickHistory, UnknownStockSaysSoOnStderrWithNamesThatContainIt) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "picks", "茅台"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("(0 rows)\n\nNo picks of that stock", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("贵州茅台"), std::string::npos) << r.err;
}

TEST(IndexHistory, UnknownIndexListsTheIndicesThereAre) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "run", "index-history", "纳指"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  // a hint shown only on a miss is a diagnostic: stderr, stdout stays empty
  EXPECT_NE(r.err.find("上证综指"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("深证成指"), std::string::npos) << r.err;
}

TEST(PickChanges, UnknownSeriesListsTheSeriesThereAre) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "run", "pick-changes", "周报"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("No such series"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("金股组合"), std::string::npos) << r.err;
  auto known = run_yanbao({"--db", f.db, "run", "pick-changes", "周度策略"}, f.dir);
  EXPECT_EQ(known.err.find("No such series"), std::string::npos) << known.err;
}

TEST(PickHistory, PicksCommandPrintsSummaryRunsThenNewestPicks) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "picks", "sh688326"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Summary\nfirst_seen  2024-01-05\n", 0), 0u) << r.out;
  const size_t runs = r.out.find("current_run"), picks = r.out.find("\nPicks, newest first\n");
  ASSERT_NE(runs, std::string::npos) << r.out;
  ASSERT_NE(picks, std::string::npos) << r.out;
  EXPECT_LT(runs, picks);
  EXPECT_LT(r.out.find("2024-02-02", picks), r.out.find("2024-01-05", picks)) << r.out;
  EXPECT_EQ(r.out.find(" more ("), std::string::npos) << r.out;  // all 5 shown
  auto same = run_yanbao({"--db", f.db, "run", "pick-history", "sh688326"}, f.dir);
  EXPECT_EQ(same.out, r.out);
}

TEST(PickHistory, MachineFormatsKeepTheSummaryOnStderr) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "picks", "688326", "--format", "jsonl"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);
  EXPECT_EQ(r.out.rfind("{\"report_date\":\"2024-02-02\",\"broker\":\"中信证券\"", 0), 0u) << r.out;
  EXPECT_NE(r.err.find("first_seen"), std::string::npos) << r.err;
}

TEST(PickHistory, IsServedByIndexes) {
  Fixture f;
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get("pick-history");
  Params p = resolve_params(q, {"经纬恒润"}, {});
  p["fast"] = Value(std::int64_t{1});  // the let; a bound value, so the plans are the same for 0
  expect_no_table_scan(plan(f.db, q, q.sql, p), "pick-history");
  for (const auto& l : q.lets) expect_no_table_scan(plan(f.db, q, l.sql, p), "pick-history let " + l.name);
  for (const auto& s : q.summary)  // (the when-empty hint scans names on purpose: it runs only on a miss)
    if (s.when != "empty") expect_no_table_scan(plan(f.db, q, s.sql, p), "pick-history " + s.title);
  auto details = plan(f.db, q, q.sql, p);
  auto uses = [&](const std::string& index) {
    return std::any_of(details.begin(), details.end(), [&](const auto& d) { return d.find(index) != std::string::npos; });
  };
  EXPECT_TRUE(uses("picks_by_name"));
  // a stock's picks come from the index alone (version 11), not from rows all over the table
  EXPECT_TRUE(uses("SEARCH picks USING COVERING INDEX picks_by_base_name (base_name=?)"));
  EXPECT_TRUE(uses("picks_by_code"));
  // The summaries read no pick rows: the report ids come from the indexes.
  for (const auto& s : q.summary) {
    if (s.when == "empty") continue;
    for (const auto& d : plan(f.db, q, s.sql, p)) {
      if (d.find("picks") != std::string::npos && d.find("SEARCH") != std::string::npos) {
        EXPECT_NE(d.find("USING COVERING INDEX"), std::string::npos) << s.title << ": " << d;
      }
    }
  }
}

TEST(IndexHistory, IsServedByAnIndex) {
  Fixture f;
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get("index-history");
  Params p = resolve_params(q, {"沪指"}, {});
  auto details = plan(f.db, q, q.sql, p);
  expect_no_table_scan(details, "index-history");
  auto uses = [&](const std::string& what) {
    return std::any_of(details.begin(), details.end(), [&](const auto& d) { return d.find(what) != std::string::npos; });
  };
  // From the summary index_days; while reports are pending, from the covering index.
  EXPECT_TRUE(uses("SEARCH d USING PRIMARY KEY (name=?)"));
  EXPECT_TRUE(uses("USING COVERING INDEX indices_by_name_period (name=?)"));
  EXPECT_TRUE(uses("USING COVERING INDEX indices_by_raw_name_name (raw_name=?"));
}

TEST(PickHistory, ReadsReportColumnsFromTheListingIndex) {
  Fixture f;
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get("pick-history");
  Params p = resolve_params(q, {"经纬恒润"}, {});
  p["fast"] = Value(std::int64_t{0});
  for (const std::string& sql : {q.sql, q.summary[0].sql, q.summary[3].sql}) {
    auto details = plan(f.db, q, sql, p);
    EXPECT_TRUE(std::any_of(details.begin(), details.end(), [](const auto& d) {
      return d.find("USING COVERING INDEX reports_by_id_listing (id=?)") != std::string::npos;
    })) << sql;
  }
}

TEST(PickHistory, WiderPickIndexesReplaceOnesABulkLoadLeftDeferred) {
  // A bulk load killed before its end leaves its indexes dropped and their version-8
  // definitions in deferred_indexes; migrations 0011 and 0012 create the new indexes and
  // forget the old definitions, which the next ingest would otherwise build again.
  Fixture f;
  {
    auto w = open_archive_for_write(f.db);
    w->exec("DROP INDEX picks_by_base_name; DROP INDEX picks_by_code;"
            "INSERT INTO deferred_indexes (name, sql) VALUES"
            " ('picks_by_base_name', 'CREATE INDEX picks_by_base_name ON picks (base_name, report_id)'),"
            " ('picks_by_code', 'CREATE INDEX picks_by_code ON picks (code, base_name, report_id)');"
            // Undo 0013 too, so that rewinding to version 10 is a true version-10 archive
            // (0013's ALTER TABLE ADD COLUMN cannot run twice).
            "DROP INDEX reports_by_kind; ALTER TABLE reports DROP COLUMN kind;"
            "DROP TABLE sectors; DROP TABLE ratings; DROP TABLE forecasts; DROP TABLE analysts;"
            // and 0016's: its new objects, then the version-4 full-text index (0004 again)
            "DROP TRIGGER reports_fts_before_insert; DROP TABLE reports_fts_pending; DROP TABLE yanbao_meta;"
            // and 0018's table and trigger
            "DROP TABLE pick_series; DROP TRIGGER query_summary_report_series_update;"
            // and 0019's
            "DROP TABLE top_pick_months;" +
            std::string(*embedded::find("migrations/0004_search_bigrams.sql")) +
            "PRAGMA user_version = 10");
    // What later migrations added goes too, so that replaying them from version 10 is the
    // upgrade of a real version-10 archive.
    for (const char* t : {"indices", "movers", "news", "events", "picks", "risks"})
      w->exec(std::string("ALTER TABLE ") + t + " DROP COLUMN line");
  }
  auto w = open_archive_for_write(f.db);
  auto sql = [&](const char* index) {
    return w->execAndGet(std::string("SELECT sql FROM sqlite_schema WHERE name = '") + index + "'").getString();
  };
  EXPECT_NE(sql("picks_by_base_name").find("rating, name, code)"), std::string::npos);
  EXPECT_NE(sql("picks_by_code").find("report_id, kind)"), std::string::npos);
  EXPECT_EQ(w->execAndGet("SELECT count(*) FROM deferred_indexes").getInt(), 0);
}

TEST(TopPicks, WithoutDatesReadsTheSummaryNotThePicks) {
  Fixture f;
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get("top-picks");
  for (const std::vector<std::pair<std::string, std::string>>& named :
       {std::vector<std::pair<std::string, std::string>>{}, {{"kind", "watch"}}}) {
    auto details = plan(f.db, q, q.sql, resolve_params(q, {}, named));
    auto uses = [&](const std::string& what) {
      return std::any_of(details.begin(), details.end(), [&](const auto& d) { return d.find(what) != std::string::npos; });
    };
    // top_picks: the rows of one kind ('any' without --kind), one per stock
    EXPECT_TRUE(uses("SEARCH t USING PRIMARY KEY (kind=?)")) << named.size();
    // the fallback walks reports by date; with the summary answering its range is empty
    EXPECT_TRUE(uses("SEARCH r USING COVERING INDEX reports_by_date (report_date>? AND report_date<?)")) << named.size();
  }
  // over a date range: the months of top_pick_months by primary key, the edges by date
  auto details = plan(f.db, q, q.sql, resolve_params(q, {}, {{"since", "2024-01-10"}}));
  auto uses = [&](const std::string& what) {
    return std::any_of(details.begin(), details.end(), [&](const auto& d) { return d.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(uses("SEARCH m USING PRIMARY KEY (kind=? AND month>? AND month<?)"));
  EXPECT_TRUE(uses("SEARCH r USING COVERING INDEX reports_by_date (report_date>? AND report_date<?)"));
}

TEST(TopPicks, ArchiveFromBeforeKindSummariesSaysToIngestOnce) {
  Fixture f;
  {
    auto w = open_archive_for_write(f.db);  // top_picks as migration 0008 made it
    w->exec("DROP TABLE top_picks; CREATE TABLE top_picks (key TEXT PRIMARY KEY, code TEXT, reports INTEGER NOT NULL,"
            " first_seen TEXT, last_seen TEXT) WITHOUT ROWID; PRAGMA user_version = 9");
  }
  auto r = run_yanbao({"--db", f.db, "run", "top-picks", "--kind", "watch"}, f.dir);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("has schema version 9, older than this yanbao's (" + std::to_string(latest_schema_version()) +
                       "): run yanbao ingest once to upgrade it"),
            std::string::npos)
      << r.err;
}

TEST(IndexHistory, AcceptsTheCanonicalNameAndAliases) {
  Fixture f;
  const std::vector<std::string> dates = {"2024-01-05", "2024-01-10", "2024-01-12", "2024-01-19", "2024-02-02"};
  for (std::string name : {"上证综指", "上证指数", "沪指", "上证综合指数"}) {
    auto r = run_builtin(f.db, "index-history", {name});
    EXPECT_EQ(column(r.rows, "date"), dates) << name;
    EXPECT_EQ(cell(r.rows, 0, "close"), "2929.18") << name;
    EXPECT_EQ(cell(r.rows, 0, "change_pct"), "-1.61") << name;
  }
  auto all = run_builtin(f.db, "index-history", {"沪指"}, {{"period", "all"}});
  EXPECT_EQ(all.rows.rows.size(), 6u);
  auto since = run_builtin(f.db, "index-history", {"深成指"}, {{"since", "2024-01-01"}});
  EXPECT_EQ(column(since.rows, "close"), (std::vector<std::string>{"9123.5"}));
}

TEST(PickChanges, ComparesTheLatestReportOfASeriesWithTheOneBefore) {
  Fixture f;
  auto r = run_builtin(f.db, "pick-changes", {"周度策略"});
  EXPECT_EQ(column(r.rows, "change"), (std::vector<std::string>{"added", "dropped"}));
  EXPECT_EQ(column(r.rows, "name"), (std::vector<std::string>{"中芯国际", "平安银行"}));
  EXPECT_EQ(cell(r.rows, 0, "from_date"), "2024-01-26");
  EXPECT_EQ(cell(r.rows, 0, "to_date"), "2024-02-02");
}

TEST(PickChanges, DatePicksTheReportOnOrBeforeIt) {
  Fixture f;
  auto r = run_builtin(f.db, "pick-changes", {"周度策略"}, {{"date", "2024-01-20"}, {"broker", "中信证券"}});
  EXPECT_EQ(column(r.rows, "change"), (std::vector<std::string>{"added", "dropped"}));
  EXPECT_EQ(column(r.rows, "name"), (std::vector<std::string>{"贵州茅台", "经纬恒润-W"}));
  // 01-26 wrote 经纬恒润 without a code: still the same stock as 经纬恒润-W (base name).
  auto same = run_builtin(f.db, "pick-changes", {"周度策略"}, {{"date", "2024-01-26"}});
  EXPECT_EQ(column(same.rows, "name"), (std::vector<std::string>{"经纬恒润", "贵州茅台"}));
  EXPECT_EQ(column(same.rows, "change"), (std::vector<std::string>{"added", "dropped"}));
}

TEST(TopPicks, RanksStocksByReportsThenBrokers) {
  Fixture f;
  auto r = run_builtin(f.db, "top-picks", {});
  EXPECT_EQ(column(r.rows, "name"),
            (std::vector<std::string>{"经纬恒润", "贵州茅台", "平安银行", "宁德时代", "中芯国际"}));
  EXPECT_EQ(cell(r.rows, 0, "reports"), "5");  // grouped by code, including the pick printed without one
  EXPECT_EQ(cell(r.rows, 0, "brokers"), "2");
  auto limited = run_builtin(f.db, "top-picks", {}, {{"since", "2024-01-20"}, {"limit", "1"}});
  EXPECT_EQ(column(limited.rows, "name"), (std::vector<std::string>{"经纬恒润"}));
}

TEST(Movers, CountsStocksAmongTheTopMovers) {
  Fixture f;
  auto r = run_builtin(f.db, "movers", {});
  EXPECT_EQ(cell(r.rows, 0, "name"), "剑桥科技");
  EXPECT_EQ(cell(r.rows, 0, "reports"), "2");
  auto down = run_builtin(f.db, "movers", {}, {{"direction", "down"}});
  EXPECT_EQ(column(down.rows, "name"), (std::vector<std::string>{"某某退"}));
}

TEST(Events, ListsEventsOfACompanyByNamePartOrCode) {
  Fixture f;
  EXPECT_EQ(run_builtin(f.db, "events", {}).rows.rows.size(), 3u);
  EXPECT_EQ(column(run_builtin(f.db, "events", {"宁德"}).rows, "company"), (std::vector<std::string>{"宁德时代"}));
  EXPECT_EQ(column(run_builtin(f.db, "events", {"300750"}).rows, "company"), (std::vector<std::string>{"宁德时代"}));
  EXPECT_EQ(column(run_builtin(f.db, "events", {}, {{"since", "2024-02-01"}}).rows, "company"),
            (std::vector<std::string>{"经纬恒润"}));
}

TEST(Reports, ListsReportsNewestFirstWithFilters) {
  Fixture f;
  auto r = run_builtin(f.db, "reports", {}, {{"broker", "华泰证券"}});
  EXPECT_EQ(column(r.rows, "report_date"), (std::vector<std::string>{"2024-02-01", "2024-01-10"}));
  auto s = run_builtin(f.db, "reports", {}, {{"series", "周度策略"}, {"since", "2024-01-19"}});
  EXPECT_EQ(s.rows.rows.size(), 3u);
}

TEST(Themes, ListsThemesWithTheirStocksAndCounts) {
  Fixture f;
  auto r = run_builtin(f.db, "themes", {});
  auto themes = column(r.rows, "theme");
  ASSERT_FALSE(themes.empty());
  auto it = std::find(themes.begin(), themes.end(), "汽车电子");
  ASSERT_NE(it, themes.end());
  size_t i = static_cast<size_t>(it - themes.begin());
  EXPECT_EQ(cell(r.rows, i, "reports"), "3");
  EXPECT_EQ(cell(r.rows, i, "top_stocks"), "经纬恒润×3");
}

TEST(Stats, CountsRowsPerTableAndShowsTheLastIngest) {
  Fixture f;
  auto r = run_builtin(f.db, "stats", {});
  EXPECT_EQ(cell(r.rows, 0, "table"), "reports");
  EXPECT_EQ(cell(r.rows, 0, "rows"), "7");
  ASSERT_EQ(r.summary.size(), 3u);
  EXPECT_EQ(cell(r.summary[0].second, 0, "first_report"), "2024-01-05");
  EXPECT_EQ(cell(r.summary[0].second, 0, "last_report"), "2024-02-02");
  EXPECT_EQ(cell(r.summary[0].second, 0, "brokers"), "2");
  EXPECT_EQ(cell(r.summary[2].second, 0, "added"), "7");
  auto c = run_yanbao({"--db", f.db, "stats"}, f.dir);
  EXPECT_EQ(c.code, 0) << c.err;
  EXPECT_NE(c.out.find("Last ingest"), std::string::npos);
}

TEST(Search, IsACannedQueryToo) {
  Fixture f;
  auto r = run_builtin(f.db, "search", {"智驾"});
  EXPECT_EQ(column(r.rows, "path"), (std::vector<std::string>{"中信/2024/zx-20240105.md"}));
}

TEST(CannedCli, UnknownQueryNameSuggestsTheClosest) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "run", "pick-histroy", "x"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown query 'pick-histroy'; did you mean 'pick-history'?"), std::string::npos) << r.err;
}

TEST(CannedCli, UnknownParameterSuggestsTheClosest) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "run", "pick-changes", "周度策略", "--brokr", "中信证券"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean --broker?"), std::string::npos) << r.err;
  auto p = run_yanbao({"--db", f.db, "run", "pick-changes", "周度策略", "--param", "brokr=中信证券"}, f.dir);
  EXPECT_EQ(p.code, 2);
  EXPECT_NE(p.err.find("did you mean 'broker'?"), std::string::npos) << p.err;
}

TEST(CannedCli, MissingRequiredParameterIsAUsageError) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "run", "pick-history"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("needs ticker"), std::string::npos) << r.err;
}

TEST(CannedCli, InvalidChoiceIsAUsageError) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "run", "movers", "--direction", "sideways"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("choose one of: up down"), std::string::npos) << r.err;
  EXPECT_EQ(run_yanbao({"--db", f.db, "run", "top-picks", "--limit", "ten"}, f.dir).code, 2);
  EXPECT_EQ(run_yanbao({"--db", f.db, "run", "top-picks", "--since", "yesterday"}, f.dir).code, 2);
}

TEST(CannedCli, NamedParamsParamFlagAndGlobalOptionsMix) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "run", "pick-changes", "--param", "series=周度策略", "-f", "csv", "--date=2024-01-20",
                "--no-header"},
               f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "added,贵州茅台,600519.SH,白酒,2024-01-12,2024-01-19,中信证券\r\n"
            "dropped,经纬恒润-W,688326.SH,智能驾驶,2024-01-12,2024-01-19,中信证券\r\n");
}

TEST(CannedCli, QueriesListsAndShows) {
  Fixture f;
  auto list = run_yanbao({"queries"}, f.dir);
  EXPECT_EQ(list.code, 0) << list.err;
  for (const char* n : {"pick-history", "pick-changes", "top-picks", "index-history", "movers", "events", "reports",
                        "themes", "stats", "search"})
    EXPECT_NE(list.out.find(n), std::string::npos) << n;
  auto show = run_yanbao({"queries", "show", "pick-history"}, f.dir);
  EXPECT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find(":ticker_base"), std::string::npos);
  EXPECT_NE(show.out.find("ticker (ticker, required)"), std::string::npos) << show.out;
  auto bad = run_yanbao({"queries", "show", "top-pick"}, f.dir);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("did you mean 'top-picks'"), std::string::npos);
}

TEST(UserQueries, RunStreamsTableRowsAfterSizingByTheFirstThousand) {
  // `run` writes rows as they come in every format, so memory stays bounded: the table is
  // sized by its first 1,000 rows and a wider cell after them is printed as it is.
  Fixture f;
  spit(f.dir / "many.yaml",
       "queries:\n"
       "  - name: many\n"
       "    title: Many rows\n"
       "    sql: |\n"
       "      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)\n"
       "      SELECT i, CASE WHEN i = 1200 THEN 'a much wider cell than any before' ELSE 'x' END AS note FROM n\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "many.yaml").string(), "run", "many"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 1502u);
  EXPECT_EQ(lines[0], "   i  note");
  EXPECT_EQ(lines[1], "----  ----");  // sized by the first 1,000 rows, not by row 1200
  EXPECT_EQ(lines[2 + 1199], "1200  a much wider cell than any before");
}

TEST(UserQueries, QueriesFileAddsAndOverridesByName) {
  Fixture f;
  spit(f.dir / "mine.yaml",
       "queries:\n"
       "  - name: by-code\n"
       "    title: Picks of one code\n"
       "    params:\n"
       "      - {name: code, required: true}\n"
       "    sql: SELECT name, code FROM picks WHERE code = :code ORDER BY report_id LIMIT 1\n"
       "  - name: stats\n"
       "    title: Mine\n"
       "    sql: SELECT 'overridden' AS what\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "mine.yaml").string(), "run", "by-code", "000001.SZ"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("平安银行"), std::string::npos) << r.out;
  auto s = run_yanbao({"--db", f.db, "stats", "--queries", (f.dir / "mine.yaml").string(), "-f", "csv"}, f.dir);
  EXPECT_EQ(s.out, "what\r\noverridden\r\n");
  auto list = run_yanbao({"queries", "--queries", (f.dir / "mine.yaml").string()}, f.dir);
  EXPECT_NE(list.out.find("by-code"), std::string::npos);
  auto missing = run_yanbao({"--db", f.db, "--queries", (f.dir / "nope.yaml").string(), "run", "stats"}, f.dir);
  EXPECT_EQ(missing.code, 2);
}

TEST(UserQueries, LetComputesAValueOnceForEveryStatement) {
  Fixture f;
  spit(f.dir / "let.yaml",
       "queries:\n"
       "  - name: since-newest\n"
       "    params:\n"
       "      - {name: days, type: int, default: \"30\"}\n"
       "    let:\n"
       "      - name: newest\n"
       "        sql: SELECT max(report_date) FROM reports\n"
       "      - name: start\n"
       "        sql: SELECT date(:newest, '-' || :days || ' days')\n"
       "    sql: SELECT :start AS start, count(*) AS reports FROM reports WHERE report_date >= :start\n"
       "    summary:\n"
       "      - title: Newest\n"
       "        sql: SELECT :newest AS newest\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "let.yaml").string(), "-f", "tsv", "run", "since-newest",
                       "--days", "10"},
                      f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  auto ro = open_archive_readonly(f.db);
  const std::string newest = ro->execAndGet("SELECT max(report_date) FROM reports").getString();
  const std::string start = ro->execAndGet("SELECT date('" + newest + "', '-10 days')").getString();
  const int n = ro->execAndGet("SELECT count(*) FROM reports WHERE report_date >= '" + start + "'").getInt();
  EXPECT_EQ(r.out, "start\treports\n" + start + "\t" + std::to_string(n) + "\n");
  EXPECT_NE(r.err.find(newest), std::string::npos) << r.err;  // the summary, on stderr in tsv
  auto show = run_yanbao({"--queries", (f.dir / "let.yaml").string(), "queries", "show", "since-newest"}, f.dir);
  EXPECT_NE(show.out.find("Let :newest"), std::string::npos) << show.out;
}

TEST(UserQueries, LetGivingMoreThanOneRowOrTakingAParamsNameIsRefused) {
  Fixture f;
  spit(f.dir / "rows.yaml",
       "- name: two\n  let: [{name: x, sql: SELECT id FROM reports}]\n  sql: SELECT :x AS x\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "rows.yaml").string(), "run", "two"}, f.dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("let 'x' must give one value"), std::string::npos) << r.err;
  spit(f.dir / "clash.yaml",
       "- name: clash\n  params: [{name: t, type: ticker}]\n  let: [{name: t_code, sql: SELECT 1}]\n"
       "  sql: SELECT :t_code AS x\n");
  auto c = run_yanbao({"--db", f.db, "--queries", (f.dir / "clash.yaml").string(), "queries"}, f.dir);
  EXPECT_EQ(c.code, 1);
  EXPECT_NE(c.err.find("let 't_code' takes a name that param 't' binds"), std::string::npos) << c.err;
}

TEST(UserQueries, ConfigFileUnderXdgConfigHomeIsRead) {
  Fixture f;
  spit(f.dir / "config" / "yanbao" / "queries.yaml",
       "- name: count-reports\n  sql: SELECT count(*) AS n FROM reports\n");
  auto r = run_yanbao({"--db", f.db, "-f", "csv", "run", "count-reports"}, f.dir, "XDG_CONFIG_HOME=" + (f.dir / "config").string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "n\r\n7\r\n");
}

TEST(UserQueries, UserQueriesMayNotWrite) {
  Fixture f;
  spit(f.dir / "bad.yaml", "queries:\n  - name: wipe\n    sql: DELETE FROM reports\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "bad.yaml").string(), "run", "wipe"}, f.dir);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("writes"), std::string::npos) << r.err;
  auto ro = open_archive_readonly(f.db);
  EXPECT_EQ(ro->execAndGet("SELECT count(*) FROM reports").getInt(), 7);
}

TEST(UserQueries, MalformedFileNamesFileAndLine) {
  Fixture f;
  spit(f.dir / "broken.yaml", "queries:\n  - name: x\n    params: [ {name: a, type: colour} ]\n    sql: SELECT 1\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "broken.yaml").string(), "queries"}, f.dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("broken.yaml:3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown param type 'colour'"), std::string::npos) << r.err;
}

TEST(UserQueries, MisspelledTopLevelKeyIsReported) {
  QueryCatalog c = QueryCatalog::builtin();
  try {
    c.add_yaml("querys:\n  - name: x\n    sql: SELECT 1\n", "mine.yaml");
    FAIL() << "accepted a misspelled key";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("mine.yaml:1: unknown top-level key 'querys'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("did you mean 'queries'?"), std::string::npos) << e.what();
  }
}

TEST(Params, TickerBindsBaseNameAndNormalizedCode) {
  QueryCatalog c = QueryCatalog::builtin();
  Params p = resolve_params(c.get("pick-history"), {"sz000001"}, {});
  EXPECT_EQ(p["ticker"], Value(std::string("sz000001")));
  EXPECT_EQ(p["ticker_code"], Value(std::string("000001.SZ")));
  Params n = resolve_params(c.get("pick-history"), {"经纬恒润-W"}, {});
  EXPECT_EQ(n["ticker_base"], Value(std::string("经纬恒润")));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(n["ticker_code"]));
}

TEST(Params, PositionalArgumentsFillRequiredParamsInOrder) {
  QueryCatalog c = QueryCatalog::builtin();
  EXPECT_THROW(resolve_params(c.get("pick-changes"), {"周度策略", "extra"}, {}), UsageError);
  Params p = resolve_params(c.get("pick-changes"), {"周度策略"}, {{"date", "2024年1月20日"}});
  EXPECT_EQ(p["series"], Value(std::string("周度策略")));
  EXPECT_EQ(p["date"], Value(std::string("2024-01-20")));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(p["broker"]));
}

TEST(Params, QuotesSemicolonsAndCommentsAreInert) {
  Fixture f;
  for (const std::string hostile : {"长光华芯'; DROP TABLE picks; --", "x' OR '1'='1", "\"; DELETE FROM reports; --",
                                    "长光华芯 -- comment"}) {
    auto r = run_yanbao({"picks", hostile, "--db", f.db, "--format", "csv"}, f.dir);
    EXPECT_EQ(r.code, 0) << hostile << ": " << r.err;
    EXPECT_EQ(r.out, "report_date,broker,series,theme,kind,rating,name,code,title\r\n") << hostile;
    auto q = run_yanbao({"query", "SELECT :v AS v", "-p", "v=" + hostile, "--db", f.db, "--format", "tsv", "--no-header"}, f.dir);
    EXPECT_EQ(q.code, 0) << q.err;
    EXPECT_EQ(q.out, hostile + "\n");
  }
  SQLite::Database db(f.db);
  EXPECT_GT(db.execAndGet("SELECT count(*) FROM picks").getInt(), 0);
  EXPECT_GT(db.execAndGet("SELECT count(*) FROM reports").getInt(), 0);
}

TEST(CannedCli, ArchiveOlderThanAQueryNeedsSaysToIngestOnce) {
  Fixture f;
  {
    auto w = open_archive_for_write(f.db);
    w->exec("DROP INDEX reports_by_id_listing; PRAGMA user_version = 7");  // as if written before 0008
  }
  auto r = run_yanbao({"--db", f.db, "run", "pick-history", "经纬恒润"}, f.dir);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("has schema version 7, older than this yanbao's (" + std::to_string(latest_schema_version()) +
                       "): run yanbao ingest once to upgrade it"),
            std::string::npos)
      << r.err;
}

TEST(UserQueries, BuiltinsParsedOnDemandEqualTheWholeFileParsedAtOnce) {
  QueryCatalog lazy = QueryCatalog::builtin();
  QueryCatalog whole;
  whole.add_yaml(*embedded::find("schema/queries.yaml"), "built-in");
  const CannedQuery& one = lazy.get("index-history");  // parses only this one
  std::ostringstream a, b;
  describe_query(a, one);
  describe_query(b, whole.get("index-history"));
  EXPECT_EQ(a.str(), b.str());
  ASSERT_EQ(lazy.all().size(), whole.all().size());
  for (size_t i = 0; i < whole.all().size(); ++i) {
    std::ostringstream x, y;
    describe_query(x, lazy.all()[i]);
    describe_query(y, whole.all()[i]);
    EXPECT_EQ(x.str(), y.str()) << whole.all()[i].name;
    EXPECT_EQ(lazy.all()[i].total_sql, whole.all()[i].total_sql) << whole.all()[i].name;
  }
  ASSERT_NE(lazy.sections("show"), nullptr);
  ASSERT_EQ(lazy.sections("show")->size(), whole.sections("show")->size());
  for (size_t i = 0; i < whole.sections("show")->size(); ++i) {
    const QuerySection& x = (*lazy.sections("show"))[i];
    const QuerySection& y = (*whole.sections("show"))[i];
    EXPECT_EQ(std::tie(x.title, x.sql, x.record, x.when), std::tie(y.title, y.sql, y.record, y.when)) << y.title;
  }
}

TEST(UserQueries, SectionsOfAQueriesFileReplaceTheBuiltInsOfTheSameName) {
  // The built-in sections are parsed only when needed; a file's must still win.
  QueryCatalog c = QueryCatalog::builtin();
  c.add_yaml("sections:\n  show:\n    - title: mine\n      sql: SELECT :id AS id\n  extra:\n    - sql: SELECT 1\n",
             "mine.yaml");
  ASSERT_NE(c.sections("show"), nullptr);
  ASSERT_EQ(c.sections("show")->size(), 1u);
  EXPECT_EQ(c.sections("show")->front().title, "mine");
  ASSERT_NE(c.sections("extra"), nullptr);
  EXPECT_EQ(c.sections("extra")->size(), 1u);
  EXPECT_EQ(c.sections("nothing"), nullptr);
}

// Issue 13, item 11: an SQL error in a user's own canned query is the user's SQL, as in
// `yanbao query`: exit 2, naming the query and its file.
TEST(UserQueries, SqlErrorInAUsersQueryExitsTwoLikeQuery) {
  Fixture f;
  spit(f.dir / "mine.yaml", "queries:\n  - name: typo\n    sql: SELECT nosuchcolumn FROM reports\n"
                            "  - name: runtime\n    sql: SELECT json_extract('not json', '$.a')\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "mine.yaml").string(), "run", "typo"}, f.dir);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("query 'typo'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mine.yaml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no such column"), std::string::npos) << r.err;
  auto q = run_yanbao({"--db", f.db, "query", "SELECT nosuchcolumn FROM reports"}, f.dir);
  EXPECT_EQ(q.code, 2);
  auto rt = run_yanbao({"--db", f.db, "--queries", (f.dir / "mine.yaml").string(), "run", "runtime"}, f.dir);
  EXPECT_EQ(rt.code, 2) << rt.err;
}

// Issue 13, item 8: a queries file nested past the YAML reader's limit names its line and
// the limit (yaml-cpp's own message is "bad file").
TEST(UserQueries, DeeplyNestedFileNamesItsLineAndTheLimit) {
  Fixture f;
  spit(f.dir / "deep.yaml", "queries:\n  - name: x\n    sql: SELECT 1\n    params: " + std::string(5000, '[') +
                                std::string(5000, ']') + "\n");
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "deep.yaml").string(), "queries"}, f.dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("deep.yaml:4: nested deeper than the YAML reader allows"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the limit is 2000"), std::string::npos) << r.err;
}

// Issue 13, item 10: the queries file loads in linear time: names are found through a hash
// map, not a scan of the queries so far (4.4 MB of queries took 11.5 s, 2.5 s now; measured
// by hand, the test has no clock). Later definitions of a name still replace earlier ones.
TEST(UserQueries, ManyQueriesLoadAndTheLastDefinitionOfANameWins) {
  Fixture f;
  std::string text = "queries:\n";
  for (int i = 0; i < 30000; ++i)
    text += "  - name: q" + std::to_string(i % 20000) + "\n    sql: SELECT " + std::to_string(i) + " AS n\n";
  spit(f.dir / "many.yaml", text);
  auto r = run_yanbao({"--db", f.db, "--queries", (f.dir / "many.yaml").string(), "-f", "csv", "run", "q19999"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "n\r\n19999\r\n");
  auto again = run_yanbao({"--db", f.db, "--queries", (f.dir / "many.yaml").string(), "-f", "csv", "run", "q1"}, f.dir);
  EXPECT_EQ(again.out, "n\r\n20001\r\n");
}

TEST(PickHistory, ShowsTheNewestPicksThenHowManyMoreAndHowToSeeThem) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "picks", "经纬恒润", "--limit", "2"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2024-01-26"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("2024-01-12   "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n… 3 more (5 in all, 2 shown): --limit N shows N, --all shows every one\n"), std::string::npos)
      << r.out;
  // in a machine format the note goes to stderr, stdout keeps only rows
  auto csv = run_yanbao({"--db", f.db, "picks", "经纬恒润", "--limit", "2", "--format", "tsv"}, f.dir);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 3) << csv.out;
  EXPECT_NE(csv.err.find("… 3 more"), std::string::npos) << csv.err;
  auto all = run_yanbao({"--db", f.db, "picks", "经纬恒润", "--limit", "2", "--all", "--format", "tsv"}, f.dir);
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 6) << all.out;
  EXPECT_EQ(all.err.find(" more ("), std::string::npos) << all.err;
}

TEST(PickHistory, DefaultsToTheNewestFifty) {
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& q = c.get("pick-history");
  Params p = resolve_params(q, {"经纬恒润"}, {});
  EXPECT_EQ(value_text(p.at("limit")), "50");
  EXPECT_EQ(value_text(p.at("all")), "0");
}

TEST(PickHistory, SummaryGivesEachBrokersLatestRatingAndTarget) {
  test::TempDir t;
  const std::string db = (t.path / "y.db").string();
  ASSERT_EQ(run_yanbao({"--db", db, "ingest", std::string(YANBAO_SOURCE_DIR) + "/examples/notes"}, t.path).code, 0);
  auto r = run_yanbao({"--db", db, "picks", "300124"}, t.path);
  EXPECT_EQ(r.code, 0) << r.err;
  const size_t ratings = r.out.find("Latest rating and target per broker\n");
  ASSERT_NE(ratings, std::string::npos) << r.out;
  EXPECT_LT(ratings, r.out.find("Picks, newest first"));
  EXPECT_NE(r.out.find("兴业证券  2025-03-18   增持    down            70.0  CNY"), std::string::npos) << r.out;
  // the same statement as rating-history's summary (sql_from), not a copy that may drift
  QueryCatalog c = QueryCatalog::builtin();
  const CannedQuery& ph = c.get("pick-history");
  const CannedQuery& rh = c.get("rating-history");
  EXPECT_EQ(ph.summary[1].sql, rh.summary[0].sql);
  EXPECT_EQ(ph.summary[1].sql_from_query, "rating-history");
}
