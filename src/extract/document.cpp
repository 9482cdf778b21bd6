#include "extract/document.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "extract/document_parts.h"
#include "extract/scan.h"

// How a body becomes blocks. Converters from PDF leave three kinds of damage that line
// grammars cannot see past: words split by spaces (沪深 300 指数), sentences cut at the page
// width (…指数下\n跌0.18%), and furniture (a running header, "1 / 14", a disclaimer) dropped
// into the middle of a paragraph. So, in order:
//  1. HTML tables (possibly over several lines) are cut out first: their cells must not be
//     joined with the prose around them.
//  2. Furniture lines are dropped: they can sit between the two halves of a wrapped sentence.
//  3. The remaining lines are grouped: blank lines and block starts (#, a bullet, |, a 【label】)
//     end a paragraph; within a paragraph a line is joined to the previous one without a
//     space, since Chinese has none between words.
//  4. Pipe tables and space-aligned text tables become tables; a '#' in front of running text
//     (converters mark every PDF line of large type) makes a paragraph, not a heading.
//  5. Every block's text is repaired inline (repair_inline).

namespace yanbao {
namespace {

using scan::cp_count;
using scan::trim;
using scan::decode;

// --- furniture ---------------------------------------------------------------------------

/// The line with every digit run replaced by '#': page headers differ only in their page
/// number.
std::string digit_shape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      out += '#';
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    } else {
      out += s[i++];
    }
  }
  return out;
}

/// "1 / 14", "第 3 页 共 20 页", "- 12 -": a page counter.
bool has_page_counter(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) continue;
    size_t j = i;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    size_t k = j;
    while (k < s.size() && s[k] == ' ') ++k;
    if (k < s.size() && s[k] == '/' && k > j - 0) {
      size_t m = k + 1;
      while (m < s.size() && s[m] == ' ') ++m;
      if (m < s.size() && std::isdigit(static_cast<unsigned char>(s[m])) && (k > j || m > k + 1)) return true;
    }
    i = j;
  }
  return scan::contains(s, "第") && scan::contains(s, "页") && scan::contains(s, "共");
}

/// A line that is a page counter and nothing else: "3 / 9", "3/9", "- 12 -", "第 3 页",
/// "第3页 共20页". PDF converters put the footer's counter on a line of its own, often in the
/// middle of a paragraph cut by the page; joined to it, the counter would end a name or a
/// sentence ("拟回购金额3 1 / 5"). A sentence never is only that: no word, no punctuation.
bool is_page_counter_line(std::string_view t) {
  size_t i = 0;
  auto blanks = [&] {
    while (i < t.size() && t[i] == ' ') ++i;
  };
  auto number = [&](int& v) {
    const size_t from = i;
    v = 0;
    while (i < t.size() && i - from < 4 && std::isdigit(static_cast<unsigned char>(t[i]))) v = v * 10 + (t[i++] - '0');
    return i > from && (i == t.size() || !std::isdigit(static_cast<unsigned char>(t[i])));
  };
  auto word = [&](std::string_view w) {
    if (t.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  };
  int a = 0, b = 0;
  if (word("-")) {  // "- 12 -"
    blanks();
    if (!number(a)) return false;
    blanks();
    return word("-") && i == t.size() && a > 0;
  }
  if (word("第")) {  // "第 3 页", "第 3 页 共 20 页"
    blanks();
    if (!number(a)) return false;
    blanks();
    if (!word("页")) return false;
    blanks();
    if (i == t.size()) return a > 0;
    if (!word("共")) return false;
    blanks();
    if (!number(b)) return false;
    blanks();
    return word("页") && i == t.size() && a > 0 && a <= b;
  }
  if (!number(a)) return false;  // "3 / 9"
  blanks();
  if (!word("/")) return false;
  blanks();
  return number(b) && i == t.size() && a > 0 && a <= b;
}

/// Words of CJK separated by single blanks, nothing else: a page's running title.
bool is_running_title(std::string_view t) {
  bool blank = false;
  for (size_t i = 0; i < t.size();) {
    size_t len;
    char32_t c = decode(t, i, &len);
    if (c == U' ') blank = true;
    else if (!scan::is_cjk(c)) return false;
    i += len;
  }
  return blank;
}

/// A line of a table of contents: a dot leader and a page number ("行业要闻.......... 5"), or
/// the contents' own title. Its entries are headings of the report, not news or items.
bool is_contents_line(std::string_view t) {
  static constexpr std::string_view kTitles[] = {"目录", "目 录", "图表目录", "表格目录", "插图目录", "图目录", "表目录"};
  std::string_view title = t;
  while (!title.empty() && title.front() == '#') title.remove_prefix(1);
  title = trim(title);
  for (std::string_view k : kTitles)
    if (title == k) return true;
  size_t e = t.size();
  while (e > 0 && (std::isdigit(static_cast<unsigned char>(t[e - 1])) || t[e - 1] == ' ')) --e;
  if (e == t.size()) return false;  // no page number at the end
  std::string_view head = t.substr(0, e);
  return scan::ends_at(head, head.size(), "....") || scan::ends_at(head, head.size(), "……") ||
         scan::ends_at(head, head.size(), "···") || scan::ends_at(head, head.size(), "．．");
}

bool is_furniture(std::string_view line, const std::map<std::string, int>& shape_counts) {
  std::string_view t = trim(line);
  if (t.empty()) return false;
  if (is_contents_line(t) || is_page_counter_line(t)) return true;
  const size_t n = cp_count(t);
  if (n > 120) return false;
  // A running header or footer: several fields spread over the line, one of them a page
  // counter or the disclaimer every page repeats.
  const bool spread = t.find("   ") != std::string_view::npos;
  if (spread && (has_page_counter(t) || scan::contains(t, "请务必阅读") || scan::contains(t, "敬请参阅") ||
                 scan::contains(t, "免责声明")))
    return true;
  if (n <= 60 && (scan::contains(t, "请务必阅读正文") || scan::contains(t, "敬请参阅最后一页") ||
                  scan::contains(t, "敬请阅读末页")))
    return true;
  // A short line repeated on many pages, with only numbers changing; or a running title of
  // words set apart by a blank ("行业周报 汽车"), repeated, which no sentence is.
  auto it = shape_counts.find(digit_shape(t));
  if (it == shape_counts.end()) return false;
  if (it->second >= 3 && n <= 60 && spread) return true;
  return it->second >= 2 && n <= 20 && is_running_title(t);
}

// --- lines and blocks -----------------------------------------------------------------------

using Line = scan::NumberedLine;

/// A bullet glyph that opens an item (after optional blanks), and its byte length.
size_t bullet_at(std::string_view t) {
  if (t.empty()) return 0;
  size_t len;
  char32_t c = decode(t, 0, &len);
  static constexpr char32_t kBullets[] = {U'■', U'□', U'●', U'○', U'◆', U'◇', U'➢', U'►', U'▶', U'▪', U'•',
                                          U'⚫', U'◼', U'✓', U'√', U'❖', U'★', U'☆', U'\uF06C', U'\uF0B7', U'\uF0D8', U'\uF0A7', U'▲', U'◎'};
  if (std::find(std::begin(kBullets), std::end(kBullets), c) != std::end(kBullets)) return len;
  // Markdown list markers need the blank after them: "-3%" is a number, "**x**" emphasis.
  if ((c == U'-' || c == U'*' || c == U'+') && t.size() > 1 && (t[1] == ' ' || t[1] == '\t')) return 1;
  return 0;
}

/// "#…# text": its level and text, or level 0.
int heading_level(std::string_view t, std::string_view& text) {
  size_t n = 0;
  while (n < t.size() && t[n] == '#') ++n;
  if (n == 0 || n > 6 || (n < t.size() && t[n] != ' ' && t[n] != '\t')) return 0;
  text = trim(t.substr(n));
  return static_cast<int>(n);
}

/// Whether a '#' line reads as a heading rather than running text a converter marked: short,
/// and not a sentence.
bool reads_as_heading(std::string_view text) {
  const size_t n = cp_count(text);
  if (n == 0) return false;
  if (n > 40) return false;
  if (scan::contains(text, "。")) return false;
  return true;
}

/// The last character of `t`, folded (full-width forms as ASCII); 0 when `t` is empty.
char32_t last_char(std::string_view t) { return t.empty() ? 0 : scan::fold(decode(t, scan::prev(t, t.size()))); }

/// A line that ends a sentence (or a list entry): the next line starts afresh.
bool ends_sentence(std::string_view t) {
  if (t.empty()) return true;
  const char32_t c = last_char(t);
  return c == U'。' || c == U'!' || c == U'?' || c == U';' || c == U':' || c == U'…' || c == U'”' ||
         c == U'】';
}

bool ends_full_stop(std::string_view t) {
  if (t.empty()) return true;
  const char32_t c = last_char(t);
  return c == U'。' || c == U'!' || c == U'?';
}

/// A label line such as 【常规内容】 or 【行业与公司】: a heading of its own.
bool is_bracket_label(std::string_view t) {
  return scan::at(t, 0, "【") && scan::ends_at(t, t.size(), "】") && cp_count(t) <= 30 &&
         t.find("】") == t.size() - std::string_view("】").size();
}

/// Whether `next` continues `acc` (hard-wrapped by a converter): acc stops mid-sentence and
/// is long enough to have reached the page width, or next cannot start a sentence.
bool wrapped_into(std::string_view acc, std::string_view last_line, std::string_view next, bool item) {
  std::string_view a = trim(acc);
  if (a.empty()) return false;
  // An item goes on until the next item or block, unless it closed a sentence; a list inside
  // it may break after any entry ("…；" then "2）…").
  if (item) return !ends_full_stop(a);
  if (ends_sentence(a)) return false;
  if (scan::at(a, 0, "**") && scan::ends_at(a, a.size(), "**")) return false;  // a bold label line
  // No line of its own ends on an opening bracket or an enumeration comma, however short:
  // what follows belongs to it ("…、光驰（" then "603508.SH）、…").
  const char32_t last = last_char(a);
  if (last == U'(' || last == U'、' || last == U',' || last == U'“' || last == U'《') return true;
  char32_t first = scan::fold(decode(next, 0));
  if (first == U',' || first == U')' || first == U'、' || first == U'%' || first == U'。' || first == U';')
    return true;
  // The length of acc's last physical line is what the page width bounds; joined lines only
  // grow, so the whole paragraph's length would overstate it.
  return cp_count(last_line) >= 20;
}

/// Joins two wrapped halves: no space between Chinese, one between two ASCII words.
void join_wrapped(std::string& acc, std::string_view next) {
  if (!acc.empty() && !next.empty()) {
    char a = acc.back(), b = next.front();
    if (std::isalnum(static_cast<unsigned char>(a)) && std::isalnum(static_cast<unsigned char>(b))) acc += ' ';
  }
  acc.append(next);
}

/// A line that opens an entry of its own: "2）", "3、", "4.", "(5)", "（三）", "三、". A date
/// ("3月6日，…") or a number in a sentence does not.
bool opens_entry(std::string_view t) {
  static constexpr std::u32string_view kNumerals = U"一二三四五六七八九十";
  size_t i = 0, len = 0;
  char32_t c = t.empty() ? 0 : scan::fold(decode(t, 0, &len));
  if (c == U'(') {
    i = len;
    c = i < t.size() ? scan::fold(decode(t, i, &len)) : 0;
    return (c >= U'0' && c <= U'9') || kNumerals.find(c) != std::u32string_view::npos;
  }
  size_t digits = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++digits;
  if (digits == 0) {
    if (t.empty() || kNumerals.find(c) == std::u32string_view::npos) return false;
    i = len;
  }
  if (i >= t.size()) return false;
  const char32_t d = scan::fold(decode(t, i));
  return d == U'、' || d == U')' || (d == U'.' && digits > 0 && i + 1 < t.size() && !std::isdigit(static_cast<unsigned char>(t[i + 1])));
}

/// A line that opens with a label: a colon within its first eight characters, before any
/// comma or stop ("风险提示：…", "本周观点：…"). A new section, not the rest of a cut line.
bool opens_label(std::string_view t) {
  size_t n = 0;
  for (size_t i = 0; i < t.size() && n < 8; ++n) {
    size_t len;
    const char32_t c = scan::fold(decode(t, i, &len));
    if (c == U':') return n > 0;
    if (c == U',' || c == U'。' || c == U';') return false;
    i += len;
  }
  return false;
}

/// The page width a converter cut the body's lines at: the length (in characters) most of
/// its long lines have, or one less (where the next word did not fit). 0 when no width
/// stands out: a writer's lines, whole paragraphs of every length.
size_t page_width(const std::vector<scan::NumberedLine>& lines) {
  std::map<size_t, size_t> count;
  size_t long_lines = 0;
  for (const auto& l : lines) {
    const size_t n = cp_count(trim(l.text));
    if (n < 20 || n > 120) continue;
    ++count[n];
    ++long_lines;
  }
  size_t best = 0, support = 0;
  for (const auto& [n, k] : count) {
    const size_t s = k + (count.count(n - 1) ? count.at(n - 1) : 0);
    if (s >= support) best = n, support = s;
  }
  return support >= 6 && support * 3 >= long_lines ? best : 0;
}

}  // namespace

Document parse_document(std::string_view body) {
  Document doc;
  // Lines, with HTML tables cut out as whole blocks.
  const std::vector<Line> lines = scan::numbered_lines(body);
  const size_t width = page_width(lines);
  std::map<std::string, int> shape_counts;
  for (const Line& l : lines) {
    std::string_view t = trim(l.text);
    if (!t.empty() && t.find(' ') != std::string_view::npos) ++shape_counts[digit_shape(t)];
  }

  std::string para;       // the paragraph being joined
  std::string_view last_line;  // its last physical line
  int para_line = 0;      // its first line
  BlockKind para_kind = BlockKind::kParagraph;
  // The physical lines of the running-text paragraph that starts at line width_of, and the
  // widest of them: the page width a converter cut it at.
  int width_of = 0;
  size_t lines_in_para = 0, widest = 0;
  int para_level = 0;
  auto flush = [&] {
    if (para_line == 0) return;
    Block b;
    b.kind = para_kind;
    b.line = para_line;
    b.level = para_level;
    b.text = repair_inline(para);
    if (!b.text.empty()) doc.blocks.push_back(std::move(b));
    para.clear();
    para_line = 0;
    para_kind = BlockKind::kParagraph;
    para_level = 0;
  };
  auto last_caption = [&]() -> std::string {
    // The line just above a table, when short, names it ("昨日中信一级行业涨跌幅前五").
    if (!doc.blocks.empty()) {
      const Block& b = doc.blocks.back();
      if (b.kind != BlockKind::kTable && cp_count(b.text) <= 40) return b.text;
    }
    return {};
  };
  auto add_table = [&](Table t, int line) {
    flush();
    if (t.rows.empty()) return;
    Block b;
    b.kind = BlockKind::kTable;
    b.line = line;
    b.text = last_caption();
    b.table = std::move(t);
    doc.blocks.push_back(std::move(b));
  };

  for (size_t k = 0; k < lines.size(); ++k) {
    std::string_view raw = lines[k].text;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view t = trim(raw);

    // 1. HTML tables, over as many lines as they take.
    if (size_t open = t.find("<table"); open != std::string_view::npos) {
      std::string html;
      size_t j = k;
      for (; j < lines.size(); ++j) {
        html.append(lines[j].text);
        html += '\n';
        if (lines[j].text.find("</table>") != std::string_view::npos) break;
      }
      const size_t start = html.find("<table");
      const size_t stop = html.find("</table>");
      std::string before(trim(std::string_view(html).substr(0, start)));
      if (!before.empty()) {
        flush();
        para = before;
        para_line = lines[k].number;
        flush();
      }
      add_table(doc::parse_html_table(std::string_view(html).substr(start, stop == std::string::npos ? html.npos : stop - start)),
                lines[k].number);
      if (stop != std::string::npos) {
        std::string after(trim(std::string_view(html).substr(stop + 8)));
        if (!after.empty()) {
          para = after;
          para_line = lines[j < lines.size() ? j : k].number;
          flush();
        }
      }
      k = std::min(j, lines.size() - 1);
      continue;
    }
    // 2. Furniture.
    if (is_furniture(raw, shape_counts)) continue;
    // 3. Blank lines end a paragraph.
    if (t.empty()) {
      flush();
      continue;
    }
    // Pipe tables.
    if (doc::is_pipe_row(t)) {
      Table tab;
      const int first = lines[k].number;
      size_t j = k;
      for (; j < lines.size(); ++j) {
        std::string_view r = trim(lines[j].text);
        if (!r.empty() && r.back() == '\r') r.remove_suffix(1);
        if (!doc::is_pipe_row(r)) break;
        auto cells = doc::split_pipe_row(r);
        if (!doc::is_pipe_separator(cells)) tab.rows.push_back(std::move(cells));
      }
      if (tab.rows.size() >= 2) {
        add_table(std::move(tab), first);
        k = j - 1;
        continue;
      }
    }
    // Space-aligned text tables: two or more lines of two or more columns, numbers below
    // the first line.
    if (std::vector<std::string> head = doc::split_aligned(raw); head.size() >= 2 && !bullet_at(t) && t[0] != '#') {
      Table tab;
      tab.rows.push_back(head);
      size_t j = k + 1, numeric_rows = 0;
      for (; j < lines.size(); ++j) {
        if (is_furniture(lines[j].text, shape_counts)) continue;
        auto cells = doc::split_aligned(lines[j].text);
        if (cells.size() < 2 || cells.size() > head.size() + 1) break;
        if (doc::count_numbers(cells) * 2 >= cells.size() - 1 && doc::count_numbers(cells) > 0) ++numeric_rows;
        tab.rows.push_back(std::move(cells));
      }
      if (tab.rows.size() >= 2 && numeric_rows + 1 >= tab.rows.size()) {
        add_table(std::move(tab), lines[k].number);
        k = j - 1;
        continue;
      }
    }
    // Headings.
    std::string_view htext;
    if (int level = heading_level(t, htext)) {
      flush();
      if (reads_as_heading(htext)) {
        para_kind = BlockKind::kHeading;
        para_level = level;
        para = std::string(htext);
        para_line = lines[k].number;
        flush();
      } else {
        para = std::string(htext);
        para_line = lines[k].number;
        last_line = htext;
      }
      continue;
    }
    if (is_bracket_label(t)) {
      flush();
      para_kind = BlockKind::kHeading;
      para_level = 2;
      para = std::string(t);
      para_line = lines[k].number;
      flush();
      continue;
    }
    // Quotes read as their text.
    if (t.front() == '>') t = trim(t.substr(1));
    // Items.
    if (size_t b = bullet_at(t)) {
      flush();
      para_kind = BlockKind::kItem;
      para_level = 1;
      para = std::string(trim(t.substr(b)));
      para_line = lines[k].number;
      last_line = t;
      continue;
    }
    // Running text: continues the paragraph (or item) being joined when the line before was
    // cut at the page width, mid-sentence. A line that ends a sentence, or a short one (a
    // label, a date), keeps its own block, as the writer laid it out.
    // A line cut at the page width right after a list entry's semicolon goes on too
    // ("…低轨卫星；" then "比亚迪发布…"): when the paragraph already shows that width (two
    // lines or more, this one as long as the longest) and the next line opens no entry. A
    // writer's entries one per line stand alone or end short of the width.
    // The same after a colon ("…跌幅前五的个股为：" then "德捷股份（-5.15%）…") only where the
    // whole body shows the width it was cut at.
    const bool measured = para_line != 0 && para_kind == BlockKind::kParagraph && width_of == para_line;
    const size_t last_n = cp_count(last_line);
    const bool at_width = width > 0 && last_n + 2 >= width;
    const bool cut_after_entry =
        para_line != 0 && para_kind == BlockKind::kParagraph && last_n >= 20 && !opens_entry(t) && !opens_label(t) &&
        ((last_char(para) == U';' && (at_width || (measured && lines_in_para >= 2 && last_n + 1 >= widest))) ||
         (last_char(para) == U':' && at_width));
    if (para_line != 0 && (cut_after_entry || wrapped_into(para, last_line, t, para_kind == BlockKind::kItem))) {
      join_wrapped(para, t);
      if (measured) {
        ++lines_in_para;
        widest = std::max(widest, cp_count(t));
      }
    } else {
      flush();
      para = std::string(t);
      para_line = lines[k].number;
      width_of = para_line;
      lines_in_para = 1;
      widest = cp_count(t);
    }
    last_line = t;
  }
  flush();
  return doc;
}

std::string render_text(const Document& doc, std::vector<int>* line_of) {
  std::string out;
  if (line_of) line_of->clear();
  for (const Block& b : doc.blocks) {
    if (line_of && b.kind != BlockKind::kTable) line_of->insert(line_of->end(), {b.line, b.line});
    switch (b.kind) {
      case BlockKind::kTable:
        continue;
      case BlockKind::kHeading:
        out.append(static_cast<size_t>(std::max(1, b.level)), '#');
        out += ' ';
        break;
      case BlockKind::kItem:
        out += "- ";
        break;
      case BlockKind::kParagraph:
        break;
    }
    out += b.text;
    out += "\n\n";
  }
  return out;
}

}  // namespace yanbao
