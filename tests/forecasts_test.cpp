// Specs for the forecasts table (issue 14): a company note's forecast table and, without
// one, its forecast sentence.
#include <gtest/gtest.h>

#include "extract/forecasts.h"

using namespace yanbao;

namespace {
const StockRef kCo{"恒立液压", std::string("601100.SH")};

const Forecast* find(const std::vector<Forecast>& v, int year, std::string_view metric) {
  for (const auto& f : v)
    if (f.year == year && f.metric == metric) return &f;
  return nullptr;
}
}  // namespace

TEST(Forecasts, MetricRowsByYearColumnsWithUnitsInLabels) {
  Table t{{{"盈利预测与估值", "", "", ""},
           {"指标", "2024A", "2025E", "2026E"},
           {"营业收入（百万元）", "9,390", "10,512", "12,006"},
           {"增长率yoy%", "5.1%", "12.0%", "14.2%"},
           {"归母净利润（亿元）", "25.09", "28.40", "33.15"},
           {"每股收益（元）", "1.87", "2.12", "2.47"},
           {"ROE（%）", "13.2%", "13.9%", "14.5%"},
           {"P/E", "35.1", "31.0", "26.6"},
           {"P/B", "4.6", "4.3", "3.9"}}};
  auto f = extract_forecasts(t, kCo, 2025, "", 12);
  EXPECT_EQ(f.size(), 18u);
  ASSERT_TRUE(find(f, 2024, "revenue"));
  EXPECT_DOUBLE_EQ(find(f, 2024, "revenue")->value, 9390);
  EXPECT_TRUE(find(f, 2024, "revenue")->actual);
  EXPECT_FALSE(find(f, 2025, "revenue")->actual);
  EXPECT_NEAR(find(f, 2026, "net_profit")->value, 3315, 1e-6);
  EXPECT_DOUBLE_EQ(find(f, 2025, "eps")->value, 2.12);
  EXPECT_DOUBLE_EQ(find(f, 2026, "roe")->value, 14.5);
  EXPECT_DOUBLE_EQ(find(f, 2025, "pb")->value, 4.3);
  EXPECT_EQ(find(f, 2025, "pb")->code.value_or(""), "601100.SH");
  EXPECT_EQ(find(f, 2025, "pb")->line, 12);
}

TEST(Forecasts, TenThousandsAndUnitCaption) {
  Table t{{{"", "2025E", "2026E"}, {"营业收入(万元)", "250,000", "300,000"}, {"净利润", "40.5", "52.0"}}};
  auto f = extract_forecasts(t, kCo, 2025, "单位：亿元");
  ASSERT_TRUE(find(f, 2025, "revenue"));
  EXPECT_DOUBLE_EQ(find(f, 2025, "revenue")->value, 2500);  // the row's own unit wins
  EXPECT_DOUBLE_EQ(find(f, 2026, "net_profit")->value, 5200);
}

TEST(Forecasts, MoneyWithoutAUnitIsNotGuessed) {
  Table t{{{"", "2025E", "2026E"}, {"营业收入", "2500", "3000"}, {"EPS", "1.2", "1.4"}}};
  auto f = extract_forecasts(t, kCo, 2025);
  EXPECT_FALSE(find(f, 2025, "revenue"));
  EXPECT_TRUE(find(f, 2025, "eps"));
}

TEST(Forecasts, GrowthAndDeductedLinesAreSkipped) {
  Table t{{{"", "2025E", "2026E"},
           {"归母净利润增长率", "12%", "15%"},
           {"扣非归母净利润（百万元）", "100", "120"},
           {"归母净利润（百万元）", "110", "130"}}};
  auto f = extract_forecasts(t, kCo, 2025);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_DOUBLE_EQ(find(f, 2025, "net_profit")->value, 110);
}

TEST(Forecasts, TableOfSeveralCompaniesIsNotOneCompanysForecast) {
  Table t{{{"代码", "公司", "2025E", "2026E", "2025E", "2026E"},
           {"601100.SH", "恒立液压", "2.1", "2.5", "31", "26"}}};
  EXPECT_TRUE(extract_forecasts(t, kCo, 2025).empty());
}

TEST(Forecasts, RatiosFiscalYearPrefixAndCornerUnit) {
  Table t{{{"（百万元）", "FY2024A", "FY2025E"},
           {"营业收入", "9,390", "10,512"},
           {"净利润率", "26.7%", "27.0%"},
           {"净利润", "2,509", "2,840"}}};
  auto f = extract_forecasts(t, kCo, 2025);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_DOUBLE_EQ(find(f, 2025, "net_profit")->value, 2840);
  EXPECT_DOUBLE_EQ(find(f, 2024, "revenue")->value, 9390);
}

TEST(Forecasts, Sentence) {
  auto f = sentence_forecasts("我们预计公司2025-2027年归母净利润分别为28.40/33.15/38.02亿元，对应EPS分别为2.12/2.47/2.84元，"
                              "对应PE分别为31.0/26.6/23.2倍",
                              kCo);
  ASSERT_EQ(f.size(), 9u);
  EXPECT_NEAR(find(f, 2027, "net_profit")->value, 3802, 1e-6);
  EXPECT_DOUBLE_EQ(find(f, 2026, "eps")->value, 2.47);
  EXPECT_DOUBLE_EQ(find(f, 2025, "pe")->value, 31.0);
}

TEST(Forecasts, SentenceRaisedForecast) {
  auto f = sentence_forecasts("我们上调公司2025-2026年营业收入预测至120.5/140.2亿元", kCo);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_DOUBLE_EQ(find(f, 2026, "revenue")->value, 14020);
}

TEST(Forecasts, SentenceWithCountMismatchGivesNothing) {
  EXPECT_TRUE(sentence_forecasts("预计公司2025-2027年归母净利润分别为28.40/33.15亿元", kCo).empty());
}

// End to end: a Hong Kong company note in a converted-PDF layout (tests/data/company).
#include <fstream>
#include <sstream>

#include "extract/extract.h"

namespace {
std::string fixture_body(const std::string& name) {
  std::ifstream f(std::string(YANBAO_TEST_DATA) + "/company/" + name);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string s = ss.str();
  size_t end = s.find("\n---\n", 4);
  return end == std::string::npos ? s : s.substr(end + 5);
}
}  // namespace

TEST(Forecasts, HongKongNoteEndToEnd) {
  ExtractContext ctx{"安踏体育（02020.HK）：主品牌稳健，户外品牌高增", "2025-11-12"};
  auto x = extract_report(fixture_body("hk-upgrade-note.md"), ctx);
  EXPECT_EQ(x.kind, "company");
  ASSERT_EQ(x.ratings.size(), 1u);
  EXPECT_EQ(x.ratings[0].code.value_or(""), "02020.HK");
  EXPECT_EQ(x.ratings[0].rating, "买入");
  EXPECT_EQ(x.ratings[0].action.value_or(""), "up");
  EXPECT_DOUBLE_EQ(x.ratings[0].target_price.value_or(0), 118);
  EXPECT_EQ(x.ratings[0].currency.value_or(""), "HKD");
  EXPECT_EQ(x.forecasts.size(), 20u);  // revenue, net_profit, eps, roe, pe × 4 years
  ASSERT_TRUE(find(x.forecasts, 2027, "revenue"));
  EXPECT_NEAR(find(x.forecasts, 2027, "revenue")->value, 94130, 1e-6);
  EXPECT_TRUE(find(x.forecasts, 2024, "net_profit")->actual);
  EXPECT_DOUBLE_EQ(find(x.forecasts, 2025, "roe")->value, 21.4);
  ASSERT_EQ(x.analysts.size(), 2u);
  EXPECT_EQ(x.analysts[1].name, "温言");
  EXPECT_EQ(x.analysts[1].license.value_or(""), "S0930525020004");
}
