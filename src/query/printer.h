#pragma once
/// Output formats as printers (ripgrep's design): one small class per format behind one
/// interface, each in its own file (print_*.cpp), listed once in output_formats(). Adding a
/// format means adding a file and a line there. write_result() and write_statement()
/// (query/output.h) drive them.
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "query/output.h"

namespace yanbao {

/// Receives the columns once, then the rows one at a time, then finish(). A printer holds
/// at most what it needs to lay rows out (table and markdown: the first `sample` rows).
class RowPrinter {
 public:
  virtual ~RowPrinter() = default;
  virtual void begin(const std::vector<std::string>& columns) = 0;
  virtual void row(const std::vector<Value>& row) = 0;
  /// After the last row: writes what is left (the closing bracket, "(0 rows)" …).
  virtual void finish() = 0;
  /// After a failed step: writes the rows already laid out, and no closing text.
  virtual void flush() = 0;
};

struct PrinterContext {
  std::ostream& out;
  std::ostream& err;
  const OutputOptions& opt;
  /// Rows that size a table's columns (align a markdown one) before the rest stream.
  size_t sample = 1000;
};

struct FormatSpec {
  std::string_view name;
  Format format;
  std::unique_ptr<RowPrinter> (*make)(const PrinterContext&);
};

/// Every output format, in the order `--help` lists them.
const std::vector<FormatSpec>& output_formats();

/// The format's printer.
std::unique_ptr<RowPrinter> make_printer(const PrinterContext& ctx);

std::unique_ptr<RowPrinter> make_table_printer(const PrinterContext& ctx);
std::unique_ptr<RowPrinter> make_csv_printer(const PrinterContext& ctx);
std::unique_ptr<RowPrinter> make_tsv_printer(const PrinterContext& ctx);
std::unique_ptr<RowPrinter> make_json_printer(const PrinterContext& ctx);
std::unique_ptr<RowPrinter> make_jsonl_printer(const PrinterContext& ctx);
std::unique_ptr<RowPrinter> make_markdown_printer(const PrinterContext& ctx);

}  // namespace yanbao
