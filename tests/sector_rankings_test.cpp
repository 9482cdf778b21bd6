// Specs for industry rankings in the sectors table (issue 14).
#include <gtest/gtest.h>

#include "extract/sector_rankings.h"

using namespace yanbao;

namespace {
const SectorContext kMorning{"day", "2025"};
const SectorContext kWeekly{"week", "2025"};
}  // namespace

TEST(SectorRankings, TopFiveTableOfAMorningNote) {
  Table t{{{"行业名称", "涨跌幅(%)"}, {"传媒", "2.714"}, {"计算机", "1.902"}, {"国防军工", "-0.35"}}};
  auto s = table_sectors(t, "昨日涨跌幅前五行业", kMorning, 30);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].name, "传媒");
  EXPECT_EQ(s[0].period, "day");
  EXPECT_FALSE(s[0].scheme);
  EXPECT_DOUBLE_EQ(s[2].change_pct, -0.35);
  EXPECT_EQ(s[0].line, 30);
}

TEST(SectorRankings, RankedTableWithSchemeInCaption) {
  Table t{{{"排名", "行业", "涨跌幅"}, {"1", "钢铁", "2.10%"}, {"2", "建筑材料", "1.75%"}}};
  auto s = table_sectors(t, "昨日中信一级行业涨跌幅前五", kMorning);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].name, "建筑材料");
  EXPECT_EQ(s[1].scheme.value_or(""), "中信");
}

TEST(SectorRankings, GainersAndLosersSideBySide) {
  Table t{{{"排名", "涨幅前五", "周涨跌幅(%)", "跌幅前五", "周涨跌幅(%)"},
           {"1", "钢铁", "3.10", "医药生物", "-2.20"},
           {"2", "建筑装饰", "2.05", "美容护理", "-1.10"}}};
  auto s = table_sectors(t, "表2：上周申万一级行业涨跌幅前五与后五", SectorContext{"", "2025"});
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[1].name, "医药生物");
  EXPECT_DOUBLE_EQ(s[1].change_pct, -2.2);
  EXPECT_EQ(s[1].period, "week");
  EXPECT_EQ(s[1].scheme.value_or(""), "申万");
}

TEST(SectorRankings, SubIndustryTableWithWeekAndYearToDate) {
  Table t{{{"子板块", "本周涨跌幅（%）", "年初至今（%）"}, {"白色家电", "1.20", "8.50"}}};
  auto s = table_sectors(t, "图表 2：申万家电二级子板块涨跌幅", kWeekly);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].period, "week");
  EXPECT_EQ(s[1].period, "since:2025-01-01");
}

TEST(SectorRankings, StockAndIndexTablesAreNotIndustries) {
  Table stocks{{{"个股", "涨跌幅"}, {"恒立液压", "5.2%"}}};
  EXPECT_TRUE(table_sectors(stocks, "昨日涨幅前五个股", kMorning).empty());
  Table indices{{{"指数名称", "涨跌幅"}, {"上证指数", "0.5%"}}};
  EXPECT_TRUE(table_sectors(indices, "主要指数", kMorning).empty());
}

TEST(SectorRankings, RankingSentenceWithValuesInOrder) {
  auto s = paragraph_sectors("昨日两市成交额1.1万亿元。行业方面，31个申万一级行业中19个上涨，钢铁、建筑装饰、煤炭涨幅居前，"
                             "分别上涨2.05%、1.64%、1.20%；传媒、计算机跌幅居前，分别下跌1.33%、0.90%。",
                             SectorContext{"", "2025"});
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].name, "钢铁");
  EXPECT_EQ(s[0].period, "day");
  EXPECT_EQ(s[0].scheme.value_or(""), "申万");
  EXPECT_DOUBLE_EQ(s[4].change_pct, -0.9);
}

TEST(SectorRankings, ItemListsAfterAnIndustryIntro) {
  auto s = paragraph_sectors("本周申万家电指数上涨1.5%。申万家电二级板块中，白色家电（+2.10%）、黑色家电（+1.05%）上涨，"
                             "厨卫电器（-0.40%）下跌。",
                             kWeekly);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[2].name, "厨卫电器");
  EXPECT_DOUBLE_EQ(s[2].change_pct, -0.4);
  EXPECT_EQ(s[2].period, "week");
  auto t = paragraph_sectors("涨幅居前的行业：煤炭（+3.2%）、有色金属（+2.1%）", kMorning);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].name, "有色金属");
}

TEST(SectorRankings, StockListsAreNotIndustries) {
  EXPECT_TRUE(paragraph_sectors("个股方面，本周家电板块涨幅前五：海信家电（+12.1%）、美的集团（+5.0%）", kWeekly).empty());
  EXPECT_TRUE(paragraph_sectors("本周汇金股份（+28.41%）、润泽科技（+19.62%）涨幅居前", kWeekly).empty());
}

TEST(SectorRankings, Names) {
  EXPECT_EQ(sector_name("申万电子"), "电子");
  EXPECT_EQ(sector_name("电子（申万）"), "电子");
  EXPECT_EQ(sector_name("汽车零部件Ⅱ"), "汽车零部件");
  EXPECT_EQ(sector_name("电子行业"), "电子");
}

// End to end: a morning digest with a ranking table, a ranking sentence and rated items.
#include <fstream>
#include <sstream>

#include "extract/extract.h"

TEST(SectorRankings, MorningDigestEndToEnd) {
  std::ifstream f(std::string(YANBAO_TEST_DATA) + "/company/morning-digest.md");
  std::stringstream ss;
  ss << f.rdbuf();
  std::string s = ss.str();
  std::string body = s.substr(s.find("\n---\n", 4) + 5);
  auto x = extract_report(body, ExtractContext{"晨会纪要20251105", "2025-11-05"});
  EXPECT_EQ(x.kind, "morning");
  int day_rows = 0, sw_rows = 0;
  for (const auto& m : x.sectors) {
    EXPECT_EQ(m.period, "day") << m.name;
    ++day_rows;
    if (m.scheme == "申万") ++sw_rows;
    EXPECT_NE(m.name, "汇金股份");
  }
  EXPECT_EQ(day_rows, 8);  // 3 from the table, 5 from the sentence
  EXPECT_EQ(sw_rows, 5);
  ASSERT_EQ(x.ratings.size(), 3u);
  EXPECT_EQ(x.ratings[0].name, "恒立液压");
  EXPECT_EQ(x.ratings[0].action.value_or(""), "keep");
  EXPECT_EQ(x.ratings[1].subject, "industry");
  EXPECT_EQ(x.ratings[1].name, "家电");
  EXPECT_EQ(x.ratings[2].code.value_or(""), "300750.SZ");
  EXPECT_EQ(x.ratings[2].action.value_or(""), "first");
  EXPECT_DOUBLE_EQ(x.ratings[2].target_price.value_or(0), 420);
  EXPECT_EQ(x.analysts.size(), 3u);  // 季晓川 once
}
