// Specs for `yanbao securities import` and codes learned from reports.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "extract/codes.h"
#include "ingest/ingest.h"
#include "store/archive.h"
#include "store/securities.h"
#include "store/statements.h"

namespace fs = std::filesystem;
using namespace yanbao;

namespace {

using Lines = std::vector<std::string>;

/// Each row read as "code name exchange", to compare with a literal list.
Lines rows_of(const SecurityCsv& csv) {
  Lines out;
  for (const auto& r : csv.rows) out.push_back(r.code + " " + r.name + " " + r.exchange);
  return out;
}

}  // namespace

TEST(SecuritiesCsv, CanonicalizesCodesAndReportsBadRowsByLine) {
  auto csv = parse_securities_csv("code,name,exchange\n600519,贵州茅台,SH\nSZ300223,北京君正\n0700.HK,腾讯控股\n"
                                  "12345,坏代码\n688326,\n\"002415\",\"海康威视\"\n");
  EXPECT_EQ(rows_of(csv), (Lines{"600519.SH 贵州茅台 SH", "300223.SZ 北京君正 SZ", "00700.HK 腾讯控股 HK",
                                 "002415.SZ 海康威视 SZ"}));
  EXPECT_EQ(csv.errors, (Lines{"line 5: not a stock code: '12345'", "line 6: empty name for 688326.SH"}));
}

TEST(SecuritiesCsv, QuotedFieldWithCommaAndNoHeader) {
  EXPECT_EQ(rows_of(parse_securities_csv("600000,\"浦发银行,A\"\r\n")), (Lines{"600000.SH 浦发银行,A SH"}));
}

TEST(SecuritiesCsv, AkshareCodeNameListWithPandasIndex) {
  // ak.stock_info_a_code_name().to_csv("a.csv") without index=False adds an unnamed column.
  auto csv = parse_securities_csv(",code,name\n0,000001,平安银行\n1,920819,颖泰生物\n2,688981,中芯国际\n");
  EXPECT_EQ(rows_of(csv), (Lines{"000001.SZ 平安银行 SZ", "920819.BJ 颖泰生物 BJ", "688981.SH 中芯国际 SH"}));
  EXPECT_TRUE(csv.errors.empty());
}

TEST(SecuritiesCsv, TushareStockBasicUsesTsCodeAndShortName) {
  auto csv = parse_securities_csv(
      "ts_code,symbol,name,area,industry,fullname,market,exchange,list_date\n"
      "000001.SZ,000001,平安银行,深圳,银行,平安银行股份有限公司,主板,SZSE,19910403\n"
      "600519.SH,600519,贵州茅台,贵州,白酒,贵州茅台酒股份有限公司,主板,SSE,20010827\n");
  EXPECT_EQ(rows_of(csv), (Lines{"000001.SZ 平安银行 SZ", "600519.SH 贵州茅台 SH"}));
}

TEST(SecuritiesCsv, TushareSymbolWithExchangeColumn) {
  auto csv = parse_securities_csv("symbol,name,exchange\n600000,浦发银行,SSE\n430047,诺思兰德,BSE\n");
  EXPECT_EQ(rows_of(csv), (Lines{"600000.SH 浦发银行 SH", "430047.BJ 诺思兰德 BJ"}));
}

TEST(SecuritiesCsv, ChineseHeadersInAnyColumnOrder) {
  auto csv = parse_securities_csv("序号,名称,代码,最新价\n1,*ST金科,000656,1.02\n2,腾讯控股,00700,380.2\n");
  EXPECT_EQ(rows_of(csv), (Lines{"000656.SZ *ST金科 SZ", "00700.HK 腾讯控股 HK"}));
  EXPECT_TRUE(csv.errors.empty());
  EXPECT_EQ(rows_of(parse_securities_csv("证券代码,证券简称\n300750,宁德时代\n")), (Lines{"300750.SZ 宁德时代 SZ"}));
}

TEST(SecuritiesCsv, CodesThatLostTheirLeadingZerosGetAHint) {
  auto csv = parse_securities_csv("code,name\n1,平安银行\n12345,坏代码\n");
  EXPECT_EQ(csv.errors, (Lines{"line 2: not a stock code: '1' (leading zeros lost? keep the code column as text)",
                               "line 3: not a stock code: '12345'"}));
}

TEST(SecuritiesCsv, HeaderlessRowsStayPositional) {
  auto csv = parse_securities_csv("600519,贵州茅台\n300223,北京君正,SZ\n600000,浦发银行,SH,extra\n");
  EXPECT_EQ(rows_of(csv), (Lines{"600519.SH 贵州茅台 SH", "300223.SZ 北京君正 SZ"}));
  EXPECT_EQ(csv.errors, (Lines{"line 3: expected code,name[,exchange], found 4 field(s)"}));
}

TEST(Securities, MarkedNamesShareOneBaseName) {
  for (const char* n : {"*ST金科", "ST金科", "金科"}) EXPECT_EQ(base_name(n), "金科") << n;
  for (const char* n : {"N长光", "C长光"}) EXPECT_EQ(base_name(n), "长光") << n;
  for (const char* n : {"小米集团-W", "百济神州-U", "美团-W"}) EXPECT_EQ(base_name(n).find('-'), std::string::npos) << n;
  EXPECT_EQ(base_name("NIO"), "NIO");  // an ASCII name is not a marked one
}

TEST(Securities, ImportedNameGivesCodeToStoredPicks) {
  std::string tmpl = (fs::temp_directory_path() / "yanbao-sec-XXXXXX").string();
  fs::path dir = mkdtemp(tmpl.data());
  std::string db_path = (dir / "a.db").string();
  {
    auto db = open_archive_for_write(db_path);
    db->exec("INSERT INTO reports (id, root, path, body, sha256, encoding, size, mtime_ns, parser_version, ingested_at)"
             " VALUES (1, '/r', 'a.md', '', 'x', 'utf-8', 0, 0, 1, '')");
    db->exec("INSERT INTO picks (report_id, seq, name, base_name, kind) VALUES (1, 1, '贵州茅台', '贵州茅台', 'recommend')");
    import_securities(*db, parse_securities_csv("600519,贵州茅台\n").rows);
    EXPECT_EQ(db->execAndGet("SELECT code FROM picks").getString(), "600519.SH");
    EXPECT_EQ(db->execAndGet("SELECT code_source FROM picks").getString(), "archive");
  }
  fs::remove_all(dir);
}

// ---- Learning codes (issue 16): a run reads and writes the rows whose code changes ----

namespace {

/// A weekly report dated 2024-01-DD whose movers and picks are `names` (each "名称" or
/// "名称（代码）"): every name is a mover up and a pick.
void write_report(const fs::path& dir, int day, const std::vector<std::string>& names) {
  std::string movers, picks;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    const auto paren = n.find("（");
    movers += (i ? "、" : "") + (paren == std::string::npos ? n + "（+1.00%）" : n.substr(0, paren) + "（+1.00%）");
    picks += (i ? "、" : "") + n;
  }
  char date[16];
  std::snprintf(date, sizeof date, "2024-01-%02d", day);
  std::ofstream(dir / ("r" + std::to_string(day) + ".md"))
      << "---\ntitle: \"医药行业周报：第" << day << "期\"\ndate: \"" << date << " 10:00:00\"\n---\n\n"
      << "个股方面，本周板块涨幅前五的个股为：" << movers << "。\n\n推荐标的：" << picks << "。\n";
}

struct LearningArchive {
  std::string tmpl = (fs::temp_directory_path() / "yanbao-learn-XXXXXX").string();
  fs::path dir = mkdtemp(tmpl.data());
  std::string db = (dir / "a.db").string();
  int restricted_runs = 0;
  ~LearningArchive() { fs::remove_all(dir); }
  /// Writes a report into a new folder of its own and ingests that folder.
  void add(int day, const std::vector<std::string>& names) {
    fs::path folder = dir / ("in" + std::to_string(day));
    fs::create_directories(folder);
    if (fs::exists(db) && open_archive_for_write(db)->execAndGet("SELECT EXISTS (SELECT 1 FROM top_picks)").getInt())
      ++restricted_runs;  // summaries in place, no bulk load: the fill reads only what may change
    write_report(folder, day, names);
    IngestOptions opt;
    opt.dirs = {folder.string()};
    std::ostringstream err;
    auto sum = run_ingest(db, opt, err);
    ASSERT_EQ(sum.added, 1) << err.str();
  }
  std::string pick_code(int day, const std::string& base) {
    auto w = open_archive_for_write(db);
    return w->execAndGet(
        "SELECT coalesce(p.code, 'NULL') || ' ' || coalesce(p.code_source, 'NULL') FROM picks p JOIN reports r ON r.id = p.report_id"
        " WHERE r.report_date = '2024-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "' AND p.base_name = '" + base + "'")
        .getString();
  }
  std::string mover_code(int day, const std::string& name) {
    auto w = open_archive_for_write(db);
    return w->execAndGet(
        "SELECT coalesce(m.code, 'NULL') FROM movers m JOIN reports r ON r.id = m.report_id"
        " WHERE r.report_date = '2024-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "' AND m.name = '" + name + "'")
        .getString();
  }
  /// Rows the full pass (every row without a code) would still fill: 0 when a run was exact.
  int64_t left_for_the_full_pass() {
    auto w = open_archive_for_write(db);
    SQLite::Transaction tx(*w);
    const int64_t before = w->getTotalChanges();
    fill_learned_codes(*w);
    return w->getTotalChanges() - before;  // rolled back
  }
};

/// Counts the rows of picks, movers and events an UPDATE reaches on this connection (TEMP
/// triggers fire while the archive's own are off).
void count_updates(SQLite::Database& db) {
  db.exec("CREATE TEMP TABLE updated (t TEXT)");
  for (const char* t : {"picks", "movers", "events"})
    db.exec(std::string("CREATE TEMP TRIGGER updated_") + t + " AFTER UPDATE ON main." + t +
            " BEGIN INSERT INTO updated VALUES ('" + t + "'); END");
}

}  // namespace

TEST(LearnedCodes, AReportThatPrintsACodeFillsTheStoredRowsOfItsName) {
  LearningArchive a;
  a.add(1, {"润瑞", "汇泽（600001.SH）"});
  a.add(2, {"润瑞"});
  EXPECT_EQ(a.pick_code(1, "润瑞"), "NULL NULL");
  a.add(3, {"润瑞（002282.SZ）"});
  EXPECT_EQ(a.pick_code(1, "润瑞"), "002282.SZ archive");
  EXPECT_EQ(a.pick_code(2, "润瑞"), "002282.SZ archive");
  EXPECT_EQ(a.pick_code(3, "润瑞"), "002282.SZ report");
  EXPECT_EQ(a.mover_code(1, "润瑞"), "002282.SZ");
  EXPECT_EQ(a.mover_code(2, "润瑞"), "002282.SZ");
  EXPECT_EQ(a.left_for_the_full_pass(), 0);
  EXPECT_EQ(a.restricted_runs, 2);
}

TEST(LearnedCodes, ANewRowPrintedWithoutACodeTakesTheCodeAlreadyKnown) {
  LearningArchive a;
  a.add(1, {"汇泽（600001.SH）", "润瑞（002282.SZ）"});
  a.add(2, {"润瑞", "汇泽"});
  EXPECT_EQ(a.pick_code(2, "润瑞"), "002282.SZ archive");
  EXPECT_EQ(a.pick_code(2, "汇泽"), "600001.SH archive");
  EXPECT_EQ(a.mover_code(2, "汇泽"), "600001.SH");
  EXPECT_EQ(a.left_for_the_full_pass(), 0);
  EXPECT_EQ(a.restricted_runs, 1);
}

TEST(LearnedCodes, ARunThatLearnsNothingUpdatesNoPick) {
  LearningArchive a;
  a.add(1, {"润瑞", "汇泽（600001.SH）"});
  a.add(2, {"汇泽（600001.SH）", "新禾"});  // no alias new to the archive, nothing learnable
  EXPECT_EQ(a.restricted_runs, 1);
  auto db = open_archive_for_write(a.db);
  count_updates(*db);
  const int64_t last = db->execAndGet("SELECT max(id) FROM reports").getInt64();
  SQLite::Transaction tx(*db);
  fill_learned_codes(*db, LearnedScope{{}, last});
  EXPECT_EQ(db->execAndGet("SELECT count(*) FROM temp.updated").getInt64(), 0);
  // Teaching one name updates that name's rows and nothing else.
  db->exec("INSERT INTO security_aliases (base_name, code, source) VALUES ('润瑞', '002282.SZ', 'report')");
  fill_learned_codes(*db, LearnedScope{{"润瑞"}, 0});
  EXPECT_EQ(db->execAndGet("SELECT group_concat(t) FROM (SELECT t FROM temp.updated ORDER BY t)").getString(), "movers,picks");
}

TEST(LearnedCodes, MoversAndEventsOfANameAreFoundWithoutReadingTheRowsThatHaveACode) {
  // A run looks up every name a new report printed without a code; most rows of such a name
  // have one already (the name was printed with its code elsewhere). Reading each of them
  // to check `code IS NULL` once cost about 57,000 page reads for one report at 100k reports
  // (BENCHMARKS.md, "Session 9"): the indexes carry the code (migration 0022).
  LearningArchive a;
  a.add(1, {"润瑞"});
  auto db = open_archive_for_write(a.db);
  db->exec(std::string(sql_statement("learnable_names_table")));
  for (const char* fill : {"fill_learned_mover_codes_of_names", "fill_learned_event_codes_of_names"}) {
    SQLite::Statement plan(*db, "EXPLAIN QUERY PLAN " + std::string(sql_statement(fill)));
    std::string plans;
    while (plan.executeStep()) plans += plan.getColumn(3).getString() + "\n";
    EXPECT_NE(plans.find(std::string("USING COVERING INDEX ") +
                         (std::string(fill).find("mover") != std::string::npos ? "movers_by_name" : "events_by_company")),
              std::string::npos)
        << fill << ":\n" << plans;
  }
}

TEST(LearnedCodes, ASecondCodeLeavesTheNameAmbiguousAndEarlierFillsAsTheyAre) {
  LearningArchive a;
  a.add(1, {"润瑞", "汇泽（600001.SH）"});
  a.add(2, {"润瑞（002282.SZ）"});
  EXPECT_EQ(a.pick_code(1, "润瑞"), "002282.SZ archive");
  a.add(3, {"润瑞（600002.SH）"});  // a second stock under the same base name
  a.add(4, {"润瑞"});
  EXPECT_EQ(a.pick_code(1, "润瑞"), "002282.SZ archive");  // as before this change: kept
  EXPECT_EQ(a.pick_code(4, "润瑞"), "NULL NULL");           // ambiguous: no code
  EXPECT_EQ(a.mover_code(4, "润瑞"), "NULL");
  EXPECT_EQ(a.left_for_the_full_pass(), 0);
  EXPECT_EQ(a.restricted_runs, 3);
}

TEST(LearnedCodes, AnImportTeachesTheStoredRowsOfItsNames) {
  LearningArchive a;
  a.add(1, {"润瑞", "汇泽（600001.SH）"});  // the summaries exist: the restricted fill runs
  auto db = open_archive_for_write(a.db);
  ASSERT_GT(db->execAndGet("SELECT count(*) FROM top_picks").getInt64(), 0);
  import_securities(*db, parse_securities_csv("002282,润瑞\n").rows);
  db.reset();
  EXPECT_EQ(a.pick_code(1, "润瑞"), "002282.SZ archive");
  EXPECT_EQ(a.mover_code(1, "润瑞"), "002282.SZ");
  EXPECT_EQ(a.left_for_the_full_pass(), 0);
}

TEST(LearnedCodes, AnotherToolsAliasIsLearnedAtTheNextIngest) {
  LearningArchive a;
  a.add(1, {"润瑞", "汇泽（600001.SH）"});
  {
    SQLite::Database other(a.db, SQLite::OPEN_READWRITE);  // the archive's triggers on
    other.exec("INSERT INTO security_aliases (base_name, code, source) VALUES ('润瑞', '002282.SZ', 'import')");
  }
  a.add(2, {"新禾"});
  EXPECT_EQ(a.pick_code(1, "润瑞"), "002282.SZ archive");
  EXPECT_EQ(a.left_for_the_full_pass(), 0);
  EXPECT_EQ(a.restricted_runs, 1);
}

TEST(LearnedCodes, WhatAKilledRunTaughtIsFilledByTheNextIngest) {
  LearningArchive a;
  a.add(1, {"润瑞", "汇泽（600001.SH）"});
  {
    // What a run killed after committing its reports and before its fill leaves: the alias
    // its writer learned (its connection's triggers off: nothing marked), its report pending.
    auto w = open_archive_for_write(a.db);
    sqlite3_db_config(w->getHandle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    w->exec("INSERT INTO security_aliases (base_name, code, source) VALUES ('润瑞', '002282.SZ', 'report')");
    w->exec("INSERT INTO query_summary_pending (report_id) SELECT max(id) FROM reports");
  }
  a.add(2, {"新禾"});
  EXPECT_EQ(a.pick_code(1, "润瑞"), "002282.SZ archive");
  EXPECT_EQ(a.mover_code(1, "润瑞"), "002282.SZ");
  EXPECT_EQ(a.left_for_the_full_pass(), 0);
}
