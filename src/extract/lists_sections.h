#pragma once
/// Sections of a body and the text lists in them: headings that open news (本周要闻),
/// event (重大事项), risk (风险提示) and picks sections, and the items of those lists.
#include <string>
#include <string_view>
#include <vector>

#include "extract/lists_text.h"
#include "extract/model.h"

namespace yanbao::lists {

/// Mixed: a heading naming both news and company events (行业要闻及公司动态): dated items
/// ("2月3日，甲科技发布…") are events, the rest news. Refs: a list of the broker's older
/// reports (相关研究, 推荐阅读), whose titles hold cue words but are never picks.
enum class Sec { Other, Ignore, News, Events, Mixed, Risks, Picks, Refs };

/// Maps a heading's label to the section it opens; Other for headings of anything else
/// (行情回顾, 投资建议, 来源), which end a list section.
Sec classify_label(std::string_view label);

struct Heading {
  bool found = false;
  Sec sec = Sec::Other;
  std::string_view label;
  std::string_view rest;  ///< text after the label's colon; empty for a heading on its own line
};

/// Whether a cleaned line opens a section, on its own line or inline ("本周要闻：A；B").
/// `in_list`/`in_picks` say which section the line is read in.
Heading detect_heading(const CleanLine& line, bool in_list, bool in_picks);

/// Whether a line names the report's authors ("证券分析师：吴鸣远", "分析师 张三",
/// "研究助理：李四", "执业证书编号：S…"): such a line ends any list and is never one.
bool is_author_line(std::string_view text);

/// Whether a line is a figure or table caption ("图3：本周行业指数走势", "表 2 重点公司估值",
/// "图表12："): it names a chart, it is no list item.
bool is_caption_line(std::string_view text);

/// Whether a line is an entry of a table of contents ("3. 公司动态 ........ 6").
bool is_toc_line(std::string_view text);

/// Splits a line before each sentence that opens with a news/event/risk label
/// ("…迎来拐点。风险提示：A；B。"); returns the whole line when there is none.
std::vector<std::string_view> embedded_headings(std::string_view text);

/// Splits a list paragraph on top-level ；/; and on inline enumeration ("（1）A。（2）B。").
std::vector<std::string_view> list_items(std::string_view text);

/// Event items: ；-separated, and also split at "。" when a new dated item follows.
std::vector<std::string_view> event_items(std::string_view text);

/// Reads "M月D日" (optionally "YYYY年M月D日") at s[i]; advances i past it on success.
bool read_month_day(std::string_view s, size_t& i, int& y, int& m, int& d);

/// Parses one event item (date, company, code) and appends it unless it names neither.
void parse_event(std::string_view item, const ExtractContext& ctx, std::vector<Event>& out);

}  // namespace yanbao::lists
