#include "extract/lists_sections.h"

#include <algorithm>

#include "extract/codes.h"
#include "extract/dates.h"
#include "extract/lists_stock.h"
#include "extract/picks_clause.h"

namespace yanbao::lists {

namespace {

bool is_semicolon(char32_t c) { return c == U';'; }

}  // namespace

std::vector<std::string_view> list_items(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto piece : split_top(text, is_semicolon)) {
    int n = 0;
    strip_enumeration(piece, &n);
    if (n != 1) {
      out.push_back(piece);
      continue;
    }
    // Enumerated: cut before "2…", "3…" markers that follow a sentence end or a blank.
    auto depth = nesting(piece);
    int next = 2;
    size_t start = 0;
    char32_t prev = U'。';
    for (size_t i = 0; i < piece.size();) {
      auto c = decode_at(piece, i);
      if (i > start && depth[i] == 0 && (prev == U'。' || prev == U',' || prev == U' ' || prev == U'.')) {
        int m = 0;
        strip_enumeration(piece.substr(i), &m);
        if (m == next) {
          out.push_back(trim(piece.substr(start, i - start)));
          start = i;
          ++next;
        }
      }
      prev = fold(c.cp);
      i += c.len;
    }
    out.push_back(trim(piece.substr(start)));
  }
  std::vector<std::string_view> clean;
  for (auto p : out) {
    p = trim_trailing_punct(strip_enumeration(p));
    if (!p.empty()) clean.push_back(p);
  }
  return clean;
}

bool read_month_day(std::string_view s, size_t& i, int& y, int& m, int& d) {
  auto num = [&](size_t& k, size_t max) {
    int v = 0;
    size_t n = 0;
    while (k < s.size() && n < max) {
      auto c = decode_at(s, k);
      char32_t f = fold(c.cp);
      if (f < U'0' || f > U'9') break;
      v = v * 10 + static_cast<int>(f - U'0');
      k += c.len;
      ++n;
    }
    return n ? v : -1;
  };
  // PDF text may split a date with blanks: "5 月 20 日". One blank at most per gap.
  auto blank = [&](size_t k) {
    if (k < s.size() && is_space(decode_at(s, k).cp)) return k + decode_at(s, k).len;
    return k;
  };
  size_t k = i;
  y = 0;
  int a = num(k, 4);
  if (a < 0) return false;
  k = blank(k);
  if (starts_with(s.substr(k), "年")) {
    y = a;
    k = blank(k + std::string_view("年").size());
    a = num(k, 2);
    if (a < 0) return false;
    k = blank(k);
  }
  if (!starts_with(s.substr(k), "月")) return false;
  k = blank(k + std::string_view("月").size());
  int b = num(k, 2);
  if (b < 0) return false;
  k = blank(k);
  if (a < 1 || a > 12 || b < 1 || b > 31) return false;
  if (starts_with(s.substr(k), "日")) k += std::string_view("日").size();
  else if (starts_with(s.substr(k), "号")) k += std::string_view("号").size();
  else return false;
  m = a;
  d = b;
  i = k;
  return true;
}

namespace {

std::optional<std::string> resolve_date(int y, int m, int d, const ExtractContext& ctx) {
  if (y > 0) return format_date(y, m, d);
  return resolve_month_day(m, d, ctx.report_date);
}

/// Words that end an event's subject: 青鸟消防[公告]…, 精智达[发布]…, 公司[控股股东]…
constexpr std::string_view kEventVerbs[] = {
    "发布", "公告", "披露", "宣布", "公布", "拟", "召开", "完成", "获得", "获", "签署", "签订", "收到", "中标",
    "与", "通过", "发行", "回购", "预计", "预告", "实现", "控股股东", "实控人", "实际控制人", "股东", "董事",
    "监事", "高管", "子公司", "全资", "旗下", "的", "将", "于", "在", "已", "正式", "成功", "推出", "入选",
    "启动", "终止", "减持", "增持", "计划", "表示", "称", "申请", "递交", "登陆", "新增", "设立", "成立",
    "收购", "出售", "转让", "举办", "举行", "荣获", "斩获", "被", "向"};

}  // namespace

void parse_event(std::string_view item, const ExtractContext& ctx, std::vector<Event>& out) {
  Event ev;
  ev.text = std::string(item);
  std::string_view s = item;
  size_t i = 0;
  int y = 0, m = 0, d = 0;
  if (read_month_day(s, i, y, m, d)) {
    ev.event_date = resolve_date(y, m, d, ctx);
    s = s.substr(i);
    for (std::string_view w : {"消息", "晚间", "早间", "盘后", "午间", "晚", "讯"})
      if (starts_with(s, w)) s.remove_prefix(w.size());
    for (bool changed = true; changed;) {
      changed = false;
      s = trim(s);
      auto c = s.empty() ? CodePoint{0, 0} : decode_at(s, 0);
      char32_t f = fold(c.cp);
      if (f == U',' || f == U'、' || f == U':') {
        s.remove_prefix(c.len);
        changed = true;
      }
    }
  }
  s = strip_wrappers(s);
  // The subject ends at the first verb, code bracket, date or punctuation after 2 chars.
  auto depth = nesting(s);
  size_t pos = 0, n = 0, end = s.size();
  for (; pos < s.size(); ++n) {
    auto c = decode_at(s, pos);
    char32_t f = fold(c.cp);
    if (depth[pos] == 0 && f == U'(') {
      size_t j = pos + c.len, e = j;
      while (e < s.size() && fold(decode_at(s, e).cp) != U')') e += decode_at(s, e).len;
      if (auto code = code_in(s.substr(j, e - j))) ev.code = code;
      end = pos;
      break;
    }
    if (f == U',' || f == U'。' || f == U':' || f == U';' || f == U'、' || f == U' ') {
      end = pos;
      break;
    }
    if (n >= 2) {
      size_t k = pos;
      int yy, mm, dd;
      if (f >= U'0' && f <= U'9') {
        if (read_month_day(s, k, yy, mm, dd) && !ev.event_date) ev.event_date = resolve_date(yy, mm, dd, ctx);
        end = pos;
        break;
      }
      bool verb = false;
      for (auto v : kEventVerbs)
        if (starts_with(s.substr(pos), v)) verb = true;
      if (verb) {
        end = pos;
        break;
      }
    }
    pos += c.len;
  }
  std::string_view company = strip_wrappers(s.substr(0, end));
  if (cp_count(company) > 20) company = {};
  // "胜宏科技（300476.SZ）：2月19日发布…": the date may follow the subject.
  if (!ev.event_date) {
    size_t k = end, steps = 0;
    while (k < s.size() && steps++ < 16) {
      size_t j = k;
      int yy, mm, dd;
      if (read_month_day(s, j, yy, mm, dd)) {
        ev.event_date = resolve_date(yy, mm, dd, ctx);
        break;
      }
      k += decode_at(s, k).len;
    }
  }
  // A subject is a name: two characters or more, with a Han or Latin letter ("5" of a date
  // split by blanks, or a stray glyph, is not).
  size_t letters = 0;
  for (size_t i = 0; i < company.size();) {
    auto c = decode_at(company, i);
    char32_t f = fold(c.cp);
    if (is_han(c.cp) || (f >= U'a' && f <= U'z') || (f >= U'A' && f <= U'Z')) ++letters;
    i += c.len;
  }
  if (letters == 0 || cp_count(company) < 2) company = {};
  ev.company = std::string(company);
  if (ev.company.empty()) return;  // an event is about a company: without one the row misleads
  out.push_back(std::move(ev));
}

std::vector<std::string_view> event_items(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto piece : list_items(text)) {
    auto depth = nesting(piece);
    size_t start = 0;
    for (size_t i = 0; i < piece.size();) {
      auto c = decode_at(piece, i);
      if (depth[i] == 0 && c.cp == U'。') {
        size_t k = i + c.len;
        int y, m, d;
        std::string_view rest = trim(piece.substr(k));
        size_t j = 0;
        if (read_month_day(rest, j, y, m, d)) {
          out.push_back(trim_trailing_punct(piece.substr(start, i - start)));
          start = k;
        }
      }
      i += c.len;
    }
    auto last = trim_trailing_punct(piece.substr(start));
    if (!last.empty()) out.push_back(last);
  }
  return out;
}

Sec classify_label(std::string_view label) {
  if (label.empty()) return Sec::Other;
  if (contains(label, "相关研究") || contains(label, "相关报告") || contains(label, "推荐阅读") ||
      contains(label, "往期回顾") || contains(label, "往期报告") || contains(label, "历史报告") ||
      contains(label, "近期报告") || contains(label, "近期研究"))
    return Sec::Refs;
  if (ends_with(label, "目录") && cp_count(label) <= 6) return Sec::Ignore;  // 目录, 图表目录
  if (contains(label, "风险提示") || contains(label, "风险因素") || contains(label, "风险分析") ||
      contains(label, "风险警示") || (ends_with(label, "风险") && cp_count(label) <= 6))
    return Sec::Risks;
  // 本周市场表现及要闻 titles a section about the market; it is not a news list.
  bool market = contains(label, "表现") || contains(label, "行情") || contains(label, "复盘") ||
                (contains(label, "回顾") && contains(label, "市场"));  // 一周要闻回顾 is news
  if (contains(label, "重大事项") || contains(label, "重要事项") || contains(label, "公告") ||
      (contains(label, "公司") && (contains(label, "动态") || contains(label, "要闻") || contains(label, "新闻") ||
                                    contains(label, "事件") || contains(label, "跟踪"))) ||
      contains(label, "个股动态")) {
    if (market) return Sec::Ignore;
    bool news_too = contains(label, "行业") && (contains(label, "要闻") || contains(label, "新闻") || contains(label, "动态"));
    return news_too ? Sec::Mixed : Sec::Events;
  }
  if (contains(label, "要闻") || contains(label, "新闻") || contains(label, "动态") || contains(label, "资讯") ||
      contains(label, "快讯") || contains(label, "大事") || contains(label, "热点"))
    return market ? Sec::Ignore : Sec::News;
  if (has_kind_word(label)) return Sec::Picks;
  return Sec::Other;
}

namespace {

bool has_sentence_punct(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    if (f == U'。' || f == U',' || f == U';' || f == U'、' || f == U'!' || f == U'?') return true;
    i += c.len;
  }
  return false;
}

bool has_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return contains(s, "月") && contains(s, "日");
}

/// Footer lines that end any list (sources, disclaimers).
constexpr std::string_view kFooters[] = {"来源", "资料来源", "数据来源", "免责声明", "分析师",
                                                      "请务必阅读", "特别声明", "法律声明", "重要声明"};

/// Words of section headings other than lists (行情回顾, 投资建议, 本周专题…). Inside a news,
/// event or risk list an unknown label ends the list only when it reads like one of these;
/// otherwise "小米发布AI眼镜：6月26日…" is the next item.
constexpr std::string_view kHeadingWords[] = {
    "回顾", "表现", "建议", "要点", "观点", "专题", "事件", "点评", "来源", "策略", "展望", "结论", "摘要", "数据",
    "行情", "估值", "配置", "投资", "分析", "总结", "研究", "跟踪", "复盘", "板块", "市场", "指数", "个股", "资金",
    "盈利预测", "评级", "声明", "附录", "目录", "图表", "概览", "综述", "思路", "周报", "月报"};

/// Labels that open a section even on a bullet line.
constexpr std::string_view kSectionLabels[] = {"投资", "观点", "建议", "策略", "展望", "回顾", "要点", "总结", "结论",
                                               "行情", "评级", "盈利预测"};

}  // namespace

bool is_author_line(std::string_view text) {
  // The role word within the first few characters: 证券分析师, 首席分析师, 联系人.
  // The role word within the first few characters (证券分析师, 首席分析师, 联系人), then a
  // colon or a blank before the name, or a short line: "分析师预计油价…" is prose.
  std::string_view head = text.substr(0, std::min<size_t>(text.size(), 8 * 3));
  for (std::string_view w : {"分析师", "研究助理", "联系人", "执业证书", "证书编号", "SAC", "作者"}) {
    size_t p = find_word(head, w);
    if (p == std::string_view::npos) continue;
    std::string_view after = text.substr(p + w.size());
    if (after.empty() || folded_char_len(after, ':') || is_space(decode_at(after, 0).cp) || cp_count(text) <= 16)
      return true;
  }
  return false;
}


bool is_caption_line(std::string_view text) {
  std::string_view t = trim(text);
  for (std::string_view w : {"图表", "图", "表", "附图", "附表"}) {
    if (!starts_with(t, w)) continue;
    std::string_view rest = trim(t.substr(w.size()));
    size_t digits = 0;
    while (digits < rest.size() && decode_at(rest, digits).len == 1 && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0) return false;
    rest = trim(rest.substr(digits));
    // "图3：…", "图 3 …", "表2-1 …"; not "表3月…" or "图2家…" (a number with its unit).
    if (rest.empty() || folded_char_len(rest, ':') || rest.front() == '-' || rest.front() == '.') return true;
    for (std::string_view unit : {"月", "日", "年", "%", "万", "亿", "个", "家", "只", "款", "项", "倍", "次"})
      if (starts_with(rest, unit)) return false;
    return true;
  }
  return false;
}

bool is_toc_line(std::string_view text) {
  // "3. 公司动态 ........ 6", "图2：涨幅前十 …… 4": a run of leader dots, then a page number.
  std::string_view t = trim(text);
  size_t k = t.size();
  while (k > 0 && t[k - 1] >= '0' && t[k - 1] <= '9') --k;
  if (k == t.size()) return false;
  std::string_view before = trim(t.substr(0, k));
  size_t dots = 0;
  for (size_t i = before.size(); i > 0;) {
    size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(before[j]) & 0xC0) == 0x80) --j;
    char32_t cp = decode_at(before, j).cp;
    if (cp == U'.' || cp == U'…' || cp == U'·' || cp == U'．' || cp == U'-' || cp == U'_') ++dots;
    else if (!is_space(cp)) break;
    i = j;
  }
  return dots >= 5;
}

Heading detect_heading(const CleanLine& line, bool in_list, bool in_picks) {
  Heading h;
  const bool text_list = in_list && !in_picks;
  auto headingish = [](std::string_view label) {
    for (auto w : kHeadingWords)
      if (contains(label, w)) return true;
    return false;
  };
  std::string_view text = line.text;
  if (is_author_line(text)) {
    h.found = true;
    h.sec = Sec::Other;
    h.label = text;
    return h;
  }
  for (auto f : kFooters)
    if (starts_with(text, f)) {
      h.found = true;
      h.sec = Sec::Other;
      h.label = text;
      return h;
    }
  // Only the first 24 code points can hold a label; bracket depth beyond ~40 is irrelevant.
  size_t scan_end = 0;
  for (size_t k = 0; k < 40 && scan_end < text.size(); ++k) scan_end += decode_at(text, scan_end).len;
  auto depth = nesting(text.substr(0, scan_end));
  size_t n = 0;
  for (size_t i = 0; i < scan_end && n < 24; ++n) {
    auto c = decode_at(text, i);
    char32_t f = fold(c.cp);
    if (depth[i] == 0 && f == U':') {
      std::string_view label = trim(text.substr(0, i));
      std::string_view rest = trim(text.substr(i + c.len));
      if (label.empty() || has_sentence_punct(label)) break;
      Sec sec = classify_label(label);
      size_t len = cp_count(label);
      // A short unknown label is a heading too (行情回顾：, 投资建议：) — but not inside a list
      // of bullets, where "小米：发布AI眼镜" is an item, and not a date (2月7日：).
      // Under a picks heading "有研新材：靶材国产替代加速" is an entry, not a heading.
      // A bullet inside a list is an item ("- 小米：发布AI眼镜") unless its label names a
      // section: PDF glyph bullets also mark paragraphs ("● 投资观点：…", "■ 投资建议：…").
      bool section_label = len <= 6 && any_of_words(label, kSectionLabels);
      bool generic = sec == Sec::Other && len <= 10 && !has_digit(label) && !(in_list && line.bullet && !section_label) &&
                     !(in_picks && parse_item(label, false, false).kind == Item::kStock) &&
                     !(text_list && !headingish(label));
      if ((sec != Sec::Other && len <= 20) || generic || line.heading) {
        h.found = true;
        h.sec = sec;
        h.label = label;
        h.rest = rest;
      }
      return h;
    }
    if (f == U'。' || f == U';') break;
    i += c.len;
  }
  if (cp_count(text) <= 20 && !has_sentence_punct(text)) {
    Sec sec = classify_label(text);
    if ((sec != Sec::Other && cp_count(text) <= 14) || line.heading ||
        (line.bold && !(text_list && !headingish(text)))) {
      h.found = true;
      h.sec = sec;
      h.label = text;
    }
  }
  if (!h.found && line.heading) {
    h.found = true;
    h.sec = Sec::Other;
    h.label = text;
  }
  return h;
}

std::vector<std::string_view> embedded_headings(std::string_view text) {
  std::vector<std::string_view> parts;
  if (!contains(text, "。") || (!contains(text, "：") && !contains(text, ":"))) return {text};
  std::vector<unsigned char> depth;  // computed only once a candidate label is seen
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    auto c = decode_at(text, i);
    i += c.len;
    if (c.cp != U'。' || i >= text.size()) continue;
    size_t n = 0;
    for (size_t j = i; j < text.size() && n <= 12; ++n) {
      auto d = decode_at(text, j);
      char32_t f = fold(d.cp);
      if (f == U':') {
        Sec sec = classify_label(trim(text.substr(i, j - i)));
        if (depth.empty() && (sec == Sec::News || sec == Sec::Events || sec == Sec::Mixed || sec == Sec::Risks))
          depth = nesting(text);
        if ((sec == Sec::News || sec == Sec::Events || sec == Sec::Mixed || sec == Sec::Risks) && depth[i - 3] == 0) {
          parts.push_back(text.substr(start, i - start));
          start = i;
        }
        break;
      }
      if (f == U'。' || f == U',' || f == U';') break;
      j += d.len;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace yanbao::lists
