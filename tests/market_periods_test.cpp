// Specs for the periods and subjects of market moves in real layouts: industry indices are
// sector moves, monthly reviews speak of the month, morning digests quote other reports' weeks.
// Every sample is invented for these tests.
#include <gtest/gtest.h>

#include "extract/extract.h"
#include "extract/market.h"

using namespace yanbao;

namespace {

Extraction market(std::string_view body, std::string title, std::string date) {
  Extraction out;
  ExtractContext ctx;
  ctx.title = std::move(title);
  ctx.report_date = std::move(date);
  extract_market(body, ctx, out);
  return out;
}

}  // namespace

TEST(Sectors, ShenwanIndustryIndexIsASectorMoveNotAnIndex) {
  auto out = market("行情回顾：本周申万电子指数上涨2.37%，沪深300指数下跌0.18%。年初至今申万电子指数下跌1.05%。\n",
                    "电子行业周报", "2025-05-25");
  ASSERT_EQ(out.indices.size(), 1u);
  EXPECT_EQ(out.indices[0].name, "沪深300");
  ASSERT_EQ(out.sectors.size(), 2u);
  EXPECT_EQ(out.sectors[0].name, "电子");
  EXPECT_EQ(out.sectors[0].scheme, "申万");
  EXPECT_EQ(out.sectors[0].period, "week");
  EXPECT_DOUBLE_EQ(out.sectors[0].change_pct, 2.37);
  EXPECT_EQ(out.sectors[1].period, "since:2025-01-01");
}

TEST(Sectors, IndustryWithSchemeInBracketsAfterIt) {
  auto out = market("本周计算机（中信）指数上涨0.8%，上证指数上涨0.3%。\n", "计算机行业周报", "2025-03-09");
  ASSERT_EQ(out.sectors.size(), 1u);
  EXPECT_EQ(out.sectors[0].name, "计算机");
  EXPECT_EQ(out.sectors[0].scheme, "中信");
  ASSERT_EQ(out.indices.size(), 1u);
  EXPECT_EQ(out.indices[0].name, "上证综指");
}

TEST(Indices, MonthlyReviewMovesAreTheMonths) {
  auto out = market("6月行情回顾：6月上证指数上涨2.10%，创业板指上涨3.20%。\n", "化工行业月报：景气修复", "2025-07-02");
  ASSERT_EQ(out.indices.size(), 2u);
  EXPECT_EQ(out.indices[0].period, "month");
  EXPECT_EQ(out.indices[1].period, "month");
}

TEST(Indices, AnOldMonthIsNoPeriodWeCanName) {
  auto out = market("回顾：3月上证指数上涨2.10%。\n", "化工行业月报", "2025-07-02");
  EXPECT_TRUE(out.indices.empty());
}

TEST(ReportWeek, MorningDigestHasNoWeekOfItsOwn) {
  auto out = market("> 光模块景气延续——通信行业周报2025/7/7-2025/7/13\n", "某某证券晨会纪要20250716", "2025-07-16");
  EXPECT_FALSE(out.period_start.has_value());
}

TEST(ReportWeek, ARangeInsideAnotherReportsTitleIsNotThisWeek) {
  auto out = market("# 相关研究\n\n1、《有色金属行业周报（2025.08.11-2025.08.15）：金价高位震荡》2025-08-17\n\n"
                    "本周（8月18日-8月22日）上证指数上涨1.2%。\n",
                    "有色金属行业周报", "2025-08-24");
  ASSERT_TRUE(out.period_start.has_value());
  EXPECT_EQ(*out.period_start, "2025-08-18");
}

TEST(Extract, RowsNameTheBodyLineTheyCameFrom) {
  ExtractContext ctx{"电子行业周报", "2025-05-25"};
  auto out = extract_report("# 电子行业周报\n\n■ 行情回顾：本周上证指数上涨\n0.50%。\n\n<table><tr><td>指数</td><td>周涨跌幅</td></tr>"
                            "<tr><td>深证成指</td><td>1.00%</td></tr></table>\n",
                            ctx);
  ASSERT_EQ(out.indices.size(), 2u);
  EXPECT_EQ(out.indices[0].line, 3);
  EXPECT_EQ(out.indices[1].line, 6);
}

TEST(Indices, MovesInsideBracketsAreRead) {
  auto out = market("本周（3月10日-3月14日）市场情绪回暖（沪深300指数上涨1.20%，创业板指下降0.40%），算力方向领涨。\n",
                    "传媒行业周报", "2025-03-16");
  ASSERT_EQ(out.indices.size(), 2u);
  EXPECT_EQ(out.indices[0].name, "沪深300");
  EXPECT_DOUBLE_EQ(*out.indices[0].change_pct, 1.2);
  EXPECT_EQ(out.indices[1].name, "创业板指");
  EXPECT_DOUBLE_EQ(*out.indices[1].change_pct, -0.4);
}

TEST(Indices, ABracketThatOnlyQualifiesStaysAnAside) {
  auto out = market("本周上证指数上涨1.00%（前值-0.50%），沪深300指数上涨0.80%。\n", "策略周报", "2025-03-16");
  ASSERT_EQ(out.indices.size(), 2u);
  EXPECT_DOUBLE_EQ(*out.indices[0].change_pct, 1.0);
}

TEST(Movers, AListedCompanyNamedGongsiIsAStockButAGenericOneIsNot) {
  auto out = market("本周板块涨幅前五的个股分别为：甲乙科技（+8.00%）、中微公司（+6.00%）、丙丁股份（+5.00%）。\n",
                    "电子行业周报", "2025-03-16");
  ASSERT_EQ(out.movers.size(), 3u);
  EXPECT_EQ(out.movers[1].name, "中微公司");
  auto generic = market("本周板块涨幅居前的是：龙头公司（+8.00%）、相关公司（+6.00%）。\n", "电子行业周报", "2025-03-16");
  for (const auto& m : generic.movers) EXPECT_NE(m.name.find("公司"), 2u) << m.name;
  EXPECT_TRUE(generic.movers.empty());
}

TEST(ReportWeek, AMonthlyReportCoversItsWholeMonth) {
  auto out = market("6月行情回顾（2025.06.01-2025.06.30）：6月上证指数上涨2.10%。\n", "化工行业月报：景气修复", "2025-07-02");
  ASSERT_TRUE(out.period_start.has_value());
  EXPECT_EQ(*out.period_start, "2025-06-01");
  EXPECT_EQ(*out.period_end, "2025-06-30");
  auto part = market("回顾（2025.06.01-2025.06.20）：6月上证指数上涨2.10%。\n", "化工行业月报：景气修复", "2025-07-02");
  EXPECT_FALSE(part.period_start.has_value());
}

TEST(Extract, ASpaceInsideANameNeverLendsItsNumberToTheIndexBefore) {
  ExtractContext ctx{"中小盘周报", "2025-04-27"};
  auto out = extract_report("本周（4 月 21 日-4 月 25 日）中小板 指数下跌 0.50%，创业板 指数上涨 1.74%。\n", ctx);
  ASSERT_EQ(out.indices.size(), 2u);
  EXPECT_EQ(out.indices[0].name, "中小板");  // canonical: 中小板指数 without 指数
  EXPECT_DOUBLE_EQ(*out.indices[0].change_pct, -0.5);
  EXPECT_EQ(out.indices[1].name, "创业板指");
  EXPECT_DOUBLE_EQ(*out.indices[1].change_pct, 1.74);
  EXPECT_EQ(out.period_start, "2025-04-21");
}

TEST(Extract, LatexPercentsInAWeeklyReview) {
  ExtractContext ctx{"计算机行业周报", "2025-06-08"};
  auto out = extract_report("# 行情回顾：本周申万计算机指数上涨 $2.15\\%$ ，沪深300指数上涨 $0.88\\%$ 。\n", ctx);
  ASSERT_EQ(out.indices.size(), 1u);
  EXPECT_DOUBLE_EQ(*out.indices[0].change_pct, 0.88);
  ASSERT_EQ(out.sectors.size(), 1u);
  EXPECT_DOUBLE_EQ(out.sectors[0].change_pct, 2.15);
}
