#include "extract/document.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

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

using scan::decode;

bool is_wide(char32_t c) {
  return scan::is_cjk(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || c == U'“' ||
         c == U'”' || c == U'‘' || c == U'’' || c == U'…' || c == U'—' || c == U'·';
}

bool is_blank(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0; }

std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t len;
    char32_t c = decode(s, b, &len);
    if (!is_blank(c) && c != U'\r' && c != U'\n') break;
    b += len;
  }
  while (e > b) {
    size_t p = scan::prev(s, e);
    char32_t c = decode(s, p);
    if (!is_blank(c) && c != U'\r' && c != U'\n') break;
    e = p;
  }
  return s.substr(b, e - b);
}

size_t cp_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    decode(s, i, &len);
    i += len ? len : 1;
    ++n;
  }
  return n;
}

void append_cp(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// --- LaTeX -------------------------------------------------------------------------------

/// The plain text of one math span's inside: \% → %, \text{x} → x, braces and spacing
/// commands dropped, a few operators spelled out. Blanks are dropped: inside math they only
/// separate tokens ($-0.09\% / +13.63\%$ → -0.09%/+13.63%).
std::string latex_to_text(std::string_view m) {
  static const std::pair<std::string_view, std::string_view> kCommands[] = {
      {"\\times", "×"}, {"\\sim", "~"}, {"\\cdot", "·"}, {"\\approx", "≈"}, {"\\pm", "±"},
      {"\\leq", "≤"},   {"\\geq", "≥"}, {"\\le", "≤"},   {"\\ge", "≥"},     {"\\%", "%"},
      {"\\$", "$"},     {"\\,", ""},    {"\\;", ""},     {"\\!", ""},       {"\\ ", ""},
  };
  std::string out;
  for (size_t i = 0; i < m.size();) {
    char c = m[i];
    if (c == '\\') {
      bool done = false;
      for (auto [cmd, text] : kCommands)
        if (scan::at(m, i, cmd)) {
          out += text;
          i += cmd.size();
          done = true;
          break;
        }
      if (done) continue;
      // \text, \mathrm, \textbf, \left, \right …: the command goes, its argument stays.
      size_t j = i + 1;
      while (j < m.size() && std::isalpha(static_cast<unsigned char>(m[j]))) ++j;
      i = j == i + 1 ? i + 2 : j;
      continue;
    }
    if (c == '{' || c == '}' || c == ' ' || c == '\t' || c == '~') {
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

/// Replaces $…$ and $$…$$ spans whose inside looks like math (a digit, a backslash or a
/// sign); a lone '$' (US$5) is kept as written.
std::string strip_latex(std::string_view s) {
  if (s.find('$') == std::string_view::npos) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find('$', i);
    if (open == std::string_view::npos) break;
    const bool dbl = open + 1 < s.size() && s[open + 1] == '$';
    const size_t body = open + (dbl ? 2 : 1);
    size_t close = s.find(dbl ? "$$" : "$", body);
    if (close == std::string_view::npos || close - body > 200) break;
    std::string_view inner = s.substr(body, close - body);
    // Math that numbers are written in is ASCII; a span with Chinese in it is two prices
    // (US$5与US$6), not math.
    const bool mathy = inner.find_first_of("0123456789\\") != std::string_view::npos &&
                       std::none_of(inner.begin(), inner.end(), [](char c) { return (c & 0x80) != 0; });
    if (!mathy) {
      out.append(s.substr(i, body - i));
      i = body;
      continue;
    }
    out.append(s.substr(i, open - i));
    out += latex_to_text(inner);
    i = close + (dbl ? 2 : 1);
  }
  out.append(s.substr(i));
  return out;
}

// --- spaces ------------------------------------------------------------------------------

bool is_ascii_word(char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); }

/// A run of 7 or more digits and dashes with at least one dash, or 8 or more digits: a
/// phone or fax number, never a quantity with a CJK unit.
bool looks_like_phone(std::string_view s) {
  size_t n = 0, dashes = 0;
  for (; n < s.size() && (std::isdigit(static_cast<unsigned char>(s[n])) || s[n] == '-'); ++n) dashes += s[n] == '-';
  return (n >= 7 && dashes > 0 && std::isdigit(static_cast<unsigned char>(s[0]))) || (n >= 8 && dashes == 0);
}

}  // namespace

std::string repair_inline(std::string_view text) {
  std::string s = strip_latex(text);
  std::string out;
  out.reserve(s.size());
  char32_t prev = 0;  // the last code point written (folded), 0 at the start
  std::string_view v = s;
  for (size_t i = 0; i < v.size();) {
    size_t len;
    char32_t c = decode(v, i, &len);
    if (len == 0) break;
    // Full-width digits and ％ read as their ASCII forms: numbers are parsed from them.
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + U'0';
    if (c == 0xFF05) c = U'%';
    if (is_blank(c)) {
      // A run of blanks: dropped when a wide character stands on either side, since Chinese
      // puts no space between words; kept (as one space) between two ASCII words.
      size_t j = i;
      while (j < v.size()) {
        size_t l2;
        char32_t d = decode(v, j, &l2);
        if (!is_blank(d)) break;
        j += l2;
      }
      char32_t next = j < v.size() ? decode(v, j) : 0;
      if (next >= 0xFF10 && next <= 0xFF19) next = next - 0xFF10 + U'0';
      bool keep = prev != 0 && next != 0 && !is_wide(prev) && !is_wide(next) &&
                  !(prev == U'(' || next == U')' || (next == U'%' && is_ascii_word(prev)));
      // A phone number after a name (刘博文 021-60870000) keeps its blank: gluing it would
      // make the digits part of the name's token.
      if (!keep && prev != 0 && looks_like_phone(v.substr(j))) keep = true;
      if (keep) out += ' ';
      i = j;
      continue;
    }
    append_cp(out, c);
    prev = c;
    i += len;
  }
  return out;
}

namespace {

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
  if (is_contents_line(t)) return true;
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

// --- tables ------------------------------------------------------------------------------

std::string decode_entities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      static const std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
      bool hit = false;
      for (auto [e, t] : kEntities)
        if (scan::at(s, i, e)) {
          out += t;
          i += e.size();
          hit = true;
          break;
        }
      if (hit) continue;
    }
    out += s[i++];
  }
  return out;
}

/// Lower-cased ASCII compare of a tag name at s[i] ('<' already consumed).
bool tag_is(std::string_view s, size_t i, std::string_view name) {
  if (i + name.size() > s.size()) return false;
  for (size_t k = 0; k < name.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != name[k]) return false;
  const size_t e = i + name.size();
  return e == s.size() || s[e] == '>' || s[e] == ' ' || s[e] == '/' || s[e] == '\t' || s[e] == '\n';
}

/// The integer value of attribute `name` in a tag's text ("td colspan=\"3\""), or 1.
int span_attr(std::string_view tag, std::string_view name) {
  size_t p = tag.find(name);
  if (p == std::string_view::npos) return 1;
  p += name.size();
  while (p < tag.size() && (tag[p] == '=' || tag[p] == '"' || tag[p] == '\'' || tag[p] == ' ')) ++p;
  int v = 0;
  while (p < tag.size() && std::isdigit(static_cast<unsigned char>(tag[p])) && v < 100) v = v * 10 + (tag[p++] - '0');
  return v >= 1 ? v : 1;
}

/// Cells of an HTML table: <tr> opens a row, <td>/<th> a cell; other tags (<br>, <p>, <b>)
/// are dropped from the cell text, <br> as a space. A cell spanning several columns or rows
/// is repeated in each, so every row lines up with the header ("EPS（元）" over 2025E…).
Table parse_html_table(std::string_view html) {
  Table t;
  std::string cell;
  bool in_cell = false;
  int colspan = 1, rowspan = 1;
  struct Pending {
    int rows_left;
    std::string text;
  };
  std::map<size_t, Pending> spans;  // column → a cell from a row above that still covers it
  auto fill_spans = [&] {
    // Columns covered from above, at the current end of the row.
    for (auto it = spans.find(t.rows.back().size()); it != spans.end(); it = spans.find(t.rows.back().size())) {
      t.rows.back().push_back(it->second.text);
      if (--it->second.rows_left == 0) spans.erase(it);
    }
  };
  auto close_cell = [&] {
    if (!in_cell) return;
    if (t.rows.empty()) t.rows.emplace_back();
    fill_spans();
    std::string text = repair_inline(trim(decode_entities(cell)));
    for (int c = 0; c < colspan; ++c) {
      if (rowspan > 1) spans[t.rows.back().size()] = {rowspan - 1, text};
      t.rows.back().push_back(text);
    }
    cell.clear();
    in_cell = false;
  };
  auto close_row = [&] {
    if (!t.rows.empty()) fill_spans();
  };
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      if (in_cell) cell += html[i] == '\n' ? ' ' : html[i];
      ++i;
      continue;
    }
    size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    const size_t name = i + (closing ? 2 : 1);
    if (tag_is(html, name, "tr")) {
      close_cell();
      close_row();
      if (!closing) t.rows.emplace_back();
    } else if (tag_is(html, name, "td") || tag_is(html, name, "th")) {
      close_cell();
      if (!closing) {
        in_cell = true;
        std::string_view tag = html.substr(i, end - i);
        colspan = span_attr(tag, "colspan");
        rowspan = span_attr(tag, "rowspan");
      }
    } else if (tag_is(html, name, "br") && in_cell) {
      cell += ' ';
    }
    i = end + 1;
  }
  close_cell();
  close_row();
  std::erase_if(t.rows, [](const auto& r) { return r.empty(); });
  return t;
}

bool is_pipe_row(std::string_view t) { return t.size() >= 3 && t.front() == '|' && t.find('|', 1) != t.npos; }

bool is_pipe_separator(const std::vector<std::string>& cells) {
  if (cells.empty()) return false;
  for (const auto& c : cells) {
    if (c.empty()) return false;
    for (char ch : c)
      if (ch != '-' && ch != ':' && ch != ' ') return false;
  }
  return true;
}

std::vector<std::string> split_pipe_row(std::string_view t) {
  std::vector<std::string> cells;
  if (!t.empty() && t.front() == '|') t.remove_prefix(1);
  if (!t.empty() && t.back() == '|') t.remove_suffix(1);
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || (t[i] == '|' && (i == 0 || t[i - 1] != '\\'))) {
      cells.push_back(repair_inline(trim(t.substr(start, i - start))));
      start = i + 1;
    }
  }
  return cells;
}

/// Cells of a line laid out in columns with runs of two or more blanks (or a tab).
std::vector<std::string> split_aligned(std::string_view line) {
  std::vector<std::string> cells;
  std::string_view t = trim(line);
  size_t start = 0;
  for (size_t i = 0; i < t.size();) {
    size_t len;
    char32_t c = decode(t, i, &len);
    if (c == U'\t' || c == 0x3000 || (c == U' ' && i + 1 < t.size() && (t[i + 1] == ' ' || t[i + 1] == '\t'))) {
      if (i > start) cells.emplace_back(repair_inline(t.substr(start, i - start)));
      size_t j = i;
      while (j < t.size()) {
        size_t l2;
        char32_t d = decode(t, j, &l2);
        if (!is_blank(d)) break;
        j += l2;
      }
      i = start = j;
      continue;
    }
    i += len;
  }
  if (start < t.size()) cells.emplace_back(repair_inline(t.substr(start)));
  return cells;
}

size_t count_numbers(const std::vector<std::string>& cells) {
  return static_cast<size_t>(std::count_if(cells.begin(), cells.end(), [](const std::string& c) {
    return cell_number(c).has_value();
  }));
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

/// A line that ends a sentence (or a list entry): the next line starts afresh.
bool ends_sentence(std::string_view t) {
  if (t.empty()) return true;
  size_t p = scan::prev(t, t.size());
  char32_t c = scan::fold(decode(t, p));
  return c == U'。' || c == U'!' || c == U'?' || c == U';' || c == U':' || c == U'…' || c == U'”' ||
         c == U'】';
}

bool ends_full_stop(std::string_view t) {
  if (t.empty()) return true;
  char32_t c = scan::fold(decode(t, scan::prev(t, t.size())));
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

}  // namespace

std::optional<double> cell_number(std::string_view cell) {
  std::string s = repair_inline(cell);
  std::string_view v = trim(s);
  // Brackets around the whole value: （2.3%）, (+1.2).
  if (scan::at(v, 0, "（") && scan::ends_at(v, v.size(), "）")) v = trim(v.substr(3, v.size() - 6));
  if (!v.empty() && v.front() == '(' && v.back() == ')') v = trim(v.substr(1, v.size() - 2));
  if (scan::ends_at(v, v.size(), "%")) v = trim(v.substr(0, v.size() - 1));
  size_t end = 0;
  auto n = scan::leading_decimal(v, &end);
  if (!n || end != v.size()) return std::nullopt;
  return n;
}

bool cell_is_percent(std::string_view cell) {
  return scan::contains(cell, "%") || scan::contains(cell, "％");
}

Document parse_document(std::string_view body) {
  Document doc;
  // Lines, with HTML tables cut out as whole blocks.
  const std::vector<Line> lines = scan::numbered_lines(body);
  std::map<std::string, int> shape_counts;
  for (const Line& l : lines) {
    std::string_view t = trim(l.text);
    if (!t.empty() && t.find(' ') != std::string_view::npos) ++shape_counts[digit_shape(t)];
  }

  std::string para;       // the paragraph being joined
  std::string_view last_line;  // its last physical line
  int para_line = 0;      // its first line
  BlockKind para_kind = BlockKind::kParagraph;
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
      add_table(parse_html_table(std::string_view(html).substr(start, stop == std::string::npos ? html.npos : stop - start)),
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
    if (is_pipe_row(t)) {
      Table tab;
      const int first = lines[k].number;
      size_t j = k;
      for (; j < lines.size(); ++j) {
        std::string_view r = trim(lines[j].text);
        if (!r.empty() && r.back() == '\r') r.remove_suffix(1);
        if (!is_pipe_row(r)) break;
        auto cells = split_pipe_row(r);
        if (!is_pipe_separator(cells)) tab.rows.push_back(std::move(cells));
      }
      if (tab.rows.size() >= 2) {
        add_table(std::move(tab), first);
        k = j - 1;
        continue;
      }
    }
    // Space-aligned text tables: two or more lines of two or more columns, numbers below
    // the first line.
    if (std::vector<std::string> head = split_aligned(raw); head.size() >= 2 && !bullet_at(t) && t[0] != '#') {
      Table tab;
      tab.rows.push_back(head);
      size_t j = k + 1, numeric_rows = 0;
      for (; j < lines.size(); ++j) {
        if (is_furniture(lines[j].text, shape_counts)) continue;
        auto cells = split_aligned(lines[j].text);
        if (cells.size() < 2 || cells.size() > head.size() + 1) break;
        if (count_numbers(cells) * 2 >= cells.size() - 1 && count_numbers(cells) > 0) ++numeric_rows;
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
    if (para_line != 0 && wrapped_into(para, last_line, t, para_kind == BlockKind::kItem)) {
      join_wrapped(para, t);
    } else {
      flush();
      para = std::string(t);
      para_line = lines[k].number;
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
