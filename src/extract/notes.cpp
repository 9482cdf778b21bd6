#include "extract/notes.h"

#include <string>
#include <vector>

#include "extract/analysts.h"
#include "extract/document.h"
#include "extract/forecasts.h"
#include "extract/ratings.h"
#include "extract/report_kind.h"
#include "extract/scan.h"
#include "extract/sector_rankings.h"

namespace yanbao {
namespace {

using scan::contains;

bool starts_with(std::string_view s, std::string_view t) { return scan::at(s, 0, t); }

/// A paragraph (hard-wrapped lines joined) or a table, with the body line it starts on.
/// TODO(document model): parse_document() gives these once it lands on main; until then a
/// small reader of HTML and pipe tables and of paragraphs stands in.
struct Piece {
  bool is_table = false;
  int line = 0;
  std::string text;     ///< a paragraph's text; a table's caption (the line above it)
  Table table;
};

std::string strip_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  std::string_view t = scan::trim(out);
  return std::string(t);
}

int attr_int(std::string_view tag, std::string_view name) {
  size_t p = tag.find(name);
  if (p == std::string_view::npos) return 1;
  p += name.size();
  while (p < tag.size() && (tag[p] == '=' || tag[p] == '"' || tag[p] == '\'')) ++p;
  int v = 0;
  while (p < tag.size() && tag[p] >= '0' && tag[p] <= '9') v = v * 10 + (tag[p++] - '0');
  return v > 0 && v < 50 ? v : 1;
}

/// An HTML table's rows; colspan repeats a cell, rowspan carries it down.
Table html_table(std::string_view html) {
  Table t;
  std::vector<std::pair<int, std::string>> carry;  // per column: rows left, text
  for (size_t tr = html.find("<tr"); tr != std::string_view::npos; tr = html.find("<tr", tr + 1)) {
    size_t tr_end = html.find("</tr>", tr);
    if (tr_end == std::string_view::npos) tr_end = html.size();
    std::string_view row_html = html.substr(tr, tr_end - tr);
    std::vector<std::string> row;
    auto fill_carry = [&]() {
      while (row.size() < carry.size() && carry[row.size()].first > 0) {
        carry[row.size()].first--;
        row.push_back(carry[row.size()].second);
      }
    };
    for (size_t td = 0;;) {
      size_t a = row_html.find("<td", td), b = row_html.find("<th", td);
      size_t open = std::min(a, b);
      if (open == std::string_view::npos) break;
      size_t tag_end = row_html.find('>', open);
      if (tag_end == std::string_view::npos) break;
      std::string_view tag = row_html.substr(open, tag_end - open);
      size_t close = std::min(row_html.find("</td>", tag_end), row_html.find("</th>", tag_end));
      if (close == std::string_view::npos) close = row_html.size();
      std::string text = strip_tags(row_html.substr(tag_end + 1, close - tag_end - 1));
      int colspan = attr_int(tag, "colspan"), rowspan = attr_int(tag, "rowspan");
      for (int k = 0; k < colspan; ++k) {
        fill_carry();
        size_t col = row.size();
        row.push_back(text);
        if (carry.size() <= col) carry.resize(col + 1, {0, {}});
        if (rowspan > 1) carry[col] = {rowspan - 1, text};
      }
      td = close;
    }
    fill_carry();
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<std::string> pipe_cells(std::string_view line) {
  std::vector<std::string> cells;
  std::string_view s = scan::trim(line);
  if (starts_with(s, "|")) s.remove_prefix(1);
  if (!s.empty() && s.back() == '|') s.remove_suffix(1);
  size_t i = 0;
  while (i <= s.size()) {
    size_t e = s.find('|', i);
    if (e == std::string_view::npos) e = s.size();
    cells.emplace_back(scan::trim(s.substr(i, e - i)));
    i = e + 1;
  }
  return cells;
}

bool is_rule_row(const std::vector<std::string>& cells) {
  for (const auto& c : cells)
    for (char ch : c)
      if (ch != '-' && ch != ':' && ch != ' ') return false;
  return true;
}

std::vector<Piece> pieces_of(std::string_view body) {
  std::vector<Piece> out;
  std::vector<std::pair<std::string_view, int>> lines;
  int n = 0;
  for (size_t i = 0; i <= body.size();) {
    size_t e = body.find('\n', i);
    if (e == std::string_view::npos) e = body.size();
    lines.push_back({body.substr(i, e - i), ++n});
    i = e + 1;
  }
  std::string last_line;  // the last non-empty text line: a table's caption
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = scan::trim(lines[i].first);
    if (t.empty()) continue;
    if (starts_with(t, "<table")) {
      std::string html(t);
      size_t j = i;
      while (html.find("</table>") == std::string::npos && j + 1 < lines.size()) html += lines[++j].first;
      Piece p{true, lines[i].second, last_line, html_table(html)};
      out.push_back(std::move(p));
      i = j;
      continue;
    }
    if (starts_with(t, "|")) {
      Piece p{true, lines[i].second, last_line, {}};
      size_t j = i;
      for (; j < lines.size() && starts_with(scan::trim(lines[j].first), "|"); ++j) {
        auto cells = pipe_cells(lines[j].first);
        if (!is_rule_row(cells)) p.table.rows.push_back(std::move(cells));
      }
      out.push_back(std::move(p));
      i = j - 1;
      continue;
    }
    // A paragraph: this line and the next ones that continue it (no blank line, no heading,
    // no table between).
    Piece p{false, lines[i].second, std::string(t), {}};
    size_t j = i + 1;
    bool heading = starts_with(t, "#");
    while (!heading && j < lines.size()) {
      std::string_view u = scan::trim(lines[j].first);
      if (u.empty() || starts_with(u, "#") || starts_with(u, "<table") || starts_with(u, "|")) break;
      p.text += std::string(u);
      ++j;
    }
    last_line = p.text;
    out.push_back(std::move(p));
    i = j - 1;
  }
  return out;
}

}  // namespace

void extract_notes(std::string_view body, const ExtractContext& ctx, Extraction& out) {
  out.kind = classify_report(ctx.title, body);
  out.analysts = extract_analysts(body);
  auto pieces = pieces_of(body);
  std::vector<Table> tables;
  for (const auto& p : pieces)
    if (p.is_table) tables.push_back(p.table);
  out.ratings = extract_ratings(body, ctx, out.kind, tables);

  const std::string year = ctx.report_date.size() >= 4 ? ctx.report_date.substr(0, 4) : std::string();
  const int report_year = year.empty() ? 0 : std::atoi(year.c_str());

  // Forecasts: a company note's table about the company of its title, else its sentences.
  if (out.kind == "company") {
    std::optional<StockRef> company = leading_stock(ctx.title);
    if (company) {
      for (const auto& p : pieces) {
        if (!p.is_table) continue;
        auto rows = extract_forecasts(p.table, *company, report_year, p.text, p.line);
        for (auto& r : rows) {
          bool dup = false;
          for (const auto& o : out.forecasts)
            if (o.year == r.year && o.metric == r.metric) dup = true;
          if (!dup) out.forecasts.push_back(std::move(r));
        }
      }
      if (out.forecasts.empty()) {
        for (const auto& p : pieces) {
          if (p.is_table) continue;
          scan::split(p.text, U"。；;", [&](std::string_view sentence) {
            if (!out.forecasts.empty()) return;
            out.forecasts = sentence_forecasts(sentence, *company, p.line);
          });
          if (!out.forecasts.empty()) break;
        }
      }
    }
  }

  // Sector rankings. The default period: a morning note's rankings are of the previous day;
  // a weekly's of its week; a monthly's of its month.
  SectorContext sctx;
  sctx.report_year = year;
  if (out.kind == "morning") sctx.period = "day";
  else if (contains(ctx.title, "周报") || contains(ctx.title, "周评") || contains(ctx.title, "周观察")) sctx.period = "week";
  else if (contains(ctx.title, "月报")) sctx.period = "month";
  for (const auto& p : pieces) {
    auto rows = p.is_table ? table_sectors(p.table, p.text, sctx, p.line) : paragraph_sectors(p.text, sctx, p.line);
    for (auto& r : rows) out.sectors.push_back(std::move(r));
  }
}

}  // namespace yanbao
