// Specs for reports.kind (issue 14): the title decides when it names the sort of report,
// else the masthead lines of the body.
#include <gtest/gtest.h>

#include "extract/report_kind.h"

using yanbao::classify_report;

TEST(ReportKind, CompanyNoteTitleWithCode) {
  EXPECT_EQ(classify_report("恒立液压（601100.SH）：海外订单放量，丝杠业务进入收获期", ""), "company");
  EXPECT_EQ(classify_report("中集集团(000039)2025年中报点评：集装箱景气回落", ""), "company");
  EXPECT_EQ(classify_report("美团-W（03690.HK）：外卖竞争趋缓", ""), "company");
  EXPECT_EQ(classify_report("汇川技术-300124-2024年报点评：通用自动化复苏", ""), "company");
}

TEST(ReportKind, IndustrySeries) {
  EXPECT_EQ(classify_report("家电行业周报：以旧换新延续，关注出口链", ""), "industry");
  EXPECT_EQ(classify_report("银行业周报：息差企稳", ""), "industry");
  EXPECT_EQ(classify_report("机械行业2026年1月投资策略：设备更新再提速", ""), "industry");
  EXPECT_EQ(classify_report("电子行业深度报告：先进封装产业链梳理", ""), "industry");
}

TEST(ReportKind, MorningDigestEvenWhenItNamesCompanies) {
  EXPECT_EQ(classify_report("晨会纪要：宁德时代（300750.SZ）钠电池量产在即", ""), "morning");
  EXPECT_EQ(classify_report("每日晨报20251103", ""), "morning");
  EXPECT_EQ(classify_report("东方研究·研究精粹1103", ""), "morning");
}

TEST(ReportKind, StrategyAndMacro) {
  EXPECT_EQ(classify_report("策略周报：风格再平衡", ""), "strategy");
  EXPECT_EQ(classify_report("北交所周报：专精特新活跃", ""), "strategy");
  EXPECT_EQ(classify_report("主题投资周报：低空经济", ""), "strategy");
  EXPECT_EQ(classify_report("宏观点评：10月社融超预期", ""), "macro");
  EXPECT_EQ(classify_report("固收周报：债市震荡", ""), "macro");
  EXPECT_EQ(classify_report("金工量化周报：动量因子回撤", ""), "macro");
}

TEST(ReportKind, IndustryWordLaterInTitleDoesNotMakeAStrategyReportAnIndustryOne) {
  EXPECT_EQ(classify_report("策略周报：关注顺周期行业", ""), "strategy");
}

TEST(ReportKind, BodyMastheadWhenTheTitleSaysNothing) {
  EXPECT_EQ(classify_report("通用自动化复苏确认", "\n公司点评 | 电力设备 | 2025年04月24日\n\n# …\n"), "company");
  EXPECT_EQ(classify_report("存储价格企稳", "证券研究报告·行业周报·电子\n"), "industry");
  EXPECT_EQ(classify_report("无题", "正文第一段。\n"), "other");
}

TEST(ReportKind, TagsWhenTheTitleSaysNothing) {
  EXPECT_EQ(classify_report("通用自动化复苏确认", "", {"hibor", "公司点评"}), "company");
  EXPECT_EQ(classify_report("要闻速递", "", {"晨会"}), "morning");
  // The title wins over a tag.
  EXPECT_EQ(classify_report("电子行业周报：存储涨价", "", {"公司点评"}), "industry");
}
