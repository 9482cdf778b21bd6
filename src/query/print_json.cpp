// The json (one array, a row per line) and jsonl (an object per line) formats: rows
// stream. Keys are the column names, repeats made unique; non-finite reals are null.
#include <cmath>
#include <ostream>
#include <set>

#include "query/output_text.h"
#include "query/printer.h"
#include "util/json.h"

namespace yanbao {
namespace {

using namespace output_text;

void append_json_string(std::string& out, std::string_view raw) {
  out += '"';
  append_escaped(out, raw, [](std::string_view s, size_t i) { return json::escape(s[i]); });
  out += '"';
}

void append_json_value(std::string& out, const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    append_json_string(out, *s);
  } else if (const auto* d = std::get_if<double>(&v); d && !std::isfinite(*d)) {
    out += "null";
  } else if (std::holds_alternative<std::monostate>(v)) {
    out += "null";
  } else {
    append_value_text(out, v);  // a real keeps its ".0"
  }
}

/// Object keys: the column names, with repeats made unique (name, name_2, …), as JSON strings.
std::vector<std::string> json_keys(const std::vector<std::string>& columns) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const auto& c : columns) {
    std::string k = c;
    for (int n = 2; seen.count(k); ++n) k = c + "_" + std::to_string(n);
    seen.insert(k);
    keys.emplace_back();
    append_json_string(keys.back(), k);
  }
  return keys;
}

void append_json_object(std::string& out, const std::vector<std::string>& keys, const std::vector<Value>& row) {
  out += '{';
  for (size_t c = 0; c < keys.size(); ++c) {
    if (c) out += ',';
    out += keys[c];
    out += ':';
    append_json_value(out, cell(row, c));
  }
  out += '}';
}

class JsonPrinter final : public RowPrinter {
 public:
  JsonPrinter(const PrinterContext& ctx, bool lines) : ctx_(ctx), buf_(ctx.out), lines_(lines) {}

  void begin(const std::vector<std::string>& columns) override { keys_ = json_keys(columns); }

  void row(const std::vector<Value>& row) override {
    if (!lines_) buf_.text += rows_ == 0 ? "[\n  " : ",\n  ";
    ++rows_;
    append_json_object(buf_.text, keys_, row);
    if (lines_) buf_.text += '\n';
    buf_.maybe_flush();
  }

  void finish() override {
    if (!lines_) buf_.text += rows_ == 0 ? "[]\n" : "\n]\n";
    buf_.flush();
    ctx_.out.flush();
  }
  void flush() override { buf_.flush(); }

 private:
  PrinterContext ctx_;
  OutBuffer buf_;
  bool lines_;
  std::vector<std::string> keys_;
  size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<RowPrinter> make_json_printer(const PrinterContext& ctx) { return std::make_unique<JsonPrinter>(ctx, false); }
std::unique_ptr<RowPrinter> make_jsonl_printer(const PrinterContext& ctx) { return std::make_unique<JsonPrinter>(ctx, true); }

std::string json_object_of(const ResultSet& rs, size_t row) {
  std::string out;
  append_json_object(out, json_keys(rs.columns), rs.rows.at(row));
  return out;
}

std::string json_array_of(const ResultSet& rs) {
  const auto keys = json_keys(rs.columns);
  std::string out = "[";
  for (size_t r = 0; r < rs.rows.size(); ++r) {
    if (r) out += ',';
    append_json_object(out, keys, rs.rows[r]);
  }
  return out + "]";
}

}  // namespace yanbao
