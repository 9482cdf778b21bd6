// Specs for the list extractors (src/extract/lists.h): news, events, picks and risks.
// Every body here is written for these tests, in phrasings of several brokers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/lists.h"

using namespace yanbao;

namespace {

Extraction run(std::string_view body, std::string title = "", std::string date = "2025-02-16") {
  Extraction out;
  extract_lists(body, ExtractContext{std::move(title), std::move(date)}, out);
  return out;
}

std::vector<std::string> news_of(const Extraction& x) {
  std::vector<std::string> v;
  for (const auto& n : x.news) v.push_back(n.text);
  return v;
}

std::vector<std::string> risks_of(const Extraction& x) {
  std::vector<std::string> v;
  for (const auto& r : x.risks) v.push_back(r.text);
  return v;
}

/// "theme|name|code|kind|rating" with "-" for nullopt, for compact comparisons.
std::vector<std::string> picks_of(const Extraction& x) {
  std::vector<std::string> v;
  auto o = [](const std::optional<std::string>& s) { return s ? *s : std::string("-"); };
  for (const auto& p : x.picks) v.push_back(o(p.theme) + "|" + p.name + "|" + o(p.code) + "|" + p.kind + "|" + o(p.rating));
  return v;
}

using V = std::vector<std::string>;

}  // namespace

// ----------------------------------------------------------------------------- news

TEST(News, SplitsOnFullWidthSemicolon) {
  auto x = run("行业要闻：甲公司发布新款芯片，售价下调两成；乙集团获得海外订单；工信部公布试点名单。\n");
  EXPECT_EQ(news_of(x), (V{"甲公司发布新款芯片，售价下调两成", "乙集团获得海外订单", "工信部公布试点名单"}));
}

TEST(News, SplitsOnHalfWidthSemicolonAndColon) {
  auto x = run("本周要闻:宁德时代推出钠电池新品;苹果发布新一代芯片;\n");
  EXPECT_EQ(news_of(x), (V{"宁德时代推出钠电池新品", "苹果发布新一代芯片"}));
}

TEST(News, KeepsCommasAndColonsInsideOneItem) {
  auto x = run("要闻：某车企将于3月1日召开发布会，将发布全新平台，首款车型将上市；雷军谈智驾：三年内全面普及。");
  EXPECT_EQ(news_of(x), (V{"某车企将于3月1日召开发布会，将发布全新平台，首款车型将上市", "雷军谈智驾：三年内全面普及"}));
}

TEST(News, DoesNotSplitInsideQuotesOrBrackets) {
  auto x = run("重要新闻：国务院印发《关于推动产业升级；促进消费的意见》；某公司发布“天穹；星河”两款产品（定价；待定）。");
  EXPECT_EQ(news_of(x), (V{"国务院印发《关于推动产业升级；促进消费的意见》", "某公司发布“天穹；星河”两款产品（定价；待定）"}));
}

TEST(News, MarketSummaryTitleLineIsNotNews) {
  auto x = run(
      "本周市场表现及要闻：某科技公司发布首款AI眼镜\n\n"
      "市场表现：本周上证综指收于3300点。\n\n"
      "本周要闻：某科技公司发布首款AI眼镜；某品牌开启预售。\n");
  EXPECT_EQ(news_of(x), (V{"某科技公司发布首款AI眼镜", "某品牌开启预售"}));
}

TEST(News, HeadingOnItsOwnLineWithBullets) {
  auto x = run(
      "## 行业动态\n\n"
      "- 某地发布低空经济行动方案；\n"
      "- 小米：发布首款AI眼镜\n"
      "* **某机器人公司**完成新一轮融资。\n\n"
      "## 投资建议\n\n"
      "行业景气延续。\n");
  EXPECT_EQ(news_of(x), (V{"某地发布低空经济行动方案", "小米：发布首款AI眼镜", "某机器人公司完成新一轮融资"}));
}

TEST(News, NumberedParagraphsUnderBoldHeading) {
  auto x = run(
      "**行业新闻**\n\n"
      "1. 某航司引进国产大飞机。\n"
      "2、某电池厂商发布4C快充电池。\n"
      "（3）海外芯片出口管制升级。\n\n"
      "风险提示：需求不及预期。\n");
  EXPECT_EQ(news_of(x), (V{"某航司引进国产大飞机", "某电池厂商发布4C快充电池", "海外芯片出口管制升级"}));
  EXPECT_EQ(risks_of(x), (V{"需求不及预期"}));
}

TEST(News, InlineEnumerationIsSplit) {
  auto x = run("本周要闻：（1）甲公司发布新品。（2）乙公司签署合作协议。（3）丙地出台补贴政策。");
  EXPECT_EQ(news_of(x), (V{"甲公司发布新品", "乙公司签署合作协议", "丙地出台补贴政策"}));
}

TEST(News, MarkdownLinksKeepTheirTextAndStampsAreDropped) {
  auto x = run(
      "本周要闻：[OpenAI](https://openai.com)发布新模型；某公司上调指引[https://www.hibor.com.cn【慧博投研资讯】]"
      "(https://www.hibor.com.cn/)；第三条。\n\n[hibor](https://www.hibor.com.cn/data/x.html)\n");
  EXPECT_EQ(news_of(x), (V{"OpenAI发布新模型", "某公司上调指引", "第三条"}));
}

TEST(News, ListEndsAtFooter) {
  auto x = run("本周要闻\n\n甲发布新品；乙完成交付。\n\n来源: 某某证券\n");
  EXPECT_EQ(news_of(x), (V{"甲发布新品", "乙完成交付"}));
}

// --------------------------------------------------------------------------- events

TEST(Events, DateCompanyAndVerb) {
  auto x = run("本周重大事项：2月11日，某某科技发布限制性股票激励计划（草案）；2月13日，青鸟消防公告控股股东拟增持公司股份。",
               "", "2025-02-16");
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].event_date, "2025-02-11");
  EXPECT_EQ(x.events[0].company, "某某科技");
  EXPECT_EQ(x.events[0].text, "2月11日，某某科技发布限制性股票激励计划（草案）");
  EXPECT_EQ(x.events[1].event_date, "2025-02-13");
  EXPECT_EQ(x.events[1].company, "青鸟消防");
}

TEST(Events, YearRollsBackForDecemberInJanuaryReport) {
  auto x = run("重大事项：12月31日，某电子披露2024年度业绩预告；1月3日，某汽车宣布回购计划。", "", "2025-01-05");
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].event_date, "2024-12-31");
  EXPECT_EQ(x.events[0].company, "某电子");
  EXPECT_EQ(x.events[1].event_date, "2025-01-03");
  EXPECT_EQ(x.events[1].company, "某汽车");
}

TEST(Events, CodeAfterCompanyGoesToCode) {
  auto x = run("公司公告：2月7日，精测电子（300567.SZ）发布员工持股计划；2月8日，某股份(688001)完成回购。");
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].company, "精测电子");
  EXPECT_EQ(x.events[0].code, "300567.SZ");
  EXPECT_EQ(x.events[1].company, "某股份");
  EXPECT_EQ(x.events[1].code, "688001.SH");
}

TEST(Events, OtherVerbsEndTheSubject) {
  auto x = run(
      "重要公告\n\n"
      "- 2月10日，绿的谐波召开临时股东大会\n"
      "- 2月12日，某某新材获得政府补助3000万元\n"
      "- 2月14日，某能源与某车企签署战略合作协议\n"
      "- 2025年2月15日，某医药收到药品注册证书\n");
  ASSERT_EQ(x.events.size(), 4u);
  EXPECT_EQ(x.events[0].company, "绿的谐波");
  EXPECT_EQ(x.events[1].company, "某某新材");
  EXPECT_EQ(x.events[2].company, "某能源");
  EXPECT_EQ(x.events[3].company, "某医药");
  EXPECT_EQ(x.events[3].event_date, "2025-02-15");
}

TEST(Events, SentencesStartingWithADateAreSeparateEvents) {
  auto x = run("公司动态：2月3日，甲科技发布年报，营收增长20%。2月5日，乙电气公告中标国网项目。");
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].company, "甲科技");
  EXPECT_EQ(x.events[1].company, "乙电气");
  EXPECT_EQ(x.events[1].event_date, "2025-02-05");
}

TEST(Events, NoPicksFromEventText) {
  auto x = run("本周重大事项：2月3日，甲科技公告推荐董事候选人。");
  EXPECT_TRUE(x.picks.empty());
  EXPECT_EQ(x.events.size(), 1u);
}

// ---------------------------------------------------------------------------- picks

TEST(Picks, RecommendListWithCodes) {
  auto x = run("投资建议：推荐标的：恒瑞医药（600276.SH）、百济神州-U（688235.SH）。");
  EXPECT_EQ(picks_of(x), (V{"-|恒瑞医药|600276.SH|recommend|-", "-|百济神州-U|688235.SH|recommend|-"}));
}

TEST(Picks, TwoKindsInOneSentence) {
  auto x = run("推荐标的：北京君正（300223.SZ）、兆易创新（603986.SH）；建议关注：寒武纪-U（688256.SH）、海光信息（688041.SH）。");
  EXPECT_EQ(picks_of(x), (V{"-|北京君正|300223.SZ|recommend|-", "-|兆易创新|603986.SH|recommend|-",
                            "-|寒武纪-U|688256.SH|watch|-", "-|海光信息|688041.SH|watch|-"}));
}

TEST(Picks, ThemeBeforeKindWord) {
  auto x = run(
      "投资建议：乘用车推荐长城汽车（601633.SH）、吉利汽车（0175.HK）；零部件推荐银轮股份（002126.SZ）；"
      "机器人产业链建议关注某某智能（920982）。");
  EXPECT_EQ(picks_of(x), (V{"乘用车|长城汽车|601633.SH|recommend|-", "乘用车|吉利汽车|00175.HK|recommend|-",
                            "零部件|银轮股份|002126.SZ|recommend|-", "机器人产业链|某某智能|920982.BJ|watch|-"}));
}

TEST(Picks, ThemeListWithHongKongSuffix) {
  auto x = run(
      "重点推荐主题和个股\n\n"
      "低空经济主题（万丰奥威、中信海直、亿航智能-W）；创新药板块（百济神州-U、康方生物）；出海方向（海天国际、泡泡玛特）。\n");
  EXPECT_EQ(picks_of(x), (V{"低空经济|万丰奥威|-|recommend|-", "低空经济|中信海直|-|recommend|-",
                            "低空经济|亿航智能-W|-|recommend|-", "创新药|百济神州-U|-|recommend|-",
                            "创新药|康方生物|-|recommend|-", "出海|海天国际|-|recommend|-",
                            "出海|泡泡玛特|-|recommend|-"}));
}

TEST(Picks, ThemeListInlineWithMixedSeparators) {
  auto x = run("重点推荐主题和个股：消费主题（良品铺子，三只松鼠/巴比食品, 海天味业）；户外用品主题（三夫户外）。");
  EXPECT_EQ(picks_of(x), (V{"消费|良品铺子|-|recommend|-", "消费|三只松鼠|-|recommend|-", "消费|巴比食品|-|recommend|-",
                            "消费|海天味业|-|recommend|-", "户外用品|三夫户外|-|recommend|-"}));
}

TEST(Picks, FocusStocksAndBeneficiariesWithEtc) {
  auto x = run("重点推荐个股：贵州茅台（600519.SH）、五粮液；受益标的包括泸州老窖、山西汾酒等。");
  EXPECT_EQ(picks_of(x), (V{"-|贵州茅台|600519.SH|recommend|-", "-|五粮液|-|recommend|-",
                            "-|泸州老窖|-|beneficiary|-", "-|山西汾酒|-|beneficiary|-"}));
}

TEST(Picks, EtcCompaniesIsStripped) {
  auto x = run("受益个股：中际旭创、新易盛、天孚通信等公司。");
  EXPECT_EQ(picks_of(x), (V{"-|中际旭创|-|beneficiary|-", "-|新易盛|-|beneficiary|-", "-|天孚通信|-|beneficiary|-"}));
}

TEST(Picks, HongKongGoldStocks) {
  auto x = run("港股金股：腾讯控股（0700.HK）、美团-W（3690.HK）。");
  EXPECT_EQ(picks_of(x), (V{"港股金股|腾讯控股|00700.HK|recommend|-", "港股金股|美团-W|03690.HK|recommend|-"}));
}

TEST(Picks, MonthlyGoldStockComboIsThemeJinGu) {
  auto x = run("4月金股组合：紫金矿业（601899.SH）、中国神华（601088.SH）。\n\n十二月金股：长江电力（600900.SH）");
  EXPECT_EQ(picks_of(x), (V{"金股|紫金矿业|601899.SH|recommend|-", "金股|中国神华|601088.SH|recommend|-",
                            "金股|长江电力|600900.SH|recommend|-"}));
}

TEST(Picks, WatchListAsBulletsUnderHeading) {
  auto x = run("建议关注：\n- 平安银行（000001.SZ）\n- 某某精工（920982）\n\n风险提示：利率下行超预期。\n");
  EXPECT_EQ(picks_of(x), (V{"-|平安银行|000001.SZ|watch|-", "-|某某精工|920982.BJ|watch|-"}));
  EXPECT_EQ(risks_of(x), (V{"利率下行超预期"}));
}

TEST(Picks, RelatedStocksAreWatch) {
  auto x = run("相关标的：中科曙光（603019.SH）、浪潮信息（000977.SZ）。");
  EXPECT_EQ(picks_of(x), (V{"-|中科曙光|603019.SH|watch|-", "-|浪潮信息|000977.SZ|watch|-"}));
}

TEST(Picks, WrappersAreRemovedAndSuffixesKept) {
  auto x = run("推荐标的：【小鹏汽车-W】、《TCL科技》、“*ST某某”、快手-W(01024.HK)。");
  EXPECT_EQ(picks_of(x), (V{"-|小鹏汽车-W|-|recommend|-", "-|TCL科技|-|recommend|-", "-|*ST某某|-|recommend|-",
                            "-|快手-W|01024.HK|recommend|-"}));
}

TEST(Picks, CodeWithRatingInBracket) {
  auto x = run("重点推荐：比亚迪（002594.SZ，买入）、长安汽车（000625.SZ, 增持）。");
  EXPECT_EQ(picks_of(x), (V{"-|比亚迪|002594.SZ|recommend|-", "-|长安汽车|000625.SZ|recommend|-"}));
}

TEST(Picks, ProseFocusIsNotAStockList) {
  auto x = run(
      "本周专题：人形机器人量产在即，关注核心零部件国产化。\n\n"
      "投资建议：建议关注IP与内容龙头，关注AI应用、机器人等方向的投资机会。\n\n"
      "市场展望：建议逢低布局半导体设备与材料。我们关注到行业景气回升。\n");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Picks, BareFocusOnTwoNamesInProse) {
  auto x = run("投资建议：我们建议关注中芯国际、华虹半导体。");
  EXPECT_EQ(picks_of(x), (V{"-|中芯国际|-|watch|-", "-|华虹半导体|-|watch|-"}));
}

TEST(Picks, SectorClauseBeforeCommaGivesTheme) {
  auto x = run("投资建议：AI算力方面，推荐工业富联（601138.SH）、沪电股份（002463.SZ）。");
  EXPECT_EQ(picks_of(x), (V{"AI算力|工业富联|601138.SH|recommend|-", "AI算力|沪电股份|002463.SZ|recommend|-"}));
}

TEST(Picks, NoPicksFromRisksOrNews) {
  auto x = run("本周要闻：某机构推荐甲公司、乙公司。\n\n风险提示：推荐标的业绩不及预期；关注度下降。\n");
  EXPECT_TRUE(x.picks.empty());
  EXPECT_EQ(risks_of(x), (V{"推荐标的业绩不及预期", "关注度下降"}));
}

TEST(Picks, HeadingThenTableRows) {
  auto x = run(
      "### 本月金股\n\n"
      "| 股票名称 | 代码 | 评级 |\n"
      "| --- | --- | --- |\n"
      "| 宁德时代 | 300750.SZ | 买入 |\n"
      "| 招商银行 | 600036.SH | 增持 |\n");
  EXPECT_EQ(picks_of(x), (V{"金股|宁德时代|300750.SZ|recommend|-", "金股|招商银行|600036.SH|recommend|-"}));
}

TEST(Picks, CompanyNoteRatingTakesTitleCompany) {
  auto x = run("盈利预测与投资评级：预计公司2025年归母净利润3.5亿元，维持“买入”评级。\n\n风险提示：需求不及预期。",
               "北京君正（300223）：Q4营收环比改善，车规存储放量");
  EXPECT_EQ(picks_of(x), (V{"-|北京君正|300223.SZ|rating|买入"}));
}

TEST(Picks, FirstCoverageRating) {
  auto x = run("投资建议：我们预计公司2025-2026年EPS分别为1.2/1.5元，首次覆盖，给予“增持”评级。",
               "汇川技术(300124.SZ)：工控龙头，机器人业务打开空间");
  EXPECT_EQ(picks_of(x), (V{"-|汇川技术|300124.SZ|rating|增持"}));
}

TEST(Picks, RatingWithStraightQuotesAndRatingIs) {
  auto a = run("维持\"买入\"评级。", "某某股份（688001.SH）：业绩超预期");
  EXPECT_EQ(picks_of(a), (V{"-|某某股份|688001.SH|rating|买入"}));
  auto b = run("公司评级为“推荐”。", "招商银行（600036）：息差企稳");
  EXPECT_EQ(picks_of(b), (V{"-|招商银行|600036.SH|rating|推荐"}));
}

TEST(Picks, IndustryRatingIsNotACompanyRating) {
  auto x = run("维持行业“推荐”评级。", "电子行业周报：存储涨价周期开启");
  EXPECT_TRUE(x.picks.empty());
  auto y = run("维持“增持”评级。", "电子行业周报：存储涨价周期开启");
  EXPECT_TRUE(y.picks.empty());
}

TEST(Picks, NoRatingWithoutStatedRating) {
  auto x = run("事件：公司发布业绩预告。盈利预测与投资评级：我们预计公司收入稳步增长。", "北京君正（300223）：点评");
  EXPECT_TRUE(x.picks.empty());
}

// ---------------------------------------------------------------------------- risks

TEST(Risks, KeepsEnumerationCommaInsideOneItem) {
  auto x = run("风险提示：乘用车销量、新能源车渗透率、智能驾驶技术进展不及预期。");
  EXPECT_EQ(risks_of(x), (V{"乘用车销量、新能源车渗透率、智能驾驶技术进展不及预期"}));
}

TEST(Risks, HeadingOnOwnLineWithNumberedItems) {
  auto x = run("# 风险提示\n\n1）宏观经济下行；2）原材料价格上涨；3）竞争加剧。\n\n分析师声明\n");
  EXPECT_EQ(risks_of(x), (V{"宏观经济下行", "原材料价格上涨", "竞争加剧"}));
}

// ---------------------------------------------------------------------------- robustness

TEST(Lists, EmptyAndNoiseBodiesYieldNothing) {
  EXPECT_TRUE(run("").picks.empty());
  auto x = run("\n\n# \n- \n**\n[](x)\n");
  EXPECT_TRUE(x.news.empty() && x.events.empty() && x.picks.empty() && x.risks.empty());
}

TEST(Lists, InvalidUtf8DoesNotCrash) {
  std::string body = "本周要闻：\xE4\xB8 甲；乙\xFF。\n推荐标的：\xE4（600519.SH）";
  auto x = run(body);
  EXPECT_EQ(x.news.size(), 2u);
}

TEST(Picks, StockWithThesisUnderPicksHeading) {
  auto x = run(
      "## 重点推荐标的\n\n"
      "1. 贵州茅台（600519.SH）：高端白酒龙头，批价企稳。\n"
      "2. 有研新材：靶材国产替代加速。\n"
      "静待花开。\n\n"
      "## 风险提示\n\n需求恢复不及预期\n");
  EXPECT_EQ(picks_of(x), (V{"-|贵州茅台|600519.SH|recommend|-", "-|有研新材|-|recommend|-"}));
  EXPECT_EQ(risks_of(x), (V{"需求恢复不及预期"}));
}

TEST(Picks, NamesStartingWithConnectivesSurvive) {
  auto x = run("建议关注：和而泰（002402.SZ）、向日葵、有研新材、如意集团。");
  EXPECT_EQ(picks_of(x), (V{"-|和而泰|002402.SZ|watch|-", "-|向日葵|-|watch|-", "-|有研新材|-|watch|-",
                            "-|如意集团|-|watch|-"}));
}

TEST(Picks, ConjunctionSplitsOnlyWhenBothHalvesAreNames) {
  auto x = run("推荐标的：紫金矿业（601899.SH）、洛阳钼业（603993.SH）和江西铜业（600362.SH）。");
  EXPECT_EQ(picks_of(x), (V{"-|紫金矿业|601899.SH|recommend|-", "-|洛阳钼业|603993.SH|recommend|-",
                            "-|江西铜业|600362.SH|recommend|-"}));
}

TEST(Picks, SemicolonSeparatedStocksContinueTheList) {
  auto x = run("受益标的：中际旭创（300308.SZ）；新易盛（300502.SZ）；行业景气有望延续。");
  EXPECT_EQ(picks_of(x), (V{"-|中际旭创|300308.SZ|beneficiary|-", "-|新易盛|300502.SZ|beneficiary|-"}));
}

TEST(Picks, RecommendThenWatchSeparatedByComma) {
  auto x = run("投资建议：我们看好端侧AI，推荐瑞芯微（603893.SH）、全志科技（300458.SZ），建议关注恒玄科技、乐鑫科技。");
  EXPECT_EQ(picks_of(x), (V{"-|瑞芯微|603893.SH|recommend|-", "-|全志科技|300458.SZ|recommend|-",
                            "-|恒玄科技|-|watch|-", "-|乐鑫科技|-|watch|-"}));
}

TEST(Picks, CompanyNoteTitleWithTagAndNoCode) {
  auto a = run("维持“买入”评级。", "公司点评｜宁德时代（300750）：出货超预期");
  EXPECT_EQ(picks_of(a), (V{"-|宁德时代|300750.SZ|rating|买入"}));
  auto b = run("上调至“增持”评级。", "伊利股份：渠道库存健康");
  EXPECT_EQ(picks_of(b), (V{"-|伊利股份|-|rating|增持"}));
  auto c = run("维持“增持”评级。", "医药生物：集采影响出清");
  EXPECT_TRUE(c.picks.empty());
}

TEST(Picks, UnquotedRatingAfterColon) {
  auto x = run("投资评级：买入（维持）", "中国平安（601318.SH）：寿险新单回暖");
  EXPECT_EQ(picks_of(x), (V{"-|中国平安|601318.SH|rating|买入"}));
}

TEST(Picks, EnumeratedThemeSublists) {
  auto x = run("重点关注：1）低空经济：万丰奥威、中信海直；2）机器人：拓普集团、三花智控；3）AI应用：金山办公。");
  EXPECT_EQ(picks_of(x), (V{"低空经济|万丰奥威|-|watch|-", "低空经济|中信海直|-|watch|-", "机器人|拓普集团|-|watch|-",
                            "机器人|三花智控|-|watch|-", "AI应用|金山办公|-|watch|-"}));
}

TEST(Picks, BulletedThemeSublistsUnderHeading) {
  auto x = run("### 推荐组合\n\n- 机器人：拓普集团、三花智控\n- 算力：工业富联（601138.SH）\n");
  EXPECT_EQ(picks_of(x), (V{"机器人|拓普集团|-|recommend|-", "机器人|三花智控|-|recommend|-",
                            "算力|工业富联|601138.SH|recommend|-"}));
}

TEST(Events, DateAfterSubjectAndCode) {
  auto x = run("公司公告\n\n- 胜宏科技（300476.SZ）：2月19日发布业绩快报\n- 【沪电股份】2月18日晚间公告拟投资建设新项目\n",
               "", "2025-02-23");
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[0].company, "胜宏科技");
  EXPECT_EQ(x.events[0].code, "300476.SZ");
  EXPECT_EQ(x.events[0].event_date, "2025-02-19");
  EXPECT_EQ(x.events[1].company, "沪电股份");
  EXPECT_EQ(x.events[1].event_date, "2025-02-18");
}

TEST(Picks, AdjacentKindWordsFormOneHeading) {
  auto x = run("## 二月金股推荐\n\n- 紫金矿业（601899.SH）\n- 中国神华（601088.SH）\n");
  EXPECT_EQ(picks_of(x), (V{"金股|紫金矿业|601899.SH|recommend|-", "金股|中国神华|601088.SH|recommend|-"}));
}

TEST(Picks, AnnotationBeforeColonAndSemicolonSeparatedNames) {
  auto x = run("推荐标的（按首字母排序）：比亚迪；长城汽车；吉利汽车。");
  EXPECT_EQ(picks_of(x), (V{"-|比亚迪|-|recommend|-", "-|长城汽车|-|recommend|-", "-|吉利汽车|-|recommend|-"}));
}

TEST(Picks, IndustryRatingThenFocusAndWatch) {
  auto x = run("**投资建议**：维持行业“增持”评级，重点推荐宁德时代（300750）、亿纬锂能（300014），关注恩捷股份、星源材质。",
               "电力设备行业周报：锂电排产环比提升");
  EXPECT_EQ(picks_of(x), (V{"-|宁德时代|300750.SZ|recommend|-", "-|亿纬锂能|300014.SZ|recommend|-",
                            "-|恩捷股份|-|watch|-", "-|星源材质|-|watch|-"}));
}

TEST(News, BoldTitledItemsStayInTheList) {
  auto x = run(
      "本周要闻\n\n"
      "**小米发布AI眼镜**：6月26日，小米发布首款AI眼镜。\n\n"
      "**某车企官宣新车**\n\n"
      "投资建议：行业景气向上。\n");
  EXPECT_EQ(news_of(x), (V{"小米发布AI眼镜：6月26日，小米发布首款AI眼镜", "某车企官宣新车"}));
}

TEST(Picks, ListWordInProseNeedsAList) {
  auto x = run("市场回顾：上月金股表现优异，推荐标的平均上涨5%。");
  EXPECT_TRUE(x.picks.empty()) << testing::PrintToString(picks_of(x));
}

TEST(Events, MixedNewsAndCompanyHeadingRoutesByForm) {
  auto x = run("行业要闻及公司动态：工信部发布新规；2月12日，某某电子发布业绩快报。");
  EXPECT_EQ(news_of(x), (V{"工信部发布新规"}));
  ASSERT_EQ(x.events.size(), 1u);
  EXPECT_EQ(x.events[0].company, "某某电子");
}

TEST(Picks, AdverbsAndDatesBeforeKindWordAreNotThemes) {
  auto x = run("核心推荐：中国平安（601318.SH）。2月推荐组合：招商银行（600036.SH）。周期推荐：中国神华（601088.SH）。");
  EXPECT_EQ(picks_of(x), (V{"-|中国平安|601318.SH|recommend|-", "-|招商银行|600036.SH|recommend|-",
                            "周期|中国神华|601088.SH|recommend|-"}));
}

TEST(Risks, LabelInsideAParagraphStartsTheList) {
  auto x = run("投资建议：推荐标的：中国移动（600941.SH）。风险提示：资本开支超预期；竞争加剧。");
  EXPECT_EQ(picks_of(x), (V{"-|中国移动|600941.SH|recommend|-"}));
  EXPECT_EQ(risks_of(x), (V{"资本开支超预期", "竞争加剧"}));
}

TEST(Picks, EveryKindWordIsRecognized) {
  for (std::string w : {"重点推荐", "推荐标的", "推荐", "首推", "核心标的", "重点标的", "优选标的", "推荐个股"}) {
    auto x = run(w + "：贵州茅台（600519.SH）。");
    ASSERT_EQ(x.picks.size(), 1u) << w;
    EXPECT_EQ(x.picks[0].kind, "recommend") << w;
  }
  for (std::string w : {"建议关注", "重点关注", "关注标的", "可关注", "关注", "相关标的", "相关个股", "相关公司"}) {
    auto x = run(w + "：贵州茅台（600519.SH）。");
    ASSERT_EQ(x.picks.size(), 1u) << w;
    EXPECT_EQ(x.picks[0].kind, "watch") << w;
  }
  for (std::string w : {"受益标的", "受益个股", "受益公司", "受益股"}) {
    auto x = run(w + "：贵州茅台（600519.SH）。");
    ASSERT_EQ(x.picks.size(), 1u) << w;
    EXPECT_EQ(x.picks[0].kind, "beneficiary") << w;
  }
}

TEST(Picks, IndustryWordsUnderPicksHeadingAreNotStocks) {
  auto x = run("## 关注要点\n\n消费电子、汽车电子、光模块。\n\n- 立讯精密（002475.SZ）\n");
  EXPECT_EQ(picks_of(x), (V{"-|立讯精密|002475.SZ|watch|-"}));
}

TEST(Picks, IntroNamingStocksThenSuchAs) {
  auto x = run("投资建议：短期关注业绩确定性强的标的，如伊利股份、青岛啤酒；建议关注以下龙头公司：海天味业、安井食品。");
  EXPECT_EQ(picks_of(x), (V{"-|伊利股份|-|watch|-", "-|青岛啤酒|-|watch|-", "-|海天味业|-|watch|-",
                            "-|安井食品|-|watch|-"}));
}

TEST(News, HeadingVariants) {
  EXPECT_EQ(news_of(run("一周要闻回顾：甲；乙。")), (V{"甲", "乙"}));
  EXPECT_EQ(news_of(run("三、本周要闻（2.10-2.14）：甲；乙。")), (V{"甲", "乙"}));
  EXPECT_TRUE(news_of(run("本周市场回顾及要闻：甲发布新品")).empty());
}
