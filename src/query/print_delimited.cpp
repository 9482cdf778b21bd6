// The csv (RFC 4180, CRLF line ends) and tsv (escaped \\ \t \n \r) formats: rows stream.
#include <algorithm>
#include <ostream>

#include "query/output_text.h"
#include "query/printer.h"

namespace yanbao {
namespace {

using namespace output_text;

/// Appends one csv field (RFC 4180: quoted when it holds , " CR or LF; " doubled).
/// Replacing invalid bytes never adds or removes an ASCII byte, so the raw text decides
/// whether to quote.
void append_csv_field(std::string& out, std::string_view raw) {
  const bool quote =
      std::any_of(raw.begin(), raw.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (quote) out += '"';
  append_escaped(out, raw, [](std::string_view s, size_t i) -> std::optional<std::string_view> {
    if (s[i] == '"') return "\"\"";
    return std::nullopt;
  });
  if (quote) out += '"';
}

/// Appends one tsv field: backslash, TAB, LF and CR escaped as \\ \t \n \r.
void append_tsv_field(std::string& out, std::string_view raw) {
  append_escaped(out, raw, [](std::string_view s, size_t i) -> std::optional<std::string_view> {
    switch (s[i]) {
      case '\\': return "\\\\";
      case '\t': return "\\t";
      case '\n': return "\\n";
      case '\r': return "\\r";
      default: return std::nullopt;
    }
  });
}

class DelimitedPrinter final : public RowPrinter {
 public:
  DelimitedPrinter(const PrinterContext& ctx, bool csv) : ctx_(ctx), buf_(ctx.out), csv_(csv) {}

  void begin(const std::vector<std::string>& columns) override {
    ncol_ = columns.size();
    if (!ctx_.opt.header) return;
    for (size_t c = 0; c < ncol_; ++c) {
      if (c) buf_.text += csv_ ? ',' : '\t';
      field(columns[c]);
    }
    buf_.text += csv_ ? "\r\n" : "\n";
  }

  void row(const std::vector<Value>& row) override {
    for (size_t c = 0; c < ncol_; ++c) {
      if (c) buf_.text += csv_ ? ',' : '\t';
      field(c < row.size() ? value_view(row[c], scratch_) : std::string_view());
    }
    buf_.text += csv_ ? "\r\n" : "\n";
    buf_.maybe_flush();
  }

  void finish() override {
    buf_.flush();
    ctx_.out.flush();
  }
  void flush() override { buf_.flush(); }

 private:
  void field(std::string_view raw) {
    if (csv_)
      append_csv_field(buf_.text, raw);
    else
      append_tsv_field(buf_.text, raw);
  }

  PrinterContext ctx_;
  OutBuffer buf_;
  bool csv_;
  size_t ncol_ = 0;
  std::string scratch_;
};

}  // namespace

std::unique_ptr<RowPrinter> make_csv_printer(const PrinterContext& ctx) { return std::make_unique<DelimitedPrinter>(ctx, true); }
std::unique_ptr<RowPrinter> make_tsv_printer(const PrinterContext& ctx) { return std::make_unique<DelimitedPrinter>(ctx, false); }

}  // namespace yanbao
