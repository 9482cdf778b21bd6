// Specs for the ratings table (issue 14): company notes, morning digests, industry weeklies
// and the 评级 column of a table of stocks.
#include <gtest/gtest.h>

#include "extract/ratings.h"

using namespace yanbao;

namespace {
std::vector<Rating> ratings(std::string_view body, std::string title, std::string kind,
                            const std::vector<Table>& tables = {}) {
  ExtractContext ctx{std::move(title), "2025-10-20"};
  return extract_ratings(body, ctx, kind, tables);
}
}  // namespace

TEST(Ratings, SentenceForms) {
  auto r = sentence_rating("给予公司2026年25倍PE，维持“买入”评级");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->word, "买入");
  EXPECT_EQ(r->action.value_or(""), "keep");
  r = sentence_rating("我们预计公司2025-2027年归母净利润分别为1.2/1.5/1.9亿元，首次覆盖，给予“增持”评级");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->action.value_or(""), "first");
  r = sentence_rating("上调至“买入”评级（前次为“增持”）");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->word, "买入");
  EXPECT_EQ(r->action.value_or(""), "up");
  r = sentence_rating("下调至“中性”评级");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->action.value_or(""), "down");
}

TEST(Ratings, ForecastCutIsNotARatingCut) {
  auto r = sentence_rating("我们下调公司2025-2027年归母净利润预测至3.1/3.6/4.0亿元，维持“增持”评级");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->action.value_or(""), "keep");
}

TEST(Ratings, IndustrySentences) {
  auto r = sentence_rating("维持行业“推荐”评级");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->industry);
  EXPECT_EQ(r->industry_name, "");
  r = sentence_rating("维持保险业“增持”评级");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->industry);
  EXPECT_EQ(r->industry_name, "保险");
  r = sentence_rating("维持家电行业“超配”评级");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->industry_name, "家电");
}

TEST(Ratings, QuotedWordsThatAreNotRatings) {
  EXPECT_FALSE(sentence_rating("推出“补水啦”系列，维持高增"));
  EXPECT_FALSE(sentence_rating("公司维持“以旧换新”节奏"));
}

TEST(Ratings, HeaderLines) {
  auto h = header_rating("评级：买入（维持）");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->word, "买入");
  EXPECT_EQ(h->action.value_or(""), "keep");
  h = header_rating("增持（首次评级）");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->action.value_or(""), "first");
  h = header_rating("[Table_Invest] 评级：增持");
  ASSERT_TRUE(h);
  EXPECT_FALSE(h->action);
  h = header_rating("行业投资评级：优于大市（维持）");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->industry);
  EXPECT_FALSE(header_rating("推荐标的：恒立液压（601100.SH）"));
  EXPECT_FALSE(header_rating("买入并持有的策略在震荡市中更有效"));
}

TEST(Ratings, TargetPrices) {
  auto t = target_price("目标价85.6元");
  ASSERT_TRUE(t);
  EXPECT_DOUBLE_EQ(t->first, 85.6);
  EXPECT_EQ(t->second, "CNY");
  t = target_price("目标价 120 港元");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->second, "HKD");
  t = target_price("目标价HK$330");
  ASSERT_TRUE(t);
  EXPECT_DOUBLE_EQ(t->first, 330);
  EXPECT_EQ(t->second, "HKD");
  t = target_price("目标价区间480-520元");
  ASSERT_TRUE(t);
  EXPECT_DOUBLE_EQ(t->first, 520);
  t = target_price("目标价（人民币）：38.50元");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->second, "CNY");
  t = target_price("目标价US$45.2");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->second, "USD");
  EXPECT_FALSE(target_price("目标价 120"));  // no currency written: not guessed
}

TEST(Ratings, CompanyNoteMergesMastheadAndText) {
  auto r = ratings("评级：增持（维持）\n\n目标价：41.20元\n\n分析师：某某 S0100523040001\n\n"
                   "投资建议：我们维持公司盈利预测，维持“增持”评级。\n",
                   "恒立液压（601100.SH）：海外订单放量", "company");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].subject, "stock");
  EXPECT_EQ(r[0].name, "恒立液压");
  EXPECT_EQ(r[0].code.value_or(""), "601100.SH");
  EXPECT_EQ(r[0].rating, "增持");
  EXPECT_EQ(r[0].action.value_or(""), "keep");
  ASSERT_TRUE(r[0].target_price);
  EXPECT_DOUBLE_EQ(*r[0].target_price, 41.2);
  EXPECT_EQ(r[0].currency.value_or(""), "CNY");
  EXPECT_EQ(r[0].line, 1);
}

TEST(Ratings, HongKongNoteUpgradeWithTargetInText) {
  auto r = ratings("点评：\n\n盈利预测与评级：上调至“买入”评级（前次为“增持”），目标价HK$128。\n",
                   "美团-W（03690.HK）：外卖竞争趋缓", "company");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].name, "美团-W");
  EXPECT_EQ(r[0].code.value_or(""), "03690.HK");
  EXPECT_EQ(r[0].action.value_or(""), "up");
  EXPECT_DOUBLE_EQ(r[0].target_price.value_or(0), 128);
  EXPECT_EQ(r[0].currency.value_or(""), "HKD");
}

TEST(Ratings, CompanyNoteWithoutARatingGivesNone) {
  EXPECT_TRUE(ratings("公司发布三季报。目标价：30元\n", "恒立液压（601100.SH）：三季报点评", "company").empty());
}

TEST(Ratings, MorningDigestBindsEachRatingToItsItem) {
  auto r = ratings("# 机械\n\n> 恒立液压（601100.SH）：海外放量——公司点评：我们维持盈利预测，维持“买入”评级。\n\n"
                   "# 家电\n\n> 家电行业周报：以旧换新延续：内销改善，维持行业“推荐”评级。\n\n"
                   "# 【海外】美团-W（03690.HK）：外卖竞争趋缓——业绩点评\n\n分析师：某某（执业证书编号：S0100523040001）\n\n"
                   "经营利润改善，维持“买入”评级，目标价128港元。\n\n"
                   "# 【银行】信贷平稳——金融数据点评\n\n息差企稳，维持银行业“增持”评级。\n",
                   "每日晨报：要闻", "morning");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].name, "恒立液压");
  EXPECT_EQ(r[0].action.value_or(""), "keep");
  EXPECT_EQ(r[1].subject, "industry");
  EXPECT_EQ(r[1].name, "家电");
  EXPECT_EQ(r[1].rating, "推荐");
  EXPECT_EQ(r[2].name, "美团-W");
  EXPECT_EQ(r[2].currency.value_or(""), "HKD");
  EXPECT_EQ(r[3].name, "银行");
}

TEST(Ratings, MorningRatingWithoutAStockInItsSectionIsDropped) {
  EXPECT_TRUE(ratings("# 策略\n\n市场震荡，维持“买入”评级的个股表现较好。\n", "晨会纪要", "morning").empty());
}

TEST(Ratings, IndustryWeeklyMasthead) {
  auto r = ratings("# 家电行业周报\n\n推荐（维持）\n\n分析师：某某 S0100523040001\n", "家电行业周报：出口链回暖", "industry");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].subject, "industry");
  EXPECT_EQ(r[0].name, "家电");
  EXPECT_EQ(r[0].action.value_or(""), "keep");
}

TEST(Ratings, TableWithARatingColumn) {
  Table t{{{"股票代码", "公司名称", "EPS（元）", "EPS（元）", "评级"},
           {"股票代码", "公司名称", "2025E", "2026E", "评级"},
           {"601100.SH", "恒立液压", "2.10", "2.50", "买入"},
           {"000333.SZ", "美的集团", "5.60", "6.10", "谨慎增持"},
           {"合计", "", "", "", ""}}};
  auto r = table_ratings(t);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].name, "恒立液压");
  EXPECT_EQ(r[0].code.value_or(""), "601100.SH");
  EXPECT_EQ(r[1].rating, "谨慎增持");
  EXPECT_FALSE(r[1].action);
}

TEST(Ratings, LeadingStock) {
  auto s = leading_stock("【电子：中芯国际（688981.SH）】产能利用率回升");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "中芯国际");
  s = leading_stock("# 【北交所】锦华科技（920118）：首次覆盖");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->code.value_or(""), "920118.BJ");
  EXPECT_FALSE(leading_stock("重点推荐：恒立液压（601100.SH）"));
}

TEST(Ratings, OtherBrokersWordings) {
  auto r = sentence_rating("首予恒立液压（601100.SH）「买入」评级，目标价为45.6元");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->action.value_or(""), "first");
  r = sentence_rating("重申【增持】评级");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->word, "增持");
  EXPECT_EQ(r->action.value_or(""), "keep");
  r = sentence_rating("将评级由“持有”上调至“跑赢大市”");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->word, "跑赢大市");
  EXPECT_EQ(r->action.value_or(""), "up");
}

TEST(Ratings, RatingOfAnotherStockNamedInTheSentenceIsNotTheNotesCompanys) {
  auto r = ratings("投资建议：维持恒立液压“买入”评级。\n", "恒立液压（601100.SH）：海外订单放量", "company");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_TRUE(ratings("可比公司中，维持美的集团“买入”评级。\n", "恒立液压（601100.SH）：海外订单放量", "company").empty());
}

TEST(Ratings, DigestItemTitleKeptAsAParagraphOpensASection) {
  auto r = ratings("# 重点推荐\n\n1.2出口链景气延续，关注品牌出海——家电行业周报2025/7/7\n\n"
                   "投资建议：维持行业“超配”评级，建议关注：美的集团（000333.SZ）。\n",
                   "晨会纪要", "morning");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].subject, "industry");
  EXPECT_EQ(r[0].name, "家电");
}

TEST(Ratings, MastheadVariants) {
  auto h = header_rating("投资评级：买入-A（维持）");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->word, "买入");
  EXPECT_EQ(h->action.value_or(""), "keep");
  h = header_rating("评级 增持 首次覆盖");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->action.value_or(""), "first");
  auto r = ratings("当前价：36.10元 目标价：45.00元\n\n评级：买入（首次）\n", "恒立液压（601100.SH）：深度报告", "company");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0].target_price.value_or(0), 45);
}

TEST(Ratings, DashedTitlesOfReportSites) {
  auto s = title_stock("汇川技术-300124-2024年报及2025一季报点评：通用自动化复苏");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "汇川技术");
  EXPECT_EQ(s->code.value_or(""), "300124.SZ");
  s = title_stock("国信证券-美团-W-03690-三季度点评");
  EXPECT_FALSE(s);  // the -W suffix splits the name: not guessed
  EXPECT_FALSE(title_stock("开源证券-中小盘周报-20250209：AI产业"));
}
