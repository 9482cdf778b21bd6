// The markdown format: a pipe table, numeric columns (by the sampled rows) right-aligned.
#include <ostream>

#include "query/output_text.h"
#include "query/sampled_printer.h"

namespace yanbao {
namespace {

using namespace output_text;

/// Appends a markdown table cell: | and \ escaped, line breaks as <br> (CRLF as one), TAB as
/// a space.
void append_markdown_cell(std::string& out, std::string_view raw) {
  append_escaped(out, raw, [](std::string_view s, size_t i) -> std::optional<std::string_view> {
    switch (s[i]) {
      case '|': return "\\|";
      case '\\': return "\\\\";
      case '\r': return i + 1 < s.size() && s[i + 1] == '\n' ? "" : "<br>";  // the LF makes the break
      case '\n': return "<br>";
      case '\t': return " ";
      default: return std::nullopt;
    }
  });
}

class MarkdownPrinter final : public SampledPrinter {
 public:
  using SampledPrinter::SampledPrinter;

 private:
  /// The header and its alignment row (from the sampled rows), then the sampled rows.
  void lay_out(const std::vector<std::vector<Value>>& sample) override {
    std::string& buf = buf_.text;
    if (ctx_.opt.header) {
      buf += '|';
      for (const auto& c : columns_) {
        buf += ' ';
        append_markdown_cell(buf, c);
        buf += " |";
      }
      buf += "\n|";
      for (size_t c = 0; c < columns_.size(); ++c) {
        bool numeric = !sample.empty();
        bool any = false;
        for (const auto& row : sample) {
          if (c >= row.size() || std::holds_alternative<std::monostate>(row[c])) continue;
          any = true;
          if (!is_number(row[c])) numeric = false;
        }
        buf += (numeric && any) ? " ---: |" : " --- |";
      }
      buf += '\n';
    }
    for (const auto& row : sample) print_row(row);
  }

  void print_row(const std::vector<Value>& row) override {
    std::string& buf = buf_.text;
    buf += '|';
    for (size_t c = 0; c < columns_.size(); ++c) {
      buf += ' ';
      append_markdown_cell(buf, value_view(cell(row, c), scratch_));
      buf += " |";
    }
    buf += '\n';
    buf_.maybe_flush();
  }

  std::string scratch_;
};

}  // namespace

std::unique_ptr<RowPrinter> make_markdown_printer(const PrinterContext& ctx) { return std::make_unique<MarkdownPrinter>(ctx); }

}  // namespace yanbao
