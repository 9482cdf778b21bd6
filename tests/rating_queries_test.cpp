// Golden CLI tests of the canned queries rating-history and consensus (issue 14) on an
// archive ingested from tests/data/company: four notes on 恒立液压 from three brokers (a first
// coverage, a keep, a cut) and a morning digest that rates it again.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "test_util.h"

#include <algorithm>

using namespace yanbao;
namespace fs = std::filesystem;

namespace {

struct CompanyArchive {
  test::TempDir tmp;
  std::string db = (tmp.path / "yanbao.db").string();
  CompanyArchive() {
    auto r = test::run_yanbao({"ingest", std::string(YANBAO_TEST_DATA) + "/company", "--db", db}, tmp.path);
    EXPECT_EQ(r.code, 0) << r.err;
  }
};

/// What tests/golden/NAME holds; with YANBAO_UPDATE_GOLDEN=1, `actual` is written there first.
std::string golden(const std::string& name, const std::string& actual) {
  const fs::path p = fs::path(YANBAO_TEST_DATA) / ".." / "golden" / name;
  if (const char* u = std::getenv("YANBAO_UPDATE_GOLDEN"); u && *u == '1') std::ofstream(p, std::ios::binary) << actual;
  return test::slurp(p);
}

}  // namespace

TEST(RatingHistory, EveryRatingNewestFirstThenLatestPerBrokerAndCuts) {
  CompanyArchive a;
  auto r = test::run_yanbao({"--db", a.db, "run", "rating-history", "恒立液压"}, a.tmp.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, golden("rating-history.table", r.out));
}

TEST(RatingHistory, FindsTheStockByEveryCodeForm) {
  CompanyArchive a;
  auto by_name = test::run_yanbao({"--db", a.db, "run", "rating-history", "恒立液压"}, a.tmp.path);
  for (const char* t : {"601100", "sh601100", "601100.SH"}) {
    auto r = test::run_yanbao({"--db", a.db, "run", "rating-history", t}, a.tmp.path);
    EXPECT_EQ(r.out, by_name.out) << t;
  }
}

TEST(RatingHistory, UnknownStockHasNoRows) {
  CompanyArchive a;
  auto r = test::run_yanbao({"--db", a.db, "--format", "csv", "run", "rating-history", "美的集团"}, a.tmp.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("美的集团"), std::string::npos) << r.out;
}

TEST(Consensus, LatestPerBrokerRatingCountsTargetsAndForecasts) {
  CompanyArchive a;
  auto r = test::run_yanbao({"--db", a.db, "run", "consensus", "601100"}, a.tmp.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, golden("consensus.table", r.out));
}

TEST(Consensus, WindowLeavesOutOlderReports) {
  CompanyArchive a;
  // 2025-09-01 onwards: 甲证券's notes (March, August) are outside.
  auto r = test::run_yanbao({"--db", a.db, "--format", "csv", "run", "consensus", "恒立液压", "--since", "2025-09-01"},
                            a.tmp.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("甲证券"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("乙证券"), std::string::npos) << r.out;
  // 60 days before the latest report (2025-11-05) starts on 2025-09-06: 乙证券 is out too.
  auto d = test::run_yanbao({"--db", a.db, "--format", "csv", "run", "consensus", "恒立液压", "--days", "60"}, a.tmp.path);
  EXPECT_EQ(d.out.find("乙证券"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("丁证券"), std::string::npos) << d.out;
}

TEST(Reports, KindFiltersBySortOfReport) {
  CompanyArchive a;
  auto r = test::run_yanbao({"--db", a.db, "--format", "csv", "run", "reports", "--kind", "morning"}, a.tmp.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("晨会纪要20251105"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("恒立液压"), std::string::npos) << r.out;
  auto c = test::run_yanbao({"--db", a.db, "--format", "csv", "run", "reports", "--kind", "company"}, a.tmp.path);
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), 6) << c.out;  // header + 5 notes
  auto bad = test::run_yanbao({"--db", a.db, "run", "reports", "--kind", "weekly"}, a.tmp.path);
  EXPECT_EQ(bad.code, 2);
}

TEST(SectorMoves, DayMovesBestFirstWithSchemeFilter) {
  CompanyArchive a;
  auto r = test::run_yanbao({"--db", a.db, "run", "sector-moves", "--period", "day"}, a.tmp.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, golden("sector-moves.table", r.out));
  auto sw = test::run_yanbao({"--db", a.db, "--format", "csv", "run", "sector-moves", "--scheme", "申万"}, a.tmp.path);
  EXPECT_EQ(std::count(sw.out.begin(), sw.out.end(), '\n'), 6) << sw.out;  // header + the sentence's 5
}

TEST(Analyst, ReportsRatingsAndPicksOfOneAnalyst) {
  CompanyArchive a;
  auto r = test::run_yanbao({"--db", a.db, "run", "analyst", "乔木"}, a.tmp.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, golden("analyst.table", r.out));
}
