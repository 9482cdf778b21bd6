// The tables of a document: HTML <table> markup, Markdown pipe tables, space-aligned text.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "extract/document.h"
#include "extract/document_parts.h"
#include "extract/scan.h"

namespace yanbao::doc {
namespace {

using scan::decode;
using scan::trim;

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

}  // namespace

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
        if (!scan::is_space(d)) break;
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

}  // namespace yanbao::doc
