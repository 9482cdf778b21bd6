// Specs for pick lists in the wordings of real reports (issue 12): portfolios (组合), monthly
// golden stocks (金股), 【】 lists, cues standing before their list, numbered sub-themes, and
// the traps that must yield nothing (a cue word inside a company name, industries in a list,
// analyst blocks, lists of older reports, bullet glyphs). Every body is written for these
// tests; company names are listed companies, the prose is invented.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/lists.h"

using namespace yanbao;

namespace {

Extraction run(std::string_view body, std::string title = "", std::string date = "2025-06-20") {
  Extraction out;
  extract_lists(body, ExtractContext{std::move(title), std::move(date)}, out);
  return out;
}

/// "theme|name|code|kind" with "-" for nullopt.
std::vector<std::string> picks_of(const Extraction& x) {
  std::vector<std::string> v;
  auto o = [](const std::optional<std::string>& s) { return s ? *s : std::string("-"); };
  for (const auto& p : x.picks) v.push_back(o(p.theme) + "|" + p.name + "|" + o(p.code) + "|" + p.kind);
  return v;
}

using V = std::vector<std::string>;

}  // namespace

// ------------------------------------------------------------------------- portfolios

TEST(Picks, PortfolioNameIsTheTheme) {
  auto x = run("成长&前瞻方向组合：北方华创、中微公司、中际旭创；宁德时代、汇川技术。\n");
  EXPECT_EQ(picks_of(x), (V{"成长&前瞻方向组合|北方华创|-|recommend", "成长&前瞻方向组合|中微公司|-|recommend",
                            "成长&前瞻方向组合|中际旭创|-|recommend", "成长&前瞻方向组合|宁德时代|-|recommend",
                            "成长&前瞻方向组合|汇川技术|-|recommend"}));
}

TEST(Picks, PortfolioWithCodesAndWideColon) {
  auto x = run("重点长期组合：贵州茅台（600519.SH）、招商银行（600036.SH）、美的集团（000333.SZ）。");
  EXPECT_EQ(picks_of(x), (V{"重点长期组合|贵州茅台|600519.SH|recommend", "重点长期组合|招商银行|600036.SH|recommend",
                            "重点长期组合|美的集团|000333.SZ|recommend"}));
}

TEST(Picks, CorePortfolioInsideOneBracket) {
  auto x = run("本月核心组合【紫金矿业、立讯精密、恒瑞医药】，组合上月跑赢沪深300指数。");
  EXPECT_EQ(picks_of(x), (V{"核心组合|紫金矿业|-|recommend", "核心组合|立讯精密|-|recommend",
                            "核心组合|恒瑞医药|-|recommend"}));
}

TEST(Picks, PortfolioLabelAfterNumberedHeadingLine) {
  auto x = run("二、稳健组合：长江电力（600900.SH）、中国神华（601088.SH）\n");
  EXPECT_EQ(picks_of(x), (V{"稳健组合|长江电力|600900.SH|recommend", "稳健组合|中国神华|601088.SH|recommend"}));
}

TEST(Picks, PortfolioInProseIsNoCue) {
  auto x = run(
      "政策组合拳持续发力，消费与地产有望企稳。\n\n"
      "公司产品组合不断丰富，立讯精密、歌尔股份等客户订单饱满。\n\n"
      "我们的投资组合上月收益率为3.2%，跑赢基准。\n");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

// ------------------------------------------------------------------------- golden stocks

TEST(Picks, GoldenStocksInAdjacentBrackets) {
  auto x = run("1月金股推荐：【比亚迪】【中际旭创】【海尔智家】\n");
  EXPECT_EQ(picks_of(x), (V{"金股|比亚迪|-|recommend", "金股|中际旭创|-|recommend", "金股|海尔智家|-|recommend"}));
}

TEST(Picks, GoldenStocksOfThisMonthWithSpacesBetweenBrackets) {
  auto x = run("本月金股： 【工业富联（601138.SH）】 【金山办公（688111.SH）】 【迈瑞医疗（300760.SZ）】");
  EXPECT_EQ(picks_of(x), (V{"金股|工业富联|601138.SH|recommend", "金股|金山办公|688111.SH|recommend",
                            "金股|迈瑞医疗|300760.SZ|recommend"}));
}

TEST(Picks, GoldenStockInsideCompanyNameNeverTriggers) {
  auto x = run(
      "汇金股份（300368.SZ）发布公告，拟回购公司股份。\n\n"
      "本周涨幅居前的个股有汇金股份、中金黄金，跌幅居前的有某某科技。\n\n"
      "黄金股表现强势，山东黄金、紫金矿业涨幅居前。\n");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

// ------------------------------------------------------------------------- cue variants

TEST(Picks, KeyRecommendationWithCodeInProse) {
  auto x = run("投资建议：重点推荐应流股份（603308.SH），公司两机叶片订单充足。");
  EXPECT_EQ(picks_of(x), (V{"-|应流股份|603308.SH|recommend"}));
}

TEST(Picks, BeneficiariesIncludeWithEtc) {
  auto x = run("国产设备替代提速，受益标的包括北方华创、中微公司、拓荆科技等。");
  EXPECT_EQ(picks_of(x), (V{"-|北方华创|-|beneficiary", "-|中微公司|-|beneficiary", "-|拓荆科技|-|beneficiary"}));
}

TEST(Picks, RelatedTargetsAfterThemeSentence) {
  auto x = run("光模块需求持续超预期。相关标的：中际旭创（300308.SZ）、新易盛（300502.SZ）。");
  EXPECT_EQ(picks_of(x), (V{"-|中际旭创|300308.SZ|watch", "-|新易盛|300502.SZ|watch"}));
}

TEST(Picks, RecommendedTargetsWithSpacesAroundSeparators) {
  auto x = run("推荐标的： 恒瑞医药（600276.SH） 、 迈瑞医疗（300760.SZ）");
  EXPECT_EQ(picks_of(x), (V{"-|恒瑞医药|600276.SH|recommend", "-|迈瑞医疗|300760.SZ|recommend"}));
}

// ------------------------------------------------------------------------- distant cues

TEST(Picks, PortfolioListAfterDistantCue) {
  auto x = run("建议重点关注两机产业链：1）燃机热端叶片：【应流股份】、【万泽股份】；2）高温合金：图南股份、抚顺特钢。");
  EXPECT_EQ(picks_of(x), (V{"燃机热端叶片|应流股份|-|watch", "燃机热端叶片|万泽股份|-|watch",
                            "高温合金|图南股份|-|watch", "高温合金|抚顺特钢|-|watch"}));
}

TEST(Picks, DistantCueThenNumberedLines) {
  auto x = run(
      "我们认为燃气轮机需求迎来拐点，建议重点关注以下环节：\n"
      "1）燃机热端叶片：【应流股份】、【万泽股份】；\n"
      "2）高温合金：图南股份（300855.SZ）。\n\n"
      "行业景气度持续向上，订单饱满。\n");
  EXPECT_EQ(picks_of(x), (V{"燃机热端叶片|应流股份|-|watch", "燃机热端叶片|万泽股份|-|watch",
                            "高温合金|图南股份|300855.SZ|watch"}));
}

TEST(Picks, DistantCueAcrossSentenceThenSubThemes) {
  auto x = run("建议关注燃机产业链。1）燃机热端叶片：应流股份、万泽股份；2）控制系统：航发控制。");
  EXPECT_EQ(picks_of(x), (V{"燃机热端叶片|应流股份|-|watch", "燃机热端叶片|万泽股份|-|watch",
                            "控制系统|航发控制|-|watch"}));
}

TEST(Picks, SubThemeBeforeBeneficiaryCue) {
  auto x = run("1）AI应用：受益标的金山办公、科大讯飞；2）信创：受益标的中国软件、海光信息。");
  EXPECT_EQ(picks_of(x), (V{"AI应用|金山办公|-|beneficiary", "AI应用|科大讯飞|-|beneficiary",
                            "信创|中国软件|-|beneficiary", "信创|海光信息|-|beneficiary"}));
}

TEST(Picks, SubThemeRightAfterALabelColon) {
  auto x = run("投资建议：1）光模块：受益标的甲乙科技、丙丁通信；2）卫星：受益标的戊己股份、庚辛电子。");
  EXPECT_EQ(picks_of(x), (V{"光模块|甲乙科技|-|beneficiary", "光模块|丙丁通信|-|beneficiary",
                            "卫星|戊己股份|-|beneficiary", "卫星|庚辛电子|-|beneficiary"}));
}

TEST(Picks, DistantCueWithProseAfterColonYieldsNothing) {
  auto x = run("建议关注美联储议息会议：若降息落地，成长风格有望占优，关注半导体、算力。");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

// ------------------------------------------------------------------------- traps

TEST(Picks, IndustriesInAListAreNotStocks) {
  EXPECT_TRUE(run("科技方向逢回调关注半导体设备、算力链。").picks.empty());
  EXPECT_TRUE(run("建议关注储能电池、光伏设备、消费电子。").picks.empty());
  EXPECT_TRUE(run("重点关注：人形机器人、低空经济、算力链。").picks.empty());
}

TEST(Picks, RecommendedReadingIsNotAList) {
  auto x = run("推荐阅读：《2025年电子行业年度策略》、《半导体设备深度报告》\n");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Picks, AnalystBlockIsNeverAPickList) {
  auto x = run(
      "## 重点推荐\n\n"
      "- 贵州茅台（600519.SH）\n\n"
      "证券分析师：吴鸣远\n"
      "执业证书编号：S0000000000000\n"
      "分析师 张三\n"
      "研究助理：李四、王五\n");
  EXPECT_EQ(picks_of(x), (V{"-|贵州茅台|600519.SH|recommend"}));
}

TEST(Picks, AnalystLineAfterCueLine) {
  auto x = run("推荐标的：宁德时代（300750.SZ）\n分析师：赵六、钱七\n");
  EXPECT_EQ(picks_of(x), (V{"-|宁德时代|300750.SZ|recommend"}));
}

TEST(Picks, RelatedResearchListIsNotPicks) {
  auto x = run(
      "## 相关研究\n\n"
      "1. 电子行业周报：推荐北方华创、中微公司 2025-06-01\n"
      "2. 《通信行业点评：关注中际旭创、新易盛》 2025-05-25\n"
      "3. 重点推荐组合：宁德时代、比亚迪（2025-05-18）\n");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Picks, BulletGlyphsAreNeverNames) {
  auto x = run("受益标的：\n■ 北方华创\n■ 中微公司\n\n➢ 推荐标的：● 宁德时代、● 比亚迪\n");
  EXPECT_EQ(picks_of(x), (V{"-|北方华创|-|beneficiary", "-|中微公司|-|beneficiary", "-|宁德时代|-|recommend",
                            "-|比亚迪|-|recommend"}));
  for (const auto& p : x.picks)
    for (std::string g : {"■", "●", "◆", "➢", "•", "⚫"}) EXPECT_EQ(p.name.find(g), std::string::npos) << p.name;
}

TEST(Picks, ParagraphBehindHashIsReadAsText) {
  auto x = run(
      "# 投资建议：我们看好AI算力链的持续景气，推荐标的：中际旭创（300308.SZ）、新易盛（300502.SZ）。"
      "风险提示：下游需求不及预期；竞争加剧。\n");
  EXPECT_EQ(picks_of(x), (V{"-|中际旭创|300308.SZ|recommend", "-|新易盛|300502.SZ|recommend"}));
  ASSERT_EQ(x.risks.size(), 2u);
}

TEST(Picks, SingleHanCharacterIsNeverAName) {
  auto x = run("推荐标的：份（300368.SZ）、茅（600519.SH）");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

// ------------------------------------------------------------------------- lines

TEST(Lists, EveryRowCarriesItsBodyLine) {
  auto x = run(
      "# 周报\n"
      "\n"
      "推荐标的：宁德时代（300750.SZ）、比亚迪（002594.SZ）\n"
      "本周要闻：甲公司发布新品；乙公司获得订单。\n"
      "公司公告：6月18日，胜宏科技发布业绩预告。\n"
      "风险提示：需求不及预期。\n");
  ASSERT_EQ(x.picks.size(), 2u);
  EXPECT_EQ(x.picks[0].line, 3);
  EXPECT_EQ(x.picks[1].line, 3);
  ASSERT_EQ(x.news.size(), 2u);
  EXPECT_EQ(x.news[0].line, 4);
  EXPECT_EQ(x.news[1].line, 4);
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].line, 5);
  ASSERT_EQ(x.risks.size(), 1u);
  EXPECT_EQ(x.risks[0].line, 6);
}

TEST(Lists, RowsUnderAHeadingCarryTheirOwnLine) {
  auto x = run("## 重点推荐\n\n- 贵州茅台（600519.SH）\n- 五粮液（000858.SZ）\n\n## 风险提示\n\n1）需求不及预期；\n2）竞争加剧。\n");
  ASSERT_EQ(x.picks.size(), 2u);
  EXPECT_EQ(x.picks[0].line, 3);
  EXPECT_EQ(x.picks[1].line, 4);
  ASSERT_EQ(x.risks.size(), 2u);
  EXPECT_EQ(x.risks[0].line, 8);
  EXPECT_EQ(x.risks[1].line, 9);
}

TEST(Lists, CompanyNoteRatingCarriesTheLineOfTheRating) {
  auto x = run("公司业绩超预期。\n\n维持“买入”评级。\n", "汇川技术（300124.SZ）：点评");
  ASSERT_EQ(x.picks.size(), 1u);
  EXPECT_EQ(x.picks[0].line, 3);
}

// ------------------------------------------------------------------------- more traps

TEST(Picks, ProseAboutGoldenStocksIsNoList) {
  auto x = run(
      "新进金股中中芯国际、卫星化学、中航西飞位居前列。\n\n"
      "本月金股表现优异，金股组合上涨3.4%。\n\n"
      "金股的收益率领先的券商为甲证券、乙证券。\n");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Picks, KindsOfCompaniesAreNotNames) {
  auto x = run("建议关注Robotaxi运营服务商、头部智驾整车公司、大算力智驾芯片供应商、激光雷达等。");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Picks, PortfolioBuildingInProseIsNoCue) {
  auto x = run("示例组合构建（仅供参考）：\n蓝筹股：工商银行（金融）、腾讯控股（科技）\n");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Picks, TableOfContentsUnderANewsHeadingIsSkipped) {
  auto x = run(
      "# 行业要闻\n\n目录\n\n1. 行情回顾 ........................ 3\n\n2. 行业要闻 ........................ 5\n\n"
      "图表目录\n\n图1：本周指数涨跌幅 .................. 3\n\n"
      "# 行业要闻\n\n甲公司发布新品；乙公司获得订单。\n");
  ASSERT_EQ(x.news.size(), 2u);
  EXPECT_EQ(x.news[0].text, "甲公司发布新品");
}

TEST(Events, DateSplitByBlanksAndBulletGlyphs) {
  auto x = run("■ 公司公告：5 月 20 日，胜宏科技发布限制性股票激励计划；5 月 22 日消息，沪电股份公告拟投资建设新项目。\n",
               "", "2025-05-25");
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].event_date, "2025-05-20");
  EXPECT_EQ(x.events[0].company, "胜宏科技");
  EXPECT_EQ(x.events[1].event_date, "2025-05-22");
  EXPECT_EQ(x.events[1].company, "沪电股份");
}

TEST(Events, NoCompanyNoEvent) {
  auto x = run("公司公告：5月20日，\n", "", "2025-05-25");
  EXPECT_TRUE(x.events.empty());
}

TEST(Lists, SectionLabelOnAGlyphBulletEndsTheEventList) {
  auto x = run(
      "## 公司动态\n\n"
      "● 6月18日，胜宏科技发布业绩预告。\n"
      "● 投资观点：创新药板块有望迎来估值与业绩的双重修复。\n");
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].company, "胜宏科技");
}

TEST(Picks, CueLineWrappedBeforeTheNextSubTheme) {
  auto x = run(
      "⚫ 投资建议：建议重点关注汽车智能化产业链：1）智驾：【德赛西威】、【地平线机器人-W】；\n"
      "2）整车：【比亚迪】、【吉利汽车】。\n");
  EXPECT_EQ(picks_of(x), (V{"智驾|德赛西威|-|watch", "智驾|地平线机器人-W|-|watch", "整车|比亚迪|-|watch",
                            "整车|吉利汽车|-|watch"}));
}

TEST(Picks, GoldenStockTableUnderPortfolioHeading) {
  auto x = run(
      "## 本月金股组合\n\n"
      "| 代码 | 名称 | 推荐理由 |\n| --- | --- | --- |\n"
      "| 601899.SH | 紫金矿业 | 铜金量价齐升 |\n| 300750.SZ | 宁德时代 | 储能放量 |\n");
  EXPECT_EQ(picks_of(x), (V{"金股|紫金矿业|601899.SH|recommend", "金股|宁德时代|300750.SZ|recommend"}));
}

TEST(Picks, IndustryColumnIsNotTheName) {
  auto x = run(
      "## 12月金股\n\n"
      "| 行业 | 代码 | 名称 | 推荐理由 |\n| --- | --- | --- | --- |\n"
      "| 有色金属 | 601899.SH | 紫金矿业 | 铜价上行 |\n| 电子 | 002475.SZ | 立讯精密 | 果链复苏 |\n\n"
      "## 港股金股\n\n"
      "| 电子 | 01810.HK | 小米集团-W |\n");
  EXPECT_EQ(picks_of(x), (V{"金股|紫金矿业|601899.SH|recommend", "金股|立讯精密|002475.SZ|recommend",
                            "港股金股|小米集团-W|01810.HK|recommend"}));
}

// ------------------------------------------------------------------------- document input

namespace {

Block block(BlockKind kind, int line, std::string text, int level = 0) {
  Block b;
  b.kind = kind;
  b.line = line;
  b.level = level;
  b.text = std::move(text);
  return b;
}

Block table(int line, std::string caption, std::vector<std::vector<std::string>> rows) {
  Block b = block(BlockKind::kTable, line, std::move(caption));
  b.table.rows = std::move(rows);
  return b;
}

}  // namespace

TEST(Picks, DocumentBlocksReadLikeLinesWithTheirOwnLines) {
  Document doc;
  doc.blocks.push_back(block(BlockKind::kHeading, 1, "投资建议", 1));
  doc.blocks.push_back(block(BlockKind::kParagraph, 3,
                             "建议重点关注两机产业链：1）燃机热端叶片：【应流股份】、【万泽股份】；"));
  doc.blocks.push_back(block(BlockKind::kItem, 5, "高温合金：图南股份（300855.SZ）、抚顺特钢（600399.SH）"));
  doc.blocks.push_back(block(BlockKind::kHeading, 7, "风险提示", 1));
  doc.blocks.push_back(block(BlockKind::kParagraph, 8, "订单不及预期；原材料涨价。"));
  Extraction x;
  extract_lists(doc, ExtractContext{"", "2025-06-20"}, x);
  EXPECT_EQ(picks_of(x), (V{"燃机热端叶片|应流股份|-|watch", "燃机热端叶片|万泽股份|-|watch",
                            "高温合金|图南股份|300855.SZ|watch", "高温合金|抚顺特钢|600399.SH|watch"}));
  ASSERT_EQ(x.picks.size(), 4u);
  EXPECT_EQ(x.picks[0].line, 3);
  EXPECT_EQ(x.picks[3].line, 5);
  ASSERT_EQ(x.risks.size(), 2u);
  EXPECT_EQ(x.risks[1].line, 8);
}

TEST(Picks, CaptionedGoldenStockTableGivesRows) {
  Document doc;
  doc.blocks.push_back(block(BlockKind::kParagraph, 1, "本月市场震荡上行。"));
  doc.blocks.push_back(table(3, "表1：12月金股组合",
                             {{"行业", "证券代码", "证券简称", "推荐理由"},
                              {"有色金属", "601899.SH", "紫金矿业", "铜价上行"},
                              {"电子", "002475.SZ", "立讯精密", "果链复苏"}}));
  Extraction x;
  extract_lists(doc, ExtractContext{"", "2025-12-01"}, x);
  EXPECT_EQ(picks_of(x), (V{"金股|紫金矿业|601899.SH|recommend", "金股|立讯精密|002475.SZ|recommend"}));
  for (const auto& p : x.picks) EXPECT_EQ(p.line, 3);
}

TEST(Picks, TablesOutsidePickSectionsGiveNoRows) {
  Document doc;
  doc.blocks.push_back(block(BlockKind::kHeading, 1, "重点公司盈利预测", 2));
  doc.blocks.push_back(table(2, "", {{"代码", "名称", "EPS", "评级"}, {"002594.SZ", "比亚迪", "13.84", "增持"}}));
  doc.blocks.push_back(block(BlockKind::kHeading, 4, "市场表现", 2));
  doc.blocks.push_back(table(5, "表2：本周涨幅前五", {{"代码", "名称", "涨幅"}, {"300750.SZ", "宁德时代", "5.2%"}}));
  Extraction x;
  extract_lists(doc, ExtractContext{"", "2025-12-01"}, x);
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Picks, BracketedLabelOpensTheList) {
  auto x = run("【重点推荐】宁德时代、比亚迪、理想汽车-W\n【风险提示】需求不及预期；竞争加剧\n");
  EXPECT_EQ(picks_of(x), (V{"-|宁德时代|-|recommend", "-|比亚迪|-|recommend", "-|理想汽车-W|-|recommend"}));
  EXPECT_EQ(x.risks.size(), 2u);
}

TEST(Picks, StatedListOfThemesYieldsNothing) {
  EXPECT_TRUE(run("受益于政策催化，建议关注：华为产业链、鸿蒙生态。").picks.empty());
  EXPECT_TRUE(run("## 投资建议\n\n关注政策催化：华为产业链、鸿蒙生态。\n").picks.empty());
}

TEST(Picks, EnumeratedFirstSubThemeRightAfterTheCue) {
  auto x = run("建议关注（1）AI算力：工业富联、沪电股份；（2）AI应用：金山办公。");
  EXPECT_EQ(picks_of(x), (V{"AI算力|工业富联|-|watch", "AI算力|沪电股份|-|watch", "AI应用|金山办公|-|watch"}));
}

TEST(Picks, NamedPortfoliosInOneSentence) {
  auto x = run("重点推荐组合：贵州茅台、五粮液；弹性组合：山西汾酒、今世缘。本期金股组合为：中国海油、招商银行。");
  EXPECT_EQ(picks_of(x), (V{"重点推荐组合|贵州茅台|-|recommend", "重点推荐组合|五粮液|-|recommend",
                            "弹性组合|山西汾酒|-|recommend", "弹性组合|今世缘|-|recommend", "金股|中国海油|-|recommend",
                            "金股|招商银行|-|recommend"}));
}

TEST(Picks, RelatedIsNoTheme) {
  auto x = run("相关受益标的：中际旭创（300308.SZ）、新易盛（300502.SZ）。");
  EXPECT_EQ(picks_of(x), (V{"-|中际旭创|300308.SZ|beneficiary", "-|新易盛|300502.SZ|beneficiary"}));
}

TEST(Picks, MacroWatchItemsAreNotStocks) {
  EXPECT_TRUE(run("关注美联储议息会议、国内社融数据。").picks.empty());
  EXPECT_TRUE(run("关注：美联储议息会议；国内社融数据。").picks.empty());
  EXPECT_TRUE(run("重点关注两会政策、出口数据、地产销售。").picks.empty());
}

TEST(Picks, ThemedTargetListsAfterOneCue) {
  auto x = run("建议关注高股息标的：长江电力、中国神华；科技成长标的：中芯国际、北方华创。");
  EXPECT_EQ(picks_of(x), (V{"高股息|长江电力|-|watch", "高股息|中国神华|-|watch", "科技成长|中芯国际|-|watch",
                            "科技成长|北方华创|-|watch"}));
}

TEST(Picks, ParticleInsideAPhraseIsNoName) {
  EXPECT_TRUE(run("# 12月金股：跨年行情的进攻与防守\n").picks.empty());
  auto x = run("推荐标的：美的集团、绿的谐波、海尔智家");
  EXPECT_EQ(picks_of(x), (V{"-|美的集团|-|recommend", "-|绿的谐波|-|recommend", "-|海尔智家|-|recommend"}));
}

TEST(Lists, FigureAndTableCaptionsAreNoNewsItems) {
  auto x = run("## 行业要闻\n\n甲公司发布新品；乙公司获得订单。\n\n图3：本周行业指数走势\n\n表 2 重点公司估值\n\n丙公司完成融资。\n");
  ASSERT_EQ(x.news.size(), 3u);
  EXPECT_EQ(x.news[2].text, "丙公司完成融资");
  EXPECT_EQ(x.news[2].line, 9);
}

TEST(Picks, TableAfterALongCueLine) {
  auto x = run(
      "我们看好算力基础设施的持续景气，本月重点推荐以下公司：\n"
      "| 代码 | 名称 | 推荐理由 |\n| --- | --- | --- |\n"
      "| 300308.SZ | 中际旭创 | 800G放量 |\n| 601138.SH | 工业富联 | AI服务器 |\n\n"
      "| 300750.SZ | 宁德时代 | 储能 |\n");
  EXPECT_EQ(picks_of(x), (V{"-|中际旭创|300308.SZ|recommend", "-|工业富联|601138.SH|recommend"}));
}

TEST(Picks, DirectionsAfterACueAreNotStocks) {
  auto x = run("我们看好半导体设备板块，建议关注以下方向：\n1）国产替代\n2）先进封装\n3）零部件：富创精密、新莱应材\n");
  EXPECT_EQ(picks_of(x), (V{"零部件|富创精密|-|watch", "零部件|新莱应材|-|watch"}));
  auto y = run("## 关注方向\n\n- 国产替代\n- 先进封装\n- 存储：兆易创新、北京君正\n");
  EXPECT_EQ(picks_of(y), (V{"存储|兆易创新|-|watch", "存储|北京君正|-|watch"}));
}

TEST(Picks, IndicesInAWatchListAreNotStocks) {
  EXPECT_TRUE(run("关注海外市场：纳斯达克、标普500。").picks.empty());
  EXPECT_TRUE(run("关注中证1000、国证2000。").picks.empty());
}

TEST(Picks, CodedEntriesUnderADirectionHeading) {
  auto x = run("## 重点推荐方向及标的\n\n- 储能方向\n- 宁德时代（300750.SZ）\n- 阳光电源（300274.SZ）\n");
  EXPECT_EQ(picks_of(x), (V{"-|宁德时代|300750.SZ|recommend", "-|阳光电源|300274.SZ|recommend"}));
}

TEST(Lists, NewsBulletWithASectionWordStaysAnItem) {
  auto x = run("## 行业要闻\n\n- 某银行评级获上调：外资机构上调其信用评级\n- 投资观点：板块估值修复\n");
  ASSERT_EQ(x.news.size(), 1u);
  EXPECT_EQ(x.news[0].text, "某银行评级获上调：外资机构上调其信用评级");
}

TEST(Picks, AuthorLinesOfEveryFormEndAList) {
  auto x = run("## 推荐标的\n\n- 宁德时代（300750.SZ）\n作者：张三、李四\n联系人 王五\n");
  EXPECT_EQ(picks_of(x), (V{"-|宁德时代|300750.SZ|recommend"}));
}

TEST(Picks, RatingTakesTheCompanyOfADashedTitle) {
  auto x = run("维持“买入”评级。\n", "汇川技术-300124-2024年报点评：工控龙头韧性强");
  EXPECT_EQ(picks_of(x), (V{"-|汇川技术|300124.SZ|rating"}));
  EXPECT_TRUE(run("维持“买入”评级。\n", "电子-行业周报-2025：存储回暖").picks.empty());
}

TEST(Picks, StrayBlanksInsideACueAndItsList) {
  auto x = run("1 月金股 推荐 ：【 比亚迪 】【中际旭创】");
  EXPECT_EQ(picks_of(x), (V{"金股|比亚迪|-|recommend", "金股|中际旭创|-|recommend"}));
}

TEST(Picks, NotesInBracketsAfterNamesAreNoGroups) {
  auto x = run("建议关注中际旭创（800G龙头、1.6T领先）、新易盛（海外大客户）。");
  EXPECT_EQ(picks_of(x), (V{"-|中际旭创|-|watch", "-|新易盛|-|watch"}));
}

TEST(Picks, WatchAgendaHeadingIsNoStockList) {
  auto x = run("## 下周关注\n\n- 出口数据\n- 美国CPI\n- 宁德时代（300750.SZ）\n");
  EXPECT_EQ(picks_of(x), (V{"-|宁德时代|300750.SZ|watch"}));
  auto y = run("## 建议关注\n\n- 北方华创\n- 中微公司\n");
  EXPECT_EQ(picks_of(y), (V{"-|北方华创|-|watch", "-|中微公司|-|watch"}));
}

TEST(Picks, NamesThatBeginWithAnIndustryWord) {
  auto x = run("关注农业银行、金融街、卫星化学。");
  EXPECT_EQ(picks_of(x), (V{"-|农业银行|-|watch", "-|金融街|-|watch", "-|卫星化学|-|watch"}));
}
