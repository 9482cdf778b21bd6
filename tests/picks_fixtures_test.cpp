// Whole report bodies in the layouts of real reports (tests/data/picks/, written for these
// tests): a monthly golden-stock strategy report and an industry weekly converted from PDF,
// once repaired (as the document model hands it over) and once raw. Each fixture states
// every pick, news item, event and risk it must give, and nothing else.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "extract/lists.h"

using namespace yanbao;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(YANBAO_TEST_DATA) + "/picks/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Extraction run_fixture(const std::string& name, std::string date) {
  Extraction out;
  extract_lists(fixture(name), ExtractContext{"", std::move(date)}, out);
  return out;
}

/// "theme|name|code|kind|line" with "-" for nullopt.
std::vector<std::string> picks_of(const Extraction& x) {
  std::vector<std::string> v;
  auto o = [](const std::optional<std::string>& s) { return s ? *s : std::string("-"); };
  for (const auto& p : x.picks)
    v.push_back(o(p.theme) + "|" + p.name + "|" + o(p.code) + "|" + p.kind + "|" + std::to_string(p.line));
  return v;
}

using V = std::vector<std::string>;

}  // namespace

TEST(PickFixtures, MonthlyGoldenStockReport) {
  auto x = run_fixture("strategy-monthly-jingu.md", "2025-12-01");
  EXPECT_EQ(picks_of(x), (V{"金股|紫金矿业|601899.SH|recommend|10", "金股|宁德时代|300750.SZ|recommend|10",
                            "金股|招商银行|600036.SH|recommend|10", "成长&前瞻方向组合|中际旭创|-|recommend|12",
                            "成长&前瞻方向组合|北方华创|-|recommend|12", "成长&前瞻方向组合|汇川技术|-|recommend|12",
                            "成长&前瞻方向组合|三花智控|-|recommend|12",
                            "成长&前瞻方向组合|小米集团-W|-|recommend|12", "稳健红利组合|长江电力|600900.SH|recommend|14",
                            "稳健红利组合|中国神华|601088.SH|recommend|14"}));
  ASSERT_EQ(x.risks.size(), 2u);
  EXPECT_EQ(x.risks[0].line, 32);
  EXPECT_TRUE(x.news.empty());
  EXPECT_TRUE(x.events.empty());
}

TEST(PickFixtures, RepairedPdfIndustryWeekly) {
  auto x = run_fixture("industry-weekly-repaired.md", "2025-06-14");
  EXPECT_EQ(picks_of(x), (V{"刻蚀与薄膜沉积|北方华创|-|watch|12", "刻蚀与薄膜沉积|中微公司|-|watch|12",
                            "零部件|富创精密|-|watch|12", "零部件|新莱应材|-|watch|12",
                            "消费电子|立讯精密|002475.SZ|beneficiary|12", "消费电子|工业富联|601138.SH|beneficiary|12"}));
  ASSERT_EQ(x.news.size(), 2u);
  EXPECT_EQ(x.news[0].text, "台积电5月营收同比增长40%");
  EXPECT_EQ(x.news[0].line, 8);
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].company, "北方华创");
  EXPECT_EQ(x.events[0].event_date, "2025-06-10");
  EXPECT_EQ(x.events[1].company, "中芯国际");
  EXPECT_EQ(x.events[1].event_date, "2025-06-12");
  EXPECT_EQ(x.events[1].line, 10);
  EXPECT_EQ(x.risks.size(), 2u);
}

TEST(PickFixtures, RawPdfIndustryWeeklyHasNoWrongRows) {
  // Unrepaired text (wrapped lines, a code split by a wrap, page furniture) may lose rows,
  // but every row it gives must be one of the repaired text's rows.
  auto raw = run_fixture("industry-weekly-pdf.md", "2025-06-14");
  auto fixed = run_fixture("industry-weekly-repaired.md", "2025-06-14");
  std::set<std::string> ok;
  for (const auto& p : fixed.picks) ok.insert(p.name + "|" + p.kind);
  for (const auto& p : raw.picks) EXPECT_TRUE(ok.count(p.name + "|" + p.kind)) << p.name;
  std::set<std::string> companies;
  for (const auto& e : fixed.events) companies.insert(e.company + "|" + e.event_date.value_or("-"));
  for (const auto& e : raw.events) EXPECT_TRUE(companies.count(e.company + "|" + e.event_date.value_or("-"))) << e.company;
  EXPECT_EQ(raw.events.size(), 2u);
  EXPECT_EQ(raw.risks.size(), 2u);
}
