// The table format: columns sized by the first rows (all of them when they fit in the
// sample), numbers right-aligned, cells cut with … at --max-width display columns.
#include <algorithm>
#include <ostream>

#include "query/output_text.h"
#include "query/sampled_printer.h"

namespace yanbao {
namespace {

using namespace output_text;

/// Display columns of the … that ends a cut cell and of the U+FFFD that stands for an
/// invalid byte (utf8proc_charwidth of each; a DisplayWidth spec pins them).
constexpr int kEllipsisWidth = 1;
constexpr int kReplacementWidth = 1;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

/// Appends `raw` as a table cell shows it and returns its display width: one line (CR, LF
/// and TAB shown as spaces, other controls dropped), invalid bytes as U+FFFD, and when that
/// is wider than `max_width` columns, the characters that fit in max_width - 1 and "…"
/// (truncate_to_width). One pass, which copies well-formed text in whole spans and stops
/// once the cell must be cut.
int append_table_cell(std::string& out, std::string_view raw, int max_width) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const std::ptrdiff_t n = std::ssize(raw);
  const bool may_cut = max_width > 0;
  const int room = max_width - 1;  // a cut cell keeps one column for …
  std::ptrdiff_t copied = 0;       // raw[copied, i) is shown as it is, not yet appended
  auto position_in_out = [&](std::ptrdiff_t i) { return out.size() + static_cast<size_t>(i - copied); };
  int width = 0;
  // Where the cell ends should it be wider than max_width: before the first character
  // that does not fit in `room` columns.
  size_t cut_at = std::string::npos;
  int width_at_cut = 0;
  auto add = [&](size_t at, int char_width) {
    if (may_cut && cut_at == std::string::npos && width + char_width > room) {
      cut_at = at;
      width_at_cut = width;
    }
    width += char_width;
  };
  // Byte i is shown as `shown` (empty: not at all), in `shown_width` columns.
  auto replace_byte = [&](std::ptrdiff_t i, std::string_view shown, int shown_width) {
    out.append(raw.data() + copied, static_cast<size_t>(i - copied));
    copied = i + 1;
    if (shown.empty()) return;
    add(out.size(), shown_width);
    out += shown;
  };
  for (std::ptrdiff_t i = 0; i < n && !(may_cut && width > max_width);) {  // once wider, the rest is cut off
    if (p[i] >= 0x20 && p[i] < 0x7F) {  // printable ASCII, a column a byte: a run at once
      std::ptrdiff_t end = i + 1;
      while (end < n && p[end] >= 0x20 && p[end] < 0x7F) ++end;
      const int run = static_cast<int>(end - i);
      if (may_cut && cut_at == std::string::npos && width + run > room) {
        cut_at = position_in_out(i) + static_cast<size_t>(room - width);
        width_at_cut = room;
      }
      width += run;
      i = end;
    } else if (p[i] < 0x80) {  // a control character
      const bool blank = p[i] == '\n' || p[i] == '\r' || p[i] == '\t';
      replace_byte(i, blank ? " " : "", 1);
      ++i;
    } else if (std::int32_t cp; const std::ptrdiff_t len = utf8::decode_char(p + i, n - i, cp)) {
      add(position_in_out(i), utf8::char_width(cp));
      i += len;
    } else {
      replace_byte(i, utf8::kReplacement, kReplacementWidth);
      ++i;
    }
  }
  if (!may_cut || width <= max_width) {
    out.append(raw.data() + copied, static_cast<size_t>(n - copied));
    return width;
  }
  if (cut_at > out.size())
    out.append(raw.data() + copied, cut_at - out.size());
  else
    out.resize(cut_at);
  out += kEllipsis;
  return width_at_cut + kEllipsisWidth;
}

/// Every cell of a table as shown, in one string: cell i is text[end[i-1], end[i]).
struct TableCells {
  std::string text;
  std::vector<size_t> end;
  std::vector<int> width;

  void add(std::string_view raw, int max_width) {
    width.push_back(append_table_cell(text, raw, max_width));
    end.push_back(text.size());
  }
  std::string_view cell(size_t i) const {
    const size_t begin = i == 0 ? 0 : end[i - 1];
    return std::string_view(text).substr(begin, end[i] - begin);
  }
};

class TablePrinter final : public SampledPrinter {
 public:
  using SampledPrinter::SampledPrinter;

  void begin(const std::vector<std::string>& columns) override {
    SampledPrinter::begin(columns);
    ncol_ = columns.size();
  }

 private:
  bool print_empty() override {
    ctx_.err << "(0 rows)\n";
    return true;
  }

  void print_row(const std::vector<Value>& row) override {
    one_.text.clear();
    one_.end.clear();
    one_.width.clear();
    for (size_t c = 0; c < ncol_; ++c) one_.add(value_view(cell(row, c), number_), ctx_.opt.max_width);
    append_line(0, one_);
  }

  /// Sizes the columns by the sampled rows and the header, and prints both.
  void lay_out(const std::vector<std::vector<Value>>& sample) override {
    numeric_.assign(ncol_, true);
    std::vector<bool> any_value(ncol_, false);
    // Row r's cells are r * ncol ..; the header's come last.
    TableCells cells;
    cells.end.reserve((sample.size() + 1) * ncol_);
    cells.width.reserve((sample.size() + 1) * ncol_);
    for (const auto& row : sample) {
      for (size_t c = 0; c < ncol_; ++c) {
        const Value& v = cell(row, c);
        if (!std::holds_alternative<std::monostate>(v)) {
          any_value[c] = true;
          if (!is_number(v)) numeric_[c] = false;
        }
        cells.add(value_view(v, number_), ctx_.opt.max_width);
      }
    }
    const size_t head = sample.size() * ncol_;
    for (const auto& name : columns_) cells.add(name, ctx_.opt.max_width);
    width_.assign(ncol_, 0);
    for (size_t c = 0; c < ncol_; ++c) {
      if (!any_value[c]) numeric_[c] = false;
      if (ctx_.opt.header) width_[c] = cells.width[head + c];
    }
    for (size_t i = 0; i < head; ++i) width_[i % ncol_] = std::max(width_[i % ncol_], cells.width[i]);
    if (ctx_.opt.header) {
      append_line(head, cells);
      for (size_t c = 0; c < ncol_; ++c) {
        if (c > 0) buf_.text.append(2, ' ');
        buf_.text.append(static_cast<size_t>(width_[c]), '-');
      }
      buf_.text += '\n';
    }
    for (size_t first = 0; first < head; first += ncol_) append_line(first, cells);
  }

  void append_line(size_t first, const TableCells& cells) {
    std::string& buf = buf_.text;
    const size_t line_start = buf.size();
    size_t blanks = 0;  // padding and separators owed before the next cell: none after the last
    for (size_t c = 0; c < ncol_; ++c) {
      // (a streamed cell wider than its column pushes the rest of its line only)
      const size_t gap = static_cast<size_t>(std::max(0, width_[c] - cells.width[first + c]));
      blanks += (c > 0 ? 2 : 0) + (numeric_[c] ? gap : 0);
      buf.append(blanks, ' ');
      buf += cells.cell(first + c);
      blanks = numeric_[c] ? 0 : gap;
    }
    size_t line_end = buf.size();  // no trailing blanks, the cells' own included
    while (line_end > line_start && buf[line_end - 1] == ' ') --line_end;
    buf.resize(line_end);
    buf += '\n';
    buf_.maybe_flush();
  }

  size_t ncol_ = 0;
  std::vector<bool> numeric_;
  std::vector<int> width_;
  TableCells one_;
  std::string number_;
};

}  // namespace

std::unique_ptr<RowPrinter> make_table_printer(const PrinterContext& ctx) { return std::make_unique<TablePrinter>(ctx); }

}  // namespace yanbao
