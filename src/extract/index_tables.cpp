#include "extract/index_tables.h"

#include <optional>
#include <string>
#include <vector>

#include "extract/market_names.h"
#include "extract/scan.h"

namespace yanbao {
namespace {

using scan::contains;

enum class Role { kNone, kName, kClose, kChange };

/// What a header cell says its column (or row) holds.
Role role_of(std::string_view h) {
  if (h.empty()) return Role::kNone;
  if (contains(h, "涨跌") || contains(h, "涨幅") || contains(h, "跌幅") || contains(h, "变动") ||
      contains(h, "年初至今") || contains(h, "今年以来") || contains(h, "年初以来") || contains(h, "YTD") ||
      contains(h, "ytd"))
    return Role::kChange;
  if (contains(h, "收盘") || contains(h, "点位") || contains(h, "收市") || h == "最新" || h == "最新价" ||
      h == "点数")
    return Role::kClose;
  if (contains(h, "指数") || contains(h, "名称") || h == "板块" || h == "市场") return Role::kName;
  return Role::kNone;
}

/// The canonical name when the whole cell is one broad-market index (沪深 300, 上证指数, 恒生
/// 科技), else nothing: a table row of anything else (a stock, an industry) is not an index.
std::optional<std::string> index_in_cell(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  std::vector<market::IndexHit> hits;
  market::find_index_names(cell, hits);
  if (hits.size() != 1 || hits[0].begin != 0) return std::nullopt;
  std::string_view rest = cell.substr(hits[0].end);
  if (!rest.empty() && rest != "指数") return std::nullopt;
  std::string name = market::canonical_index_name(cell);
  if (market::is_industry_name(name) || market::is_industry_name(cell)) return std::nullopt;
  return name;
}

/// The report's own rhythm, for a change column whose header names no period.
std::string default_period(const ExtractContext& ctx, std::string_view caption) {
  if (contains(caption, "昨日") || contains(caption, "日涨跌")) return "day";
  if (contains(caption, "本周") || contains(caption, "周涨跌")) return "week";
  if (contains(caption, "本月") || contains(caption, "月涨跌")) return "month";
  const std::string& t = ctx.title;
  for (std::string_view w : {"晨会", "晨报", "早报", "晨讯", "晨间", "早间", "日报", "晨参", "精粹", "每日"})
    if (contains(t, w)) return "day";
  if (contains(t, "周报") || contains(t, "周观点") || contains(t, "周评")) return "week";
  if (contains(t, "月报") || contains(t, "月度")) return "month";
  return "";
}

struct Column {
  size_t index;
  Role role;
  std::string period;  // for kChange
};

bool same_row_exists(const std::vector<IndexMove>& rows, const std::string& name, const std::string& period) {
  for (const IndexMove& m : rows)
    if (m.name == name && m.period == period) return true;
  return false;
}

}  // namespace

std::string period_of_header(std::string_view header, std::string_view caption, std::string_view fallback,
                             std::string_view report_date) {
  if (contains(header, "年初至今") || contains(header, "今年以来") || contains(header, "年初以来") ||
      contains(header, "YTD") || contains(header, "ytd") || contains(header, "本年")) {
    if (report_date.size() < 4) return "";
    return "since:" + std::string(report_date.substr(0, 4)) + "-01-01";
  }
  if (contains(header, "日") || contains(header, "昨")) return "day";
  if (contains(header, "周")) return "week";
  if (contains(header, "月")) return "month";
  (void)caption;
  return std::string(fallback);
}

void extract_index_tables(const Document& doc, const ExtractContext& ctx, Extraction& out) {
  std::vector<IndexMove> found;
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::kTable || b.table.rows.size() < 2) continue;
    const auto& rows = b.table.rows;
    const std::string fallback = default_period(ctx, b.text);
    // Orientation: the header row names the roles (indices down the first column), or the
    // first column does (indices across the first row).
    auto roles_in = [&](auto cell_at, size_t n) {
      std::vector<Column> cols;
      for (size_t i = 1; i < n; ++i) {
        std::string_view h = cell_at(i);
        Role r = role_of(h);
        if (r == Role::kNone || r == Role::kName) continue;
        Column c{i, r, {}};
        if (r == Role::kChange) {
          c.period = period_of_header(h, b.text, fallback, ctx.report_date);
          if (c.period.empty()) continue;  // a move of an unknown period: not stored
        }
        cols.push_back(std::move(c));
      }
      return cols;
    };
    const auto& head = rows[0];
    std::vector<Column> by_column = roles_in([&](size_t i) { return std::string_view(head[i]); }, head.size());
    std::vector<Column> by_row =
        roles_in([&](size_t i) { return rows[i].empty() ? std::string_view() : std::string_view(rows[i][0]); },
                 rows.size());
    const bool transposed = by_column.empty() && !by_row.empty();
    const std::vector<Column>& cols = transposed ? by_row : by_column;
    if (cols.empty()) continue;
    const size_t entities = transposed ? head.size() : rows.size();
    for (size_t e = 1; e < entities; ++e) {
      auto cell = [&](size_t col) -> std::string_view {
        const auto& r = transposed ? rows[col] : rows[e];
        const size_t k = transposed ? e : col;
        return k < r.size() ? std::string_view(r[k]) : std::string_view();
      };
      const std::string_view raw = cell(0);
      auto name = index_in_cell(raw);
      if (!name) continue;
      std::optional<double> close;
      for (const Column& c : cols)
        if (c.role == Role::kClose) close = cell_number(cell(c.index));
      bool close_used = false;
      for (const Column& c : cols) {
        if (c.role != Role::kChange) continue;
        auto change = cell_number(cell(c.index));
        if (!change) continue;
        if (same_row_exists(out.indices, *name, c.period) || same_row_exists(found, *name, c.period)) continue;
        IndexMove m;
        m.name = *name;
        m.raw_name = std::string(raw);
        m.period = c.period;
        m.change_pct = change;
        // The close belongs to the table's own period, not to a move since January.
        if (!close_used && c.period.rfind("since:", 0) != 0) {
          m.close = close;
          close_used = true;
        }
        m.line = b.line;
        found.push_back(std::move(m));
      }
    }
  }
  for (auto& m : found) out.indices.push_back(std::move(m));
}

}  // namespace yanbao
