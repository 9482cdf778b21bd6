// Specs for the document model: PDF artefacts repaired, blocks and tables found. Every input
// is invented in the layouts real reports use.
#include <gtest/gtest.h>

#include "extract/document.h"
#include "extract/index_tables.h"

using namespace yanbao;

namespace {

std::vector<std::string> texts(const Document& d, BlockKind kind) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks)
    if (b.kind == kind) out.push_back(b.text);
  return out;
}

const Table* first_table(const Document& d) {
  for (const auto& b : d.blocks)
    if (b.kind == BlockKind::kTable) return &b.table;
  return nullptr;
}

/// `text` hard-wrapped every `width` characters, as a PDF converter prints it.
std::string wrapped(std::string_view text, size_t width) {
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (text[i] == '\n') {
      out += '\n';
      n = 0;
      ++i;
      continue;
    }
    if (n == width) {
      out += '\n';
      n = 0;
    }
    out.append(text.substr(i, len));
    ++n;
    i += len;
  }
  return out + "\n";
}

}  // namespace

TEST(Repair, DropsSpacesThatSplitChineseWordsAndNumbersFromUnits) {
  EXPECT_EQ(repair_inline("沪深 300 指数下跌 0.18%"), "沪深300指数下跌0.18%");
  EXPECT_EQ(repair_inline("涨幅前五名分别 为：A"), "涨幅前五名分别为：A");
  EXPECT_EQ(repair_inline("4 月 21 日消息"), "4月21日消息");
  EXPECT_EQ(repair_inline("创业板 指数上涨1.74%"), "创业板指数上涨1.74%");
}

TEST(Repair, KeepsSpacesBetweenLatinWordsAndBeforePhoneNumbers) {
  EXPECT_EQ(repair_inline("AI Agent 商业化"), "AI Agent商业化");
  EXPECT_EQ(repair_inline("分析师：张三 021-60870000 a@b.com"), "分析师：张三 021-60870000 a@b.com");
}

TEST(Repair, TurnsLatexMathIntoPlainText) {
  EXPECT_EQ(repair_inline("上涨 $1.58\\%$ ，"), "上涨1.58%，");
  EXPECT_EQ(repair_inline("区间 $-0.09\\% / +13.63\\%$"), "区间-0.09%/+13.63%");
  EXPECT_EQ(repair_inline("（ $+31.58\\%$ ）"), "（+31.58%）");
  EXPECT_EQ(repair_inline("约 $\\text{2.3}$ 亿元"), "约2.3亿元");
  EXPECT_EQ(repair_inline("售价US$5与US$6"), "售价US$5与US$6");  // not math: no closing span with a digit
}

TEST(Repair, FoldsFullWidthDigitsAndPercent) {
  EXPECT_EQ(repair_inline("上涨１．５％"), "上涨1．5%");
}

TEST(Document, JoinsLinesWrappedMidSentence) {
  auto d = parse_document(
      "■ 行情回顾：本周申万电子指数上涨2.37%，沪深300指数下\n跌0.18%，电子板块跑赢沪深300指数。\n\n下一段。\n");
  auto items = texts(d, BlockKind::kItem);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0], "行情回顾：本周申万电子指数上涨2.37%，沪深300指数下跌0.18%，电子板块跑赢沪深300指数。");
}

TEST(Document, KeepsShortLinesAndFinishedSentencesApart) {
  auto d = parse_document("本周要闻\n第一条要闻。\n第二条要闻。\n");
  auto paras = texts(d, BlockKind::kParagraph);
  EXPECT_EQ(paras, (std::vector<std::string>{"本周要闻", "第一条要闻。", "第二条要闻。"}));
}

TEST(Document, ListInsideAnItemGoesOnAfterASemicolon) {
  auto d = parse_document("● 投资建议：1）智驾：【甲公司】、【乙公司】；\n2）整车：【丙公司】。\n● 风险提示：需求不及预期。\n");
  auto items = texts(d, BlockKind::kItem);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], "投资建议：1）智驾：【甲公司】、【乙公司】；2）整车：【丙公司】。");
}

TEST(Document, DropsPageFurnitureBetweenWrappedHalves) {
  auto d = parse_document(
      "本周计算机板块涨幅前五的个股分别为：甲公司（+3.1%）、乙公司\n"
      "某某证券研究所          3 / 14          请务必阅读正文之后的免责声明部分\n"
      "（+2.0%）。\n");
  auto paras = texts(d, BlockKind::kParagraph);
  ASSERT_EQ(paras.size(), 1u);
  EXPECT_EQ(paras[0], "本周计算机板块涨幅前五的个股分别为：甲公司（+3.1%）、乙公司（+2.0%）。");
}

TEST(Document, DropsAPageCounterOnALineOfItsOwnInsideAParagraph) {
  // A converter prints the footer's counter on a line of its own where the page cut the
  // sentence; each form once, between the two halves of a wrapped sentence.
  for (const char* counter : {"3 / 14", "3/14", "  12 / 40  ", "- 12 -", "第 3 页", "第3页 共20页"}) {
    auto d = parse_document(std::string("7月20日，甲公司发布股份回购方案，拟回购金额\n") + counter +
                            "\n不超过3亿元。\n");
    EXPECT_EQ(texts(d, BlockKind::kParagraph),
              (std::vector<std::string>{"7月20日，甲公司发布股份回购方案，拟回购金额不超过3亿元。"}))
        << counter;
  }
}

TEST(Document, KeepsLinesThatOnlyLookLikeACounter) {
  // A ratio with words, a date, a counter whose page passes the count, a code: not furniture.
  for (const char* line : {"占比约 2/3", "2025/03/14", "15 / 3", "0 / 5", "300750 / 688326", "第 3 页起"}) {
    auto d = parse_document(std::string("短句一。\n\n") + line + "\n\n短句二。\n");
    EXPECT_EQ(texts(d, BlockKind::kParagraph).size(), 3u) << line;
  }
}

TEST(Document, JoinsAListCutAtThePageWidthRightAfterASemicolon) {
  // The page width is 20 characters here; the third line happens to end with an entry's
  // "；" and the fourth goes on with the next entry.
  auto d = parse_document(
      "行业要闻：长征系列运载火箭成功发射多颗低轨卫\n"
      "星；医保目录调整工作方案征求意见；特斯拉入\n"
      "华进展引发市场关注；小鹏汽车交付超三万辆；\n"
      "比亚迪发布新一代刀片电池。\n");
  EXPECT_EQ(texts(d, BlockKind::kParagraph),
            (std::vector<std::string>{"行业要闻：长征系列运载火箭成功发射多颗低轨卫星；医保目录调整工作方案征求意见；"
                                      "特斯拉入华进展引发市场关注；小鹏汽车交付超三万辆；比亚迪发布新一代刀片电池。"}));
}

TEST(Document, KeepsEntriesAWriterPutOnLinesOfTheirOwn) {
  // One entry per line, each ending in "；": a first line alone shows no page width.
  auto one_per_line = parse_document(
      "汽车板块：比亚迪、长城汽车、吉利汽车、理想汽车；\n"
      "电子板块：立讯精密、歌尔股份；\n"
      "医药板块：恒瑞医药。\n");
  EXPECT_EQ(texts(one_per_line, BlockKind::kParagraph).size(), 3u);
  // A wrapped paragraph whose full-width line ends an entry, then a numbered entry.
  auto numbered = parse_document(
      "风险提示：宏观经济下行风险，行业竞争加剧风\n"
      "险，原材料价格波动风险，海外贸易政策风险；\n"
      "2）技术迭代不及预期。\n");
  EXPECT_EQ(texts(numbered, BlockKind::kParagraph).size(), 2u);
  // A short line ending in "；" after a wrapped one: the writer's line end.
  auto short_end = parse_document(
      "本周重点推荐：长光华芯、经纬恒润、德赛西威\n"
      "、华测导航；\n"
      "建议关注：江波龙。\n");
  EXPECT_EQ(texts(short_end, BlockKind::kParagraph).size(), 2u);
}

TEST(Document, AShortLineEndingOnAnOpeningBracketOrACommaGoesOn) {
  for (const char* cut : {"瑞顺（688328.SH）、光驰（\n603508.SH）、恒诚装备（001014.SZ）。",
                          "推荐标的：光驰、\n恒诚装备、华泽装备。", "本周涨幅居前的个股为甲公司，\n乙公司。",
                          "明丰电气（\n$-2.27\\%$）。"}) {
    auto d = parse_document(std::string(cut) + "\n");
    EXPECT_EQ(texts(d, BlockKind::kParagraph).size(), 1u) << cut;
  }
  // A label's colon or a full stop still ends the line's block.
  auto d = parse_document("推荐标的：\n光驰、恒诚装备。\n短句。\n下一句。\n");
  EXPECT_EQ(texts(d, BlockKind::kParagraph).size(), 4u);
}

TEST(Document, AConvertedBodyJoinsALineCutRightAfterAColonOrASemicolon) {
  // Every line of this body is cut at 24 characters; two of the cuts fall right after a
  // colon and a semicolon, and the lines after them go on (a list, a date).
  const std::string prose = "本周市场整体震荡上行，成交额较上周明显放大，北向资金小幅净流入，风格上小盘占优，科技板块表现活跃。";
  // (Each cue sentence is 48 characters: its colon or semicolon ends a line.)
  const std::string movers = "个股方面，本周电子板块涨幅前五的个股为甲科技、乙电子、丙光学、丁材料与戊精工，跌幅前五的个股为：";
  const std::string events = "本周重大事项：三月五日，丁光学发布新一代智能驾驶域控制器产品，并获得国内三家主流整车企业的定点；";
  const std::string body = wrapped(prose + "\n" + movers + "己股份（-5.15%）、庚激光（-4.44%）。\n" + events +
                                       "3月6日，辛精工召开新品发布会，推出机器人关节模组。\n" + prose,
                                   24);
  auto paras = texts(parse_document(body), BlockKind::kParagraph);
  ASSERT_EQ(paras.size(), 4u) << body;
  EXPECT_EQ(paras[1], movers + "己股份（-5.15%）、庚激光（-4.44%）。");
  EXPECT_EQ(paras[2], events + "3月6日，辛精工召开新品发布会，推出机器人关节模组。");
}

TEST(Document, AWritersLinesKeepTheirColonsAndEntries) {
  // A writer's Markdown: lines of every length, so no page width; a long line ending in a
  // colon is a label for what follows, and stays its own block.
  auto d = parse_document(
      "本周我们继续看好以算力为代表的科技成长方向，重点推荐以下三个方向的核心标的：\n"
      "光模块方向的龙头公司。\n\n"
      "风险提示：宏观经济下行风险，行业竞争加剧风险，原材料价格波动风险；\n"
      "海外贸易政策风险。\n");
  EXPECT_EQ(texts(d, BlockKind::kParagraph).size(), 4u);
  // In a converted body, a cut colon before a numbered entry still ends its block.
  const std::string prose = "本周市场整体震荡上行，成交额较上周明显放大，北向资金小幅净流入，风格上小盘占优，科技板块表现活跃。";
  auto numbered = parse_document(wrapped(prose + "\n" +
                                             "我们维持行业推荐评级，建议投资者在当前估值位置重点关注以下两个细分方向的全部龙头公司与核心标的：" +
                                             "1、光模块；2、液冷服务器。\n" + prose,
                                         24));
  EXPECT_EQ(texts(numbered, BlockKind::kParagraph).size(), 4u);
  // Nor does it go on into a labelled section.
  auto labelled = parse_document(wrapped(prose + "\n" +
                                             "我们维持行业推荐评级，建议投资者在当前估值位置重点关注以下两个细分方向的全部龙头公司与核心标的：" +
                                             "风险提示：宏观经济下行。\n" + prose,
                                         24));
  EXPECT_EQ(texts(labelled, BlockKind::kParagraph).size(), 4u);
}

TEST(Document, DropsARepeatedRunningTitle) {
  auto d = parse_document("行业周报 机械\n\n第一段正文。\n\n行业周报 机械\n\n第二段正文。\n");
  EXPECT_EQ(texts(d, BlockKind::kParagraph), (std::vector<std::string>{"第一段正文。", "第二段正文。"}));
}

TEST(Document, AConverterHeadingInFrontOfRunningTextIsAParagraph) {
  auto d = parse_document("# 投资要点\n\n# 行情回顾：本周（6月3日-6月6日）申万计算机指数上涨2.15%，沪深300指数上涨0.88%，板块跑赢大盘。\n");
  EXPECT_EQ(texts(d, BlockKind::kHeading), (std::vector<std::string>{"投资要点"}));
  EXPECT_EQ(texts(d, BlockKind::kParagraph).size(), 1u);
}

TEST(Document, HtmlTableCellsWithSpansLineUp) {
  auto d = parse_document(
      "表1：盈利预测\n\n<table><tr><td rowspan=\"2\">公司</td><td colspan=\"2\">EPS（元）</td></tr>"
      "<tr><td>2025E</td><td>2026E</td></tr><tr><td>甲公司</td><td>1.20</td><td>1.45</td></tr></table>\n");
  const Table* t = first_table(d);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"公司", "EPS（元）", "EPS（元）"}));
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"公司", "2025E", "2026E"}));
  EXPECT_EQ(t->rows[2], (std::vector<std::string>{"甲公司", "1.20", "1.45"}));
  EXPECT_EQ(d.blocks.back().text, "表1：盈利预测");  // the caption travels with the table
}

TEST(Document, PipeAndAlignedTextTables) {
  auto d = parse_document("| 指数 | 收盘 | 涨跌幅 |\n|---|---:|---:|\n| 上证指数 | 3,402.32 | 0.52% |\n\n正文。\n");
  const Table* t = first_table(d);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1][1], "3,402.32");

  auto a = parse_document("子板块        本周涨跌幅（%）     年初至今（%）\n半导体        4.86        3.12\n元件          1.12        -2.45\n");
  const Table* u = first_table(a);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->rows.size(), 3u);
  EXPECT_EQ(u->rows[2], (std::vector<std::string>{"元件", "1.12", "-2.45"}));
}

TEST(Document, ProseWithDoubleSpacesIsNoTable) {
  auto d = parse_document("本周市场震荡  成交缩量\n资金面  偏紧\n");
  EXPECT_EQ(first_table(d), nullptr);
}

TEST(CellNumber, ReadsSignsSeparatorsPercentsAndBrackets) {
  EXPECT_DOUBLE_EQ(*cell_number("3,402.32"), 3402.32);
  EXPECT_DOUBLE_EQ(*cell_number("-0.18%"), -0.18);
  EXPECT_DOUBLE_EQ(*cell_number("（+2.3%）"), 2.3);
  EXPECT_FALSE(cell_number("上证指数").has_value());
  EXPECT_FALSE(cell_number("1.2倍").has_value());
  EXPECT_FALSE(cell_number("").has_value());
}

namespace {
Extraction tables_of(std::string_view body, std::string title, std::string date = "2025-06-12") {
  Extraction out;
  ExtractContext ctx{std::move(title), std::move(date)};
  extract_index_tables(parse_document(body), ctx, out);
  return out;
}
}  // namespace

TEST(IndexTables, MorningNoteTableGivesTheDayAndTheYearToDate) {
  auto out = tables_of(
      "<table><tr><td>指数名称</td><td>收盘价</td><td>涨跌幅</td><td>年初至今</td></tr>"
      "<tr><td>上证指数</td><td>3,402.32</td><td>0.52%</td><td>1.51%</td></tr>"
      "<tr><td>沪深 300</td><td>3,894.61</td><td>-0.68%</td><td>-1.02%</td></tr>"
      "<tr><td>申万电子</td><td>4,100.00</td><td>1.00%</td><td>2.00%</td></tr></table>",
      "某某证券晨会纪要20250612");
  ASSERT_EQ(out.indices.size(), 4u);  // the industry row is no index
  EXPECT_EQ(out.indices[0].name, "上证综指");
  EXPECT_EQ(out.indices[0].period, "day");
  EXPECT_DOUBLE_EQ(*out.indices[0].close, 3402.32);
  EXPECT_DOUBLE_EQ(*out.indices[0].change_pct, 0.52);
  EXPECT_EQ(out.indices[1].period, "since:2025-01-01");
  EXPECT_FALSE(out.indices[1].close.has_value());
  EXPECT_EQ(out.indices[2].name, "沪深300");
  EXPECT_DOUBLE_EQ(*out.indices[2].change_pct, -0.68);
}

TEST(IndexTables, TransposedTableWithIndicesAsColumns) {
  auto out = tables_of(
      "<table><tr><td>指数</td><td>上证综指</td><td>创业板指</td></tr>"
      "<tr><td>收盘点位</td><td>3,828.58</td><td>3,107.89</td></tr>"
      "<tr><td>日涨跌幅</td><td>0.22%</td><td>-0.55%</td></tr></table>",
      "研究所晨报");
  ASSERT_EQ(out.indices.size(), 2u);
  EXPECT_EQ(out.indices[1].name, "创业板指");
  EXPECT_EQ(out.indices[1].period, "day");
  EXPECT_DOUBLE_EQ(*out.indices[1].close, 3107.89);
  EXPECT_DOUBLE_EQ(*out.indices[1].change_pct, -0.55);
}

TEST(IndexTables, AMoveOfUnknownPeriodIsNotStored) {
  auto out = tables_of("| 指数 | 涨跌幅 |\n|---|---|\n| 上证指数 | 0.52% |\n", "某公司深度报告");
  EXPECT_TRUE(out.indices.empty());
  auto weekly = tables_of("| 指数 | 本周涨跌幅 |\n|---|---|\n| 上证指数 | 0.52% |\n", "某公司深度报告");
  ASSERT_EQ(weekly.indices.size(), 1u);
  EXPECT_EQ(weekly.indices[0].period, "week");
}

TEST(Document, DropsATableOfContents) {
  auto d = parse_document(
      "# 目录\n\n行业要闻...................................... 5\n公司动态 …………………… 6\n图1：本周涨跌幅.............. 3\n\n# 行业要闻\n\n正文。\n");
  EXPECT_EQ(texts(d, BlockKind::kParagraph), (std::vector<std::string>{"正文。"}));
  EXPECT_EQ(texts(d, BlockKind::kHeading), (std::vector<std::string>{"行业要闻"}));
}
