#include "query/output.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <stdexcept>

#include "query/output_text.h"
#include "query/printer.h"
#include "util/utf8.h"

namespace yanbao {
namespace {

/// Powers of ten that a double holds exactly: the decimal places write_short_decimal tries.
constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};

/// Writes what printf("%.15g") prints for `d` to `out` and returns the end of it when `d`
/// is the double nearest to a decimal m / 10^k with |m| < 10^15 and k ≤ 6, and
/// 1e-4 ≤ |d| < 1e15 (the prices, closes and percentages of the archive); else returns
/// nullptr. It is the same text because that decimal has at most 15 significant digits
/// and lies within half an ulp of `d` (at most 2^-53 of it), nearer than half a unit in its
/// 15th digit (more than 5·10^-16 of it): rounding `d` to 15 digits gives it back. In this
/// range %g prints it in fixed notation, without trailing zeros. `out` needs room for 24
/// characters.
char* write_short_decimal(char* out, double d) {
  if (!(std::fabs(d) >= 1e-4 && std::fabs(d) < 1e15)) return nullptr;
  for (int places = 0; places < static_cast<int>(std::size(kPowersOfTen)); ++places) {
    const double scaled = d * kPowersOfTen[places];
    if (!(std::fabs(scaled) < 1e15)) return nullptr;  // more than 15 digits
    // A candidate (any rounding will do); the division checks it, exactly and correctly rounded.
    const auto m = static_cast<std::int64_t>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
    if (static_cast<double>(m) / kPowersOfTen[places] != d) continue;
    // |m| with a digit before the point, `places` digits from the right: 4 → 0.04
    char digits[24];
    char* first = digits + 8;  // room for the zeros in front
    char* last = std::to_chars(first, digits + sizeof digits, m < 0 ? -m : m).ptr;
    while (last - first <= places) *--first = '0';
    char* const point = last - places;
    while (last > point && last[-1] == '0') --last;  // no trailing zeros
    if (m < 0) *out++ = '-';
    out = std::copy(first, point, out);
    if (last > point) {
      *out++ = '.';
      out = std::copy(point, last, out);
    }
    return out;
  }
  return nullptr;
}

/// Appends a REAL as text: 15 significant digits, as SQLite itself turns a REAL into text
/// (1.3900000000000001, arithmetic noise in a stored value, prints as 1.39), and ".0" when
/// that has neither point nor exponent, so a real still reads as one.
void append_double_text(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Inf" : "-Inf";
    return;
  }
  char text[32];  // %.15g takes at most 22 ("-1.23456789012346e-308"), and ".0" may follow
  char* end = write_short_decimal(text, d);
  // The standard defines to_chars with a precision as printf's %.15g in the C locale (which
  // yanbao never leaves), not only its digits.
  if (!end) end = std::to_chars(text, text + sizeof text - 2, d, std::chars_format::general, 15).ptr;
  if (std::none_of(text, end, [](char c) { return c == '.' || c == 'e'; })) end = std::copy_n(".0", 2, end);
  out.append(text, end);
}

}  // namespace

void output_text::append_value_text(std::string& out, const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    out += *s;
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, *i).ptr);
  } else if (const auto* d = std::get_if<double>(&v)) {
    append_double_text(out, *d);
  }
}

std::string_view output_text::value_view(const Value& v, std::string& buf) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  buf.clear();
  append_value_text(buf, v);
  return buf;
}

const std::vector<FormatSpec>& output_formats() {
  static const std::vector<FormatSpec> formats = {
      {"table", Format::table, make_table_printer}, {"csv", Format::csv, make_csv_printer},
      {"tsv", Format::tsv, make_tsv_printer},       {"json", Format::json, make_json_printer},
      {"jsonl", Format::jsonl, make_jsonl_printer}, {"markdown", Format::markdown, make_markdown_printer},
  };
  return formats;
}

std::vector<std::string> output_format_names() {
  std::vector<std::string> names;
  for (const auto& f : output_formats()) names.emplace_back(f.name);
  return names;
}

std::optional<Format> parse_format(std::string_view name) {
  for (const auto& f : output_formats())
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  for (const auto& f : output_formats())
    if (f.format == format) return f.name;
  return "table";
}

std::unique_ptr<RowPrinter> make_printer(const PrinterContext& ctx) {
  for (const auto& f : output_formats())
    if (f.format == ctx.opt.format) return f.make(ctx);
  return make_table_printer(ctx);  // unreachable: every Format has its printer
}

std::string value_text(const Value& v) {
  std::string text;
  output_text::append_value_text(text, v);
  return text;
}

int display_width(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::ptrdiff_t n = std::ssize(text);
  int w = 0;
  for (std::ptrdiff_t i = 0; i < n;) {
    std::int32_t cp;
    const std::ptrdiff_t len = utf8::decode_char(p + i, n - i, cp);
    if (len == 0) {
      ++w;
      ++i;
      continue;
    }
    w += utf8::char_width(cp);
    i += len;
  }
  return w;
}

std::string truncate_to_width(std::string_view text, int width) {
  if (width <= 0 || display_width(text) <= width) return std::string(text);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::ptrdiff_t n = std::ssize(text);
  int w = 0;
  std::string out;
  const int room = width - 1;  // one column for …
  for (std::ptrdiff_t i = 0; i < n;) {
    std::int32_t cp;
    std::ptrdiff_t len = utf8::decode_char(p + i, n - i, cp);
    const int cw = len == 0 ? 1 : utf8::char_width(cp);
    if (len == 0) len = 1;
    if (w + cw > room) break;
    out.append(text.data() + i, static_cast<size_t>(len));
    w += cw;
    i += len;
  }
  out += "\xE2\x80\xA6";  // …
  return out;
}

void write_result(std::ostream& out, std::ostream& err, const ResultSet& rs, const OutputOptions& opt) {
  // Every row sizes the table: what is already in memory is laid out as a whole.
  PrinterContext ctx{out, err, opt, std::max<size_t>(rs.rows.size(), 1)};
  auto printer = make_printer(ctx);
  printer->begin(rs.columns);
  for (const auto& row : rs.rows) printer->row(row);
  printer->finish();
}

namespace {

std::vector<std::string> column_names(sqlite3_stmt* stmt) {
  std::vector<std::string> cols;
  int ncol = sqlite3_column_count(stmt);
  for (int c = 0; c < ncol; ++c) {
    const char* name = sqlite3_column_name(stmt, c);
    cols.emplace_back(name ? name : "");
  }
  return cols;
}

/// Steps once: true with `row` filled, false at the end; throws std::runtime_error on error.
bool next_row(sqlite3_stmt* stmt, std::vector<Value>& row) {
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_DONE) return false;
  if (rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(sqlite3_db_handle(stmt)));
  const int ncol = sqlite3_column_count(stmt);
  row.clear();
  row.reserve(static_cast<size_t>(ncol));
  for (int c = 0; c < ncol; ++c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
      case SQLITE_INTEGER: row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
      case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(stmt, c)); break;
      case SQLITE_BLOB: {
        const auto* b = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, c));
        int len = sqlite3_column_bytes(stmt, c);
        static const char* hex = "0123456789ABCDEF";
        std::string s = "X'";
        for (int k = 0; k < len; ++k) {
          s += hex[b[k] >> 4];
          s += hex[b[k] & 15];
        }
        s += "'";
        row.emplace_back(std::move(s));
        break;
      }
      default: {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        row.emplace_back(std::string(t ? t : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
      }
    }
  }
  return true;
}

}  // namespace

ResultSet collect_rows(sqlite3_stmt* stmt) {
  ResultSet rs;
  rs.columns = column_names(stmt);
  std::vector<Value> row;
  while (next_row(stmt, row)) rs.rows.push_back(std::move(row));
  return rs;
}

size_t write_statement(std::ostream& out, std::ostream& err, sqlite3_stmt* stmt, const OutputOptions& opt) {
  // Table and markdown size or align their columns by the first 1,000 rows, then print the
  // rest as they come, so memory stays bounded (issue 13, item 9). A result
  // that fits in the sample prints exactly as write_result() prints it.
  PrinterContext ctx{out, err, opt};
  auto printer = make_printer(ctx);
  printer->begin(column_names(stmt));
  std::vector<Value> row;
  size_t n = 0;
  try {
    while (next_row(stmt, row)) {
      ++n;
      printer->row(row);
    }
  } catch (...) {
    printer->flush();  // the rows before the error
    throw;
  }
  printer->finish();
  return n;
}

}  // namespace yanbao
