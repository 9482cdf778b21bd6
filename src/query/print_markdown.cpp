// The markdown format: a pipe table, numeric columns (by the sampled rows) right-aligned.
#include <ostream>

#include "query/output_text.h"
#include "query/printer.h"

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

class MarkdownPrinter final : public RowPrinter {
 public:
  explicit MarkdownPrinter(const PrinterContext& ctx) : ctx_(ctx), buf_(ctx.out) {}

  void begin(const std::vector<std::string>& columns) override { columns_ = columns; }

  void row(const std::vector<Value>& row) override {
    if (laid_out_) {
      append_row(row);
      return;
    }
    sample_.push_back(row);
    if (sample_.size() >= ctx_.sample) lay_out();
  }

  void finish() override {
    if (!laid_out_) lay_out();
    buf_.flush();
    ctx_.out.flush();
  }
  void flush() override {
    if (laid_out_) buf_.flush();
  }

 private:
  /// The header and its alignment row (from the sampled rows), then the sampled rows.
  void lay_out() {
    laid_out_ = true;
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
        bool numeric = !sample_.empty();
        bool any = false;
        for (const auto& row : sample_) {
          if (c >= row.size() || std::holds_alternative<std::monostate>(row[c])) continue;
          any = true;
          if (!is_number(row[c])) numeric = false;
        }
        buf += (numeric && any) ? " ---: |" : " --- |";
      }
      buf += '\n';
    }
    for (const auto& row : sample_) append_row(row);
    sample_.clear();
    sample_.shrink_to_fit();
  }

  void append_row(const std::vector<Value>& row) {
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

  PrinterContext ctx_;
  OutBuffer buf_;
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> sample_;
  bool laid_out_ = false;
  std::string scratch_;
};

}  // namespace

std::unique_ptr<RowPrinter> make_markdown_printer(const PrinterContext& ctx) { return std::make_unique<MarkdownPrinter>(ctx); }

}  // namespace yanbao
