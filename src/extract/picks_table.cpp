#include "extract/picks_clause.h"

#include "extract/codes.h"

namespace yanbao::lists {

/// Table rows under a picks heading: "| 贵州茅台 | 600519.SH | 买入 |".
void table_row(std::string_view row, PickCtx& ctx, PickSink& sink) {
  row = trim(row);
  if (starts_with(row, "|")) row.remove_prefix(1);
  if (ends_with(row, "|")) row.remove_suffix(1);
  std::vector<std::string_view> cells;  // empty cells kept, so columns keep their index
  size_t start = 0;
  for (size_t i = 0; i <= row.size(); ++i) {
    if (i == row.size() || row[i] == '|') {
      cells.push_back(trim(row.substr(start, i - start)));
      start = i + 1;
    }
  }
  std::optional<std::string> code;
  size_t code_cell = cells.size();
  for (size_t i = 0; i < cells.size() && !code; ++i)
    if (!cells[i].empty() && (code = normalize_code(cells[i]))) code_cell = i;
  if (!code) {
    // A header row: "| 行业 | 代码 | 名称 |" says which column holds the name.
    for (size_t i = 0; i < cells.size(); ++i)
      if (contains(cells[i], "名称") || contains(cells[i], "简称")) ctx.name_col = static_cast<int>(i);
    return;
  }
  std::string_view kind = ctx.kind.empty() ? "recommend" : std::string_view(ctx.kind);
  auto name_at = [&](size_t i, bool lax) -> std::optional<std::string_view> {
    if (i >= cells.size() || i == code_cell) return std::nullopt;
    auto name = strip_wrappers(cells[i]);
    if (name.empty() || is_industry_word(name)) return std::nullopt;  // an 行业 column: 电子, 有色金属
    if (is_stock_name(name, false, false) || (lax && is_stock_name(name, true, false))) return name;
    return std::nullopt;
  };
  std::optional<std::string_view> name;
  if (ctx.name_col >= 0) {
    name = name_at(static_cast<size_t>(ctx.name_col), true);
  } else {
    // The name stands next to its code; any other cell only when it reads as a name.
    name = name_at(code_cell + 1, false);
    if (!name && code_cell > 0) name = name_at(code_cell - 1, true);
    for (size_t i = 0; i < cells.size() && !name; ++i) name = name_at(i, false);
  }
  if (name) sink.add(ctx.theme, Stock{std::string(*name), code}, kind);
}

}  // namespace yanbao::lists
