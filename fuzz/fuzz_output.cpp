// libFuzzer target: the table/csv/tsv/json/jsonl/markdown writers on arbitrary cell text
// (invalid UTF-8, wide characters, control bytes, huge widths).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "query/output.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  using yanbao::Format;
  const Format formats[] = {Format::table, Format::csv, Format::tsv, Format::json, Format::jsonl, Format::markdown};
  yanbao::OutputOptions opt;
  opt.format = formats[data[0] % 6];
  opt.header = data[1] & 1;
  opt.max_width = 4 + (data[1] >> 1);
  std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
  // Cells are the input split on '\x1f'; rows on '\x1e'; a cell starting with '#' is a number.
  yanbao::ResultSet rs;
  rs.columns = {"名称", "code", "value"};
  std::vector<yanbao::Value> row;
  std::string cell;
  auto flush_cell = [&] {
    if (cell == "null") row.emplace_back(std::monostate{});
    else if (!cell.empty() && cell[0] == '#') row.emplace_back(static_cast<double>(cell.size()) / 3.0);
    else if (!cell.empty() && cell[0] == '!') row.emplace_back(static_cast<std::int64_t>(cell.size()) * -7);
    else row.emplace_back(cell);
    cell.clear();
  };
  auto flush_row = [&] {
    flush_cell();
    row.resize(rs.columns.size());
    rs.rows.push_back(std::move(row));
    row.clear();
  };
  for (char c : text) {
    if (c == '\x1f') flush_cell();
    else if (c == '\x1e') flush_row();
    else cell += c;
  }
  flush_row();
  std::ostringstream out, err;
  yanbao::write_result(out, err, rs, opt);
  return 0;
}
