#pragma once
/// The shared part of the formats that lay rows out by their first rows (table, markdown):
/// rows are held until `ctx.sample` have come (or the end), laid out together, and every
/// later row is printed as it comes, in that layout, so memory stays bounded.
#include <utility>
#include <vector>

#include "query/output_text.h"
#include "query/printer.h"

namespace yanbao {

class SampledPrinter : public RowPrinter {
 public:
  explicit SampledPrinter(const PrinterContext& ctx) : ctx_(ctx), buf_(ctx.out) {}

  void begin(const std::vector<std::string>& columns) override { columns_ = columns; }

  void row(const std::vector<Value>& row) final {
    if (laid_out_) {
      print_row(row);
      buf_.maybe_flush();
      return;
    }
    sample_.push_back(row);
    if (sample_.size() >= ctx_.sample) lay_out_sample();
  }

  void finish() final {
    if (!laid_out_) {
      if (sample_.empty() && print_empty()) return;
      lay_out_sample();
    }
    buf_.flush();
    ctx_.out.flush();
  }

  void flush() final {
    if (laid_out_) buf_.flush();
  }

 protected:
  /// Lays out and prints the header and the sampled rows (into buf_.text).
  virtual void lay_out(const std::vector<std::vector<Value>>& sample) = 0;
  /// Prints one row after the sample, in the layout (into buf_.text).
  virtual void print_row(const std::vector<Value>& row) = 0;
  /// For an empty result: prints what the format says instead and returns true, or returns
  /// false to lay out the header alone.
  virtual bool print_empty() { return false; }

  PrinterContext ctx_;
  output_text::OutBuffer buf_;
  std::vector<std::string> columns_;

 private:
  void lay_out_sample() {
    laid_out_ = true;
    lay_out(sample_);
    buf_.maybe_flush();
    sample_.clear();
    sample_.shrink_to_fit();
  }

  std::vector<std::vector<Value>> sample_;
  bool laid_out_ = false;
};

}  // namespace yanbao
