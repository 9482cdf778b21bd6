// Specs for the market-review extractor: index moves, top movers, the covered week, the topic.
// Every sample below is written for these tests (paraphrases and other brokers' phrasings).
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "extract/market.h"
#include "extract/market_dates.h"
#include "extract/market_names.h"
#include "extract/scan.h"

using namespace yanbao;

namespace {

Extraction run(std::string_view body, std::string date = "2025-02-17", std::string title = "某行业周报") {
  Extraction out;
  ExtractContext ctx;
  ctx.report_date = std::move(date);
  ctx.title = std::move(title);
  extract_market(body, ctx, out);
  return out;
}

/// An index row as (name, period, close or NAN, change) for compact comparisons.
using Row = std::tuple<std::string, std::string, std::optional<double>, std::optional<double>>;

std::vector<Row> sector_rows(const Extraction& e) {
  std::vector<Row> r;
  for (const auto& m : e.sectors) r.emplace_back(m.name, m.period, std::nullopt, std::round(m.change_pct * 100) / 100);
  return r;
}

std::vector<Row> rows(const Extraction& e) {
  std::vector<Row> r;
  for (const auto& m : e.indices) {
    auto round = [](std::optional<double> v) -> std::optional<double> {
      if (!v) return v;
      return std::round(*v * 100) / 100;
    };
    r.emplace_back(m.name, m.period, round(m.close), round(m.change_pct));
  }
  return r;
}

using Mv = std::tuple<std::string, std::string, std::optional<double>>;

std::vector<Mv> movers(const Extraction& e) {
  std::vector<Mv> r;
  for (const auto& m : e.movers) {
    std::optional<double> c = m.change_pct;
    if (c) c = std::round(*c * 100) / 100;
    r.emplace_back(m.name, m.direction, c);
  }
  return r;
}

constexpr auto kNone = std::nullopt;

}  // namespace

// ------------------------------------------------------------------------------------------
// Scanner

TEST(Scan, NumbersKnowUnitsSignsAndFullWidth) {
  auto n = scan::read_number("3,372.55点", 0);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, 3372.55);
  EXPECT_EQ(n->unit, scan::Unit::kPoints);
  n = scan::read_number("-0.53%", 0);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, -0.53);
  EXPECT_TRUE(n->has_sign);
  EXPECT_EQ(n->unit, scan::Unit::kPercent);
  n = scan::read_number("＋１．２５％", 0);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, 1.25);
  EXPECT_EQ(n->unit, scan::Unit::kPercent);
  n = scan::read_number("−2.1%", 0);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(n->value, -2.1);
  EXPECT_EQ(scan::read_number("4.24个百分点", 0)->unit, scan::Unit::kSpread);
  EXPECT_EQ(scan::read_number("1.15pct", 0)->unit, scan::Unit::kSpread);
  EXPECT_EQ(scan::read_number("30bp", 0)->unit, scan::Unit::kSpread);
  EXPECT_EQ(scan::read_number("15亿元", 0)->unit, scan::Unit::kOther);
  EXPECT_FALSE(scan::read_number("点", 0));
}

TEST(Scan, CleanMarkdownDropsAdvertLinksAndKeepsLinkText) {
  std::string s = scan::clean_markdown(
      "上涨3.91%。[https://www.hibor.com.cn【慧博投研资讯】](https://www.hibor.com.cn/)大小盘风格方面，"
      "见[研报原文](https://example.com/a)。**加粗**\r\n## 行情回顾\n");
  EXPECT_EQ(s, "上涨3.91%。大小盘风格方面，见研报原文。加粗\n# 行情回顾\n\n");
}

// ------------------------------------------------------------------------------------------
// Index names

TEST(IndexNames, AliasesMapToCanonicalNames) {
  using market::canonical_index_name;
  EXPECT_EQ(canonical_index_name("上证指数"), "上证综指");
  EXPECT_EQ(canonical_index_name("上证综合指数"), "上证综指");
  EXPECT_EQ(canonical_index_name("沪指"), "上证综指");
  EXPECT_EQ(canonical_index_name("深证成份指数"), "深证成指");
  EXPECT_EQ(canonical_index_name("深成指"), "深证成指");
  EXPECT_EQ(canonical_index_name("创业板指数"), "创业板指");
  EXPECT_EQ(canonical_index_name("沪深300指数"), "沪深300");
  EXPECT_EQ(canonical_index_name("沪深 300"), "沪深300");
  EXPECT_EQ(canonical_index_name("恒指"), "恒生指数");
  EXPECT_EQ(canonical_index_name("科创50指数"), "科创50");
  EXPECT_EQ(canonical_index_name("北证50指数"), "北证50");
  EXPECT_EQ(canonical_index_name("上证50指数"), "上证50");
  EXPECT_EQ(canonical_index_name("中证500指数"), "中证500");
  EXPECT_EQ(canonical_index_name("中证1000指数"), "中证1000");
  EXPECT_EQ(canonical_index_name("中证2000指数"), "中证2000");
}

TEST(IndexNames, OtherNamesDropTrailingZhiShu) {
  using market::canonical_index_name;
  EXPECT_EQ(canonical_index_name("申万电子指数"), "申万电子");
  EXPECT_EQ(canonical_index_name("大盘指数"), "大盘");
  EXPECT_EQ(canonical_index_name("恒生科技指数"), "恒生科技");
  EXPECT_EQ(canonical_index_name("纳斯达克指数"), "纳斯达克");
  EXPECT_EQ(canonical_index_name("标普５００指数"), "标普500");
}

TEST(IndexNames, NameStartsAfterPeriodPhrasesAndConnectives) {
  auto names = [](std::string_view clause) {
    std::vector<market::IndexHit> hits;
    market::find_index_names(clause, hits);
    std::vector<std::string> r;
    for (auto& h : hits)
      r.push_back(std::string(clause.substr(h.begin, h.end - h.begin)) + (h.benchmark ? "*" : ""));
    return r;
  };
  EXPECT_EQ(names("本周上证综指收于3304点"), (std::vector<std::string>{"上证综指"}));
  EXPECT_EQ(names("年初至今申万电子指数累计上涨6.37%"), (std::vector<std::string>{"申万电子指数"}));
  EXPECT_EQ(names("2024年以来大盘指数累计上涨14.24%"), (std::vector<std::string>{"大盘指数"}));
  EXPECT_EQ(names("申万电子指数跑赢沪深300指数4.24个百分点"),
            (std::vector<std::string>{"申万电子指数", "沪深300指数*"}));
  EXPECT_EQ(names("上周A股主要指数多数上涨"), (std::vector<std::string>{}));
  EXPECT_EQ(names("美股三大指数全线收涨"), (std::vector<std::string>{}));
  EXPECT_EQ(names("AI算力需求呈指数级增长50%"), (std::vector<std::string>{}));
  EXPECT_EQ(names("受情绪带动申万传媒指数大涨"), (std::vector<std::string>{"申万传媒指数"}));
  EXPECT_EQ(names("沪深 300上涨"), (std::vector<std::string>{"沪深 300"}));
  EXPECT_EQ(names("其中中证A500指数上涨"), (std::vector<std::string>{"中证A500指数"}));
}

TEST(IndexNames, IndustryListKnowsShenwanLevelOne) {
  EXPECT_TRUE(market::is_industry_name("计算机"));
  EXPECT_TRUE(market::is_industry_name("申万电子"));
  EXPECT_TRUE(market::is_industry_name("石油石化行业"));
  EXPECT_FALSE(market::is_industry_name("芯原股份"));
}

// ------------------------------------------------------------------------------------------
// Indices

TEST(Indices, WeeklyReviewWithClosesAndMoves) {
  auto e = run(
      "市场回顾：本周（指3月10日至3月14日，下同）上证综指收于3419点，上涨1.39%；深证成指收于10843点，"
      "上涨0.88%；创业板指收于2196点，下跌0.12%。",
      "2025-03-16");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3419, 1.39},
                                       {"深证成指", "week", 10843, 0.88},
                                       {"创业板指", "week", 2196, -0.12}}));
  EXPECT_EQ(e.indices[0].raw_name, "上证综指");
}

TEST(Indices, AliasHuZhiMapsToShangZheng) {
  auto e = run("沪指本周累计下跌0.53%，收于3,372.55点；恒生指数周跌幅为-1.2%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3372.55, -0.53}, {"恒生指数", "week", kNone, -1.2}}));
  EXPECT_EQ(e.indices[0].raw_name, "沪指");
}

TEST(Indices, BaoShouAndZhouZhangForms) {
  auto e = run(
      "上周回顾：上周A股主要指数涨跌互现，上证指数报收3288.41点，周涨0.35%；深证成指报收10411.06点，周跌0.21%；"
      "创业板指周跌1.07%，报2101.72点；沪深300周涨0.16%；科创50周跌2.04%；北证50周涨3.3%。",
      "2025-03-09", "策略周报");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3288.41, 0.35},
                                       {"深证成指", "week", 10411.06, -0.21},
                                       {"创业板指", "week", 2101.72, -1.07},
                                       {"沪深300", "week", kNone, 0.16},
                                       {"科创50", "week", kNone, -2.04},
                                       {"北证50", "week", kNone, 3.3}}));
}

TEST(Indices, SinceYearCarriesThroughTheSentence) {
  auto e = run(
      "大小盘风格方面，本周大盘指数下跌0.66%，小盘指数上涨1.02%。2024年以来大盘指数累计上涨11.5%，"
      "小盘指数累计下跌2.25%，小盘/大盘比值为1.19。",
      "2025-01-12", "中小盘周报");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"大盘", "week", kNone, -0.66},
                                       {"小盘", "week", kNone, 1.02},
                                       {"大盘", "since:2024-01-01", kNone, 11.5},
                                       {"小盘", "since:2024-01-01", kNone, -2.25}}));
}

TEST(Indices, YearToDateUsesReportYear) {
  auto e = run(
      "行情回顾：本周（2025.03.03-2025.03.07）沪深300指数上涨1.39%，申万计算机指数下跌2.6%，"
      "跑输沪深300指数3.99个百分点，在31个申万一级行业中排名第29。年初至今申万计算机指数累计上涨18.21%。"
      "今年以来沪深300指数上涨0.4%。",
      "2025-03-09");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"沪深300", "week", kNone, 1.39}, {"沪深300", "since:2025-01-01", kNone, 0.4}}));
  // 申万计算机 is an industry: a sector move since the sectors table exists (issue 14).
  EXPECT_EQ(sector_rows(e), (std::vector<Row>{{"计算机", "week", kNone, -2.6}, {"计算机", "since:2025-01-01", kNone, 18.21}}));
}

TEST(Indices, RelativePerformanceIsNoMove) {
  auto e = run("行情回顾：本周（3月3日-3月7日）申万食品饮料指数下跌0.91%，跑输沪深300指数2.3个百分点。", "2025-03-10");
  EXPECT_TRUE(rows(e).empty());
  EXPECT_EQ(sector_rows(e), (std::vector<Row>{{"食品饮料", "week", kNone, -0.91}}));
  e = run("本周申万汽车指数上涨2.15%，跑赢沪深300指数1.15pct，相对沪深300超额收益为1.15%。");
  EXPECT_EQ(sector_rows(e), (std::vector<Row>{{"汽车", "week", kNone, 2.15}}));
  e = run("本周传媒指数上涨9.12%，跑赢同期沪深300指数7.12个百分点。");
  EXPECT_TRUE(rows(e).empty());
  EXPECT_EQ(sector_rows(e), (std::vector<Row>{{"传媒", "week", kNone, 9.12}}));
}

TEST(Indices, IndustriesAndRatiosAreNoIndexMoves) {
  auto e = run(
      "行业方面，31个申万一级行业中，电子、通信、传媒涨幅居前，分别上涨6.1%、5.2%、4.9%；"
      "银行、煤炭跌幅居前，分别下跌1.1%、0.8%。小盘/大盘比值为1.30。",
      "2025-02-23", "策略周报");
  EXPECT_TRUE(e.indices.empty());
}

TEST(Indices, ExplicitSignWinsOverWords) {
  auto e = run("本周沪深300指数跌幅为-0.53%，中证500指数涨幅为+3.12%，创业板指数涨跌幅为-1.5%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"沪深300", "week", kNone, -0.53},
                                       {"中证500", "week", kNone, 3.12},
                                       {"创业板指", "week", kNone, -1.5}}));
}

TEST(Indices, FlatIsZero) {
  auto e = run("本周创业板指数持平，上证50指数涨1.1%，中证1000指数跌2.3%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"创业板指", "week", kNone, 0.0},
                                       {"上证50", "week", kNone, 1.1},
                                       {"中证1000", "week", kNone, -2.3}}));
}

TEST(Indices, OverseasAndGeneralNames) {
  auto e = run("海外市场方面，本周纳斯达克指数上涨2%，道指下跌0.4%，恒生科技指数大涨5.6%，标普500指数收涨1.2%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"纳斯达克", "week", kNone, 2.0},
                                       {"道指", "week", kNone, -0.4},
                                       {"恒生科技", "week", kNone, 5.6},
                                       {"标普500", "week", kNone, 1.2}}));
}

TEST(Indices, FenBieListAssignsInOrder) {
  auto e = run("本周上证综指、深证成指、创业板指分别上涨1.2%、2.3%和-0.4%，分别收于3300点、10500点、2150点。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3300, 1.2},
                                       {"深证成指", "week", 10500, 2.3},
                                       {"创业板指", "week", 2150, -0.4}}));
}

TEST(Indices, JunAppliesToEveryName) {
  auto e = run("本周沪深300与中证500均上涨1.5%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"沪深300", "week", kNone, 1.5}, {"中证500", "week", kNone, 1.5}}));
}

TEST(Indices, CloseAfterMoveWithZhi) {
  auto e = run("本周深成指上涨2.1%至10,876.3点，沪深 300指数下跌0.2%（收盘3,950.12点）。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"深证成指", "week", 10876.3, 2.1}, {"沪深300", "week", 3950.12, -0.2}}));
}

TEST(Indices, PointChangesAndIntradayLevelsAreNoCloses) {
  auto e = run("本周上证综指上涨23.5点，涨幅0.7%，盘中最高触及3400点，最终收于3350点。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3350, 0.7}}));
}

TEST(Indices, OtherPeriodsAreNotRecorded) {
  auto e = run("2024年全年沪深300指数上涨14.68%。11月沪深300指数下跌3%。今日沪指上涨0.5%。本月创业板指上涨2%。");
  EXPECT_TRUE(e.indices.empty());
  // The month before the report's is a monthly review's period (issue 14).
  e = run("1月沪深300指数下跌3%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"沪深300", "month", kNone, -3}}));
}

TEST(Indices, NonWeeklyReportNeedsAPeriodWord) {
  auto e = run("公司股价表现优于沪深300指数。上证综指上涨1%。", "2025-01-20", "北京君正（300223）：Q4营收环比改善");
  EXPECT_TRUE(e.indices.empty());
  e = run("本周上证综指上涨1%。", "2025-01-20", "某公司点评");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", kNone, 1.0}}));
}

TEST(Indices, TurnoverAndValuationAreNoMoves) {
  auto e = run("本周沪深300指数成交额上涨20%，估值分位数为35%，上证综指振幅2.1%。");
  EXPECT_TRUE(e.indices.empty());
}

TEST(Indices, MarkdownLinksMidParagraphAreIgnored) {
  auto e = run(
      "市场表现：本周上证综指上涨2.31%。[https://www.hibor.com.cn【慧博投研资讯】](https://www.hibor.com.cn/)"
      "大小盘风格方面，本周大盘指数上涨1.87%。",
      "2025-01-19", "中小盘周报");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", kNone, 2.31}, {"大盘", "week", kNone, 1.87}}));
}

TEST(Indices, ReviewSectionMakesMovesWeekly) {
  auto e = run("## 一、上周回顾\n\n上证综指上涨0.5%，深证成指下跌0.3%。\n\n## 二、投资建议\n\n上证综指上涨空间有限。\n",
               "2025-03-03", "策略报告");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", kNone, 0.5}, {"深证成指", "week", kNone, -0.3}}));
}

TEST(Indices, SinceMonthAndDay) {
  auto e = run("9月24日以来上证综指累计上涨25.3%；2月以来科创50指数上涨12%。", "2025-02-17");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "since:2024-09-24", kNone, 25.3},
                                       {"科创50", "since:2025-02-01", kNone, 12}}));
}

TEST(Indices, SameMoveRepeatedIsOneRow) {
  auto e = run("本周上证综指上涨1.63%。\n\n市场回顾：本周上证综指上涨1.63%，收于3304点。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3304, 1.63}}));
}

// ------------------------------------------------------------------------------------------
// Movers

TEST(Movers, ListBeforeRankPhrase) {
  auto e = run("2024年以来大盘指数累计上涨15.87%。华测导航、北特科技、经纬恒润-W本周涨幅居前。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"华测导航", "up", kNone}, {"北特科技", "up", kNone}, {"经纬恒润-W", "up", kNone}}));
}

TEST(Movers, GainersAndLosersInOneSentence) {
  auto e = run("凌云光、矩子科技本周涨幅居前，良品铺子、绿的谐波、三夫户外本周跌幅居前。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"凌云光", "up", kNone},
                                        {"矩子科技", "up", kNone},
                                        {"良品铺子", "down", kNone},
                                        {"绿的谐波", "down", kNone},
                                        {"三夫户外", "down", kNone}}));
}

TEST(Movers, TopFiveListsWithSignedChanges) {
  auto e = run(
      "个股方面，本周计算机板块涨幅前五的个股为：润和软件（+42.3%）、拓尔思（+30.05%）、寒武纪-U（+16.90%）；"
      "跌幅前五的个股为：金山办公（-6.1%）、恒生电子（3.2%）。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"润和软件", "up", 42.3},
                                        {"拓尔思", "up", 30.05},
                                        {"寒武纪-U", "up", 16.9},
                                        {"金山办公", "down", -6.1},
                                        {"恒生电子", "down", -3.2}}));
}

TEST(Movers, TopThreeWithoutEntityWord) {
  auto e = run("个股方面，本周汽车板块涨幅前三为浙江世宝（+61.10%）、金固股份（+35.70%）、万向钱潮（+30.20%）。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"浙江世宝", "up", 61.1}, {"金固股份", "up", 35.7}, {"万向钱潮", "up", 30.2}}));
}

TEST(Movers, LeadingGainerAndLoserPhrases) {
  auto e = run("领涨个股为赛力斯（688521.SH，+12.5%）、江淮汽车，领跌个股为长城汽车（-4.2%）。");
  ASSERT_EQ(e.movers.size(), 3u);
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"赛力斯", "up", 12.5}, {"江淮汽车", "up", kNone}, {"长城汽车", "down", -4.2}}));
  EXPECT_EQ(e.movers[0].code, "688521.SH");
  EXPECT_FALSE(e.movers[1].code);
}

TEST(Movers, RankedListWithColonAndNoChanges) {
  auto e = run("个股方面，本周医药板块涨幅居前的个股为：昊帆生物、舒泰神、博济医药等。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"昊帆生物", "up", kNone}, {"舒泰神", "up", kNone}, {"博济医药", "up", kNone}}));
}

TEST(Movers, IndustriesAreNotMovers) {
  auto e = run(
      "行业方面，31个申万一级行业中，计算机、传媒、电子涨幅居前，分别上涨5.82%、4.91%、4.37%；"
      "煤炭、银行、石油石化跌幅居前。涨幅居前的行业为：通信、机械设备。");
  EXPECT_TRUE(e.movers.empty());
  e = run("本周国防军工、美容护理领涨。");
  EXPECT_TRUE(e.movers.empty());
}

TEST(Movers, FenBieFillsChangesInOrder) {
  auto e = run("本周涨幅最大的个股是中科曙光、浪潮信息，分别上涨20.5%、18.3%。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"中科曙光", "up", 20.5}, {"浪潮信息", "up", 18.3}}));
}

TEST(Movers, CodesInParenthesesAreNormalized) {
  auto e = run("本周涨幅居前的公司有：兆易创新(603986)、澜起科技（688008.SH）。");
  ASSERT_EQ(e.movers.size(), 2u);
  EXPECT_EQ(e.movers[0].code, "603986.SH");
  EXPECT_EQ(e.movers[1].code, "688008.SH");
}

TEST(Movers, GroupsOfStocksAreNoNames) {
  auto e = run("本周小盘股涨幅居前，科技股领涨。");
  EXPECT_TRUE(e.movers.empty());
}

// ------------------------------------------------------------------------------------------
// Period

TEST(Period, ChineseDatesInWeekAside) {
  auto e = run("市场表现：本周（指2月3日至2月7日，下同）上证综指收于3304点。", "2025-02-09");
  EXPECT_EQ(e.period_start, "2025-02-03");
  EXPECT_EQ(e.period_end, "2025-02-07");
}

TEST(Period, DottedSlashedAndNumericForms) {
  auto e = run("行情回顾：本周（2025.02.10-2025.02.14）沪深300指数上涨1.19%。");
  EXPECT_EQ(e.period_start, "2025-02-10");
  EXPECT_EQ(e.period_end, "2025-02-14");
  e = run("本周（2025/3/3-2025/3/7）市场震荡。", "2025-03-09");
  EXPECT_EQ(e.period_start, "2025-03-03");
  EXPECT_EQ(e.period_end, "2025-03-07");
  e = run("行情回顾：本周（2/3-2/7），传媒指数上涨9.12%。", "2025-02-10");
  EXPECT_EQ(e.period_start, "2025-02-03");
  EXPECT_EQ(e.period_end, "2025-02-07");
  e = run("上周（3月3日-3月7日）市场放量。", "2025-03-10");
  EXPECT_EQ(e.period_start, "2025-03-03");
  e = run("本周(2月17日~2月21日)申万汽车指数上涨2.15%。", "2025-02-24");
  EXPECT_EQ(e.period_end, "2025-02-21");
  e = run("本周（2月10日—14日）电子板块表现强势。", "2025-02-16");
  EXPECT_EQ(e.period_start, "2025-02-10");
  EXPECT_EQ(e.period_end, "2025-02-14");
}

TEST(Period, YearRollsOverAtNewYear) {
  auto e = run("本周（12月30日至1月3日）上证综指下跌5.55%。", "2025-01-05");
  EXPECT_EQ(e.period_start, "2024-12-30");
  EXPECT_EQ(e.period_end, "2025-01-03");
  e = run("本周（2024年12月30日到2025年1月3日）市场调整。", "");
  EXPECT_EQ(e.period_start, "2024-12-30");
  EXPECT_EQ(e.period_end, "2025-01-03");
}

TEST(Period, NoWeekStatedMeansNone) {
  auto e = run("上周A股主要指数多数上涨，上证指数周涨0.97%。2月10日，公司发布公告。");
  EXPECT_FALSE(e.period_start);
  EXPECT_FALSE(e.period_end);
}

TEST(Period, WeekRangeNeedsAReportDateWithoutYears) {
  auto e = run("本周（2月3日至2月7日）", "");
  EXPECT_FALSE(e.period_start);
}

// ------------------------------------------------------------------------------------------
// Topic

TEST(Topic, FromBenZhouZhuanTiLine) {
  auto e = run("本周要闻：略。\n\n本周专题：  人形机器人量产在即，关注核心零部件  \n\n正文。");
  EXPECT_EQ(e.topic, "人形机器人量产在即，关注核心零部件");
}

TEST(Topic, OtherLabelForms) {
  EXPECT_EQ(run("## 本期专题：AI眼镜产业链梳理\n").topic, "AI眼镜产业链梳理");
  EXPECT_EQ(run("专题:低空经济深度研究。\n").topic, "低空经济深度研究");
  EXPECT_FALSE(run("本周专题研究显示，需求旺盛。\n").topic);
}

TEST(Topic, BoxedLabel) {
  EXPECT_EQ(run("【本周专题】固态电池产业化加速\n").topic, "固态电池产业化加速");
}

TEST(Movers, SuffixListWithFenBieChanges) {
  auto e = run("个股方面，中科曙光、浪潮信息涨幅居前，分别上涨20.5%、18.3%；韦尔股份、卓胜微跌幅居前，分别下跌8.1%、6%。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"中科曙光", "up", 20.5},
                                        {"浪潮信息", "up", 18.3},
                                        {"韦尔股份", "down", -8.1},
                                        {"卓胜微", "down", -6.0}}));
}

TEST(Movers, RankBoardsAndBestPerformers) {
  auto e = run("本周个股涨幅榜：中科曙光（+25.3%）、浪潮信息（+18.1%）；跌幅榜：韦尔股份（-8.2%）。"
               "本周表现最好的个股是寒武纪-U（+30.2%），表现最差的是海光信息（-9.9%）。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"中科曙光", "up", 25.3},
                                        {"浪潮信息", "up", 18.1},
                                        {"韦尔股份", "down", -8.2},
                                        {"寒武纪-U", "up", 30.2},
                                        {"海光信息", "down", -9.9}}));
}

TEST(Movers, ListJoinedByHeKeepsNamesWithHe) {
  auto e = run("周涨幅前三的标的为：润和软件、长安汽车和比亚迪。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"润和软件", "up", kNone}, {"长安汽车", "up", kNone}, {"比亚迪", "up", kNone}}));
}

TEST(Indices, SeparateMovesJoinedByDunHao) {
  auto e = run("本周沪指涨0.5%、深成指跌0.3%、创业板指涨1.1%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", kNone, 0.5},
                                       {"深证成指", "week", kNone, -0.3},
                                       {"创业板指", "week", kNone, 1.1}}));
}

TEST(Indices, BracketedMoveAndLevel) {
  auto e = run("本周上证综指收于3,372.55点（+1.56%），深证成指（涨2.17%）表现更强；创业板指上涨2.2%（前值-0.5%）。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3372.55, 1.56},
                                       {"深证成指", "week", kNone, 2.17},
                                       {"创业板指", "week", kNone, 2.2}}));
}

TEST(Indices, ForecastsAreNoMoves) {
  auto e = run("我们预计下周沪深300指数有望上涨3%。");
  EXPECT_TRUE(e.indices.empty());
}

TEST(Indices, MarkdownTableOfIndexMoves) {
  auto e = run(
      "## 市场回顾\n\n"
      "| 指数 | 收盘点位 | 周涨跌幅 | 年初至今涨跌幅 |\n"
      "| --- | ---: | ---: | ---: |\n"
      "| 上证指数 | 3,372.55 | +1.56% | 0.61% |\n"
      "| 创业板指数 | 2198.40 | -0.52% | 2.64% |\n"
      "| 平均 | — | 0.5% | 1% |\n",
      "2025-03-09", "策略报告");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3372.55, 1.56},
                                       {"上证综指", "since:2025-01-01", kNone, 0.61},
                                       {"创业板指", "week", 2198.4, -0.52},
                                       {"创业板指", "since:2025-01-01", kNone, 2.64}}));
}

TEST(Period, BracketedRangeWithoutWeekWord) {
  auto e = run("行情回顾：（2025.02.10-2025.02.14）申万电子指数上涨5.43%。");
  EXPECT_EQ(e.period_start, "2025-02-10");
  e = run("本周要闻：某展会（2月10日-2月14日）在上海举办。");
  EXPECT_FALSE(e.period_start);
}

TEST(Period, FullWidthDigitsAndSeparators) {
  auto e = run("本周（２０２５．０２．１０－２０２５．０２．１４）市场震荡。");
  EXPECT_EQ(e.period_start, "2025-02-10");
  EXPECT_EQ(e.period_end, "2025-02-14");
}

TEST(Indices, NumericWeekAsideThenGeneralName) {
  auto e = run("行情回顾：本周（2/3-2/7），传媒指数上涨9.12%，跑赢沪深300指数7.12个百分点。", "2025-02-10");
  EXPECT_EQ(sector_rows(e), (std::vector<Row>{{"传媒", "week", kNone, 9.12}}));
}

TEST(Indices, StockMovesAreNoIndexMoves) {
  auto e = run("本周贵州茅台上涨3.2%，宁德时代下跌1.5%，英伟达股价下跌17%。");
  EXPECT_TRUE(e.indices.empty());
}

TEST(Indices, ShangZhouSentenceIsTheWeekInAnyReport) {
  auto e = run("上周A股主要指数多数上涨，上证指数周涨0.97%，深证成指报收10951.34点，周涨1.38%。", "2025-02-24",
               "策略报告：春季行情延续");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", kNone, 0.97}, {"深证成指", "week", 10951.34, 1.38}}));
  e = run("较上周，上证指数上涨0.97%。", "2025-02-24", "策略报告");
  EXPECT_TRUE(e.indices.empty());
}

TEST(Indices, WeekSpokenOfCarriesToLaterSentencesOfTheParagraph) {
  auto e = run("本周上证综指上涨1%。深证成指上涨2%。\n\n创业板指上涨3%。", "2025-02-17", "市场点评");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", kNone, 1.0}, {"深证成指", "week", kNone, 2.0}}));
}

TEST(Movers, CountedEntitiesAndRankVerbs) {
  auto e = run("本周涨幅居前的三只个股分别为：中科曙光、浪潮信息、紫光股份。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"中科曙光", "up", kNone}, {"浪潮信息", "up", kNone}, {"紫光股份", "up", kNone}}));
  e = run("韦尔股份、卓胜微位列跌幅前二。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"韦尔股份", "down", kNone}, {"卓胜微", "down", kNone}}));
}

TEST(Indices, MoreCloseAndMoveWordings) {
  auto e = run("本周上证综指以3,304.12点收盘，全周微跌0.1%；深证成指收盘于10576.5点，周度涨幅为1.2%；"
               "创业板指(399006.SZ)小幅收涨0.2%。");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3304.12, -0.1},
                                       {"深证成指", "week", 10576.5, 1.2},
                                       {"创业板指", "week", kNone, 0.2}}));
}

TEST(Indices, ListLinesWithColons) {
  auto e = run("## 行情回顾\n\n- 上证综指：3,304.12点，+1.63%\n- 沪深300：-0.52%\n", "2025-02-09", "策略报告");
  EXPECT_EQ(rows(e), (std::vector<Row>{{"上证综指", "week", 3304.12, 1.63}, {"沪深300", "week", kNone, -0.52}}));
}

TEST(Movers, SubIndustriesAreNotMovers) {
  auto e = run("本周半导体、消费电子、光学光电子涨幅居前，白酒、中药跌幅居前。");
  EXPECT_TRUE(e.movers.empty());
}

TEST(Movers, ListEndsWhereItsCommentaryBegins) {
  auto e = run("本周涨幅居前的个股为中科曙光、浪潮信息，主要受益于算力政策催化。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"中科曙光", "up", kNone}, {"浪潮信息", "up", kNone}}));
  e = run("本周涨幅居前的个股为中科曙光、浪潮信息，分别上涨20.5%、18.3%，跌幅居前的个股为韦尔股份。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"中科曙光", "up", 20.5}, {"浪潮信息", "up", 18.3}, {"韦尔股份", "down", kNone}}));
}

TEST(Movers, PhrasesAreNoNames) {
  auto e = run("受益于算力政策的中科曙光、浪潮信息涨幅居前。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"浪潮信息", "up", kNone}}));
  e = run("地平线机器人-W、小鹏汽车-W、*ST金科本周涨幅居前。");
  EXPECT_EQ(movers(e), (std::vector<Mv>{{"地平线机器人-W", "up", kNone}, {"小鹏汽车-W", "up", kNone}, {"*ST金科", "up", kNone}}));
}
