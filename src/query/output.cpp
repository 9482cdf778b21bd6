#include "query/output.h"

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <charconv>
#include <cmath>
#include <optional>
#include <ostream>
#include <set>
#include <stdexcept>

#include "cli/command.h"
#include "util/json.h"
#include "util/utf8.h"

namespace yanbao {
namespace {

/// A missing cell (a row shorter than the header) reads as NULL.
const Value kNull;

bool is_number(const Value& v) {
  return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
}

/// Appends `raw` as valid UTF-8, invalid bytes as U+FFFD so every writer emits well-formed
/// output, with ASCII bytes escaped as a format needs: `escape(raw, i)` gives the text for
/// the ASCII byte raw[i] ("" drops it), or nullopt to keep it. Escaping touches only ASCII
/// and the repair only the rest, so one pass does both, copying the text between them in
/// whole spans.
template <typename Escape>
void append_escaped(std::string& out, std::string_view raw, Escape escape) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const std::ptrdiff_t n = std::ssize(raw);
  std::ptrdiff_t copied = 0;  // raw[copied, i) stands as it is, not yet appended
  auto replace = [&](std::ptrdiff_t i, std::string_view with) {
    out.append(raw.data() + copied, static_cast<size_t>(i - copied));
    out += with;
    copied = i + 1;
  };
  for (std::ptrdiff_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      if (const std::optional<std::string_view> e = escape(raw, static_cast<size_t>(i))) replace(i, *e);
      ++i;
    } else if (std::int32_t cp; const std::ptrdiff_t len = utf8::decode_char(p + i, n - i, cp)) {
      i += len;
    } else {
      replace(i, utf8::kReplacement);
      ++i;
    }
  }
  out.append(raw.data() + copied, static_cast<size_t>(n - copied));
}

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

/// Appends value_text(v).
void append_value_text(std::string& out, const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    out += *s;
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, *i).ptr);
  } else if (const auto* d = std::get_if<double>(&v)) {
    append_double_text(out, *d);
  }
}

/// A value's text (as value_text()) without copying a string value: `buf` holds the text
/// of a number.
std::string_view value_view(const Value& v, std::string& buf) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  buf.clear();
  append_value_text(buf, v);
  return buf;
}

/// Rows are gathered in a buffer and written in large pieces: one ostream call per field
/// made printing tens of thousands of rows cost more than the query.
constexpr size_t kFlushAt = 1 << 16;
/// Rows that size the columns of a table (and align a markdown one) before the rest stream.
constexpr size_t kTableSample = 1000;

/// Writes out `buf` once it holds kFlushAt bytes (always, with `force`) and empties it.
void flush_buffer(std::ostream& out, std::string& buf, bool force = false) {
  if (buf.size() < kFlushAt && !force) return;
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.clear();
}

// ---- table -------------------------------------------------------------------------------

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

/// Fills `row` with the next row to print after a ResultSet's own rows; false at the end.
/// Rows that come this way are printed as they come, in the columns the ResultSet's rows
/// sized, so that memory stays bounded whatever the number of rows.
using MoreRows = std::function<bool(std::vector<Value>&)>;

void write_table(std::ostream& out, const ResultSet& rs, const OutputOptions& opt, const MoreRows& more = {}) {
  const size_t ncol = rs.columns.size();
  std::vector<bool> numeric(ncol, true);
  std::vector<bool> any_value(ncol, false);
  // Row r's cells are r * ncol ..; the header's come last.
  TableCells cells;
  cells.end.reserve((rs.rows.size() + 1) * ncol);
  cells.width.reserve((rs.rows.size() + 1) * ncol);
  std::string number;
  for (const auto& row : rs.rows) {
    for (size_t c = 0; c < ncol; ++c) {
      const Value& v = c < row.size() ? row[c] : kNull;
      if (!std::holds_alternative<std::monostate>(v)) {
        any_value[c] = true;
        if (!is_number(v)) numeric[c] = false;
      }
      cells.add(value_view(v, number), opt.max_width);
    }
  }
  const size_t head = rs.rows.size() * ncol;
  for (const auto& name : rs.columns) cells.add(name, opt.max_width);

  std::vector<int> width(ncol, 0);
  for (size_t c = 0; c < ncol; ++c) {
    if (!any_value[c]) numeric[c] = false;
    if (opt.header) width[c] = cells.width[head + c];
  }
  for (size_t i = 0; i < head; ++i) width[i % ncol] = std::max(width[i % ncol], cells.width[i]);

  std::string buf;
  buf.reserve(kFlushAt + 4096);
  auto append_line = [&](size_t first, const TableCells& cells) {
    const size_t line_start = buf.size();
    size_t blanks = 0;  // padding and separators owed before the next cell: none after the last
    for (size_t c = 0; c < ncol; ++c) {
      // (a streamed cell wider than its column pushes the rest of its line only)
      const size_t gap = static_cast<size_t>(std::max(0, width[c] - cells.width[first + c]));
      blanks += (c > 0 ? 2 : 0) + (numeric[c] ? gap : 0);
      buf.append(blanks, ' ');
      buf += cells.cell(first + c);
      blanks = numeric[c] ? 0 : gap;
    }
    size_t line_end = buf.size();  // no trailing blanks, the cells' own included
    while (line_end > line_start && buf[line_end - 1] == ' ') --line_end;
    buf.resize(line_end);
    buf += '\n';
    flush_buffer(out, buf);
  };
  if (opt.header) {
    append_line(head, cells);
    for (size_t c = 0; c < ncol; ++c) {
      if (c > 0) buf.append(2, ' ');
      buf.append(static_cast<size_t>(width[c]), '-');
    }
    buf += '\n';
  }
  for (size_t first = 0; first < head; first += ncol) append_line(first, cells);
  if (more) {
    TableCells one;
    std::vector<Value> row;
    try {
      while (more(row)) {
        one.text.clear();
        one.end.clear();
        one.width.clear();
        for (size_t c = 0; c < ncol; ++c) one.add(value_view(c < row.size() ? row[c] : kNull, number), opt.max_width);
        append_line(0, one);
      }
    } catch (...) {
      flush_buffer(out, buf, true);  // the rows before the error
      throw;
    }
  }
  flush_buffer(out, buf, true);
}

// ---- csv / tsv ---------------------------------------------------------------------------

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

void append_delimited_row(std::string& buf, std::string& scratch, const std::vector<Value>& row, size_t ncol, bool csv) {
  for (size_t c = 0; c < ncol; ++c) {
    if (c) buf += csv ? ',' : '\t';
    std::string_view text = c < row.size() ? value_view(row[c], scratch) : std::string_view();
    if (csv)
      append_csv_field(buf, text);
    else
      append_tsv_field(buf, text);
  }
  buf += csv ? "\r\n" : "\n";
}

void append_delimited_header(std::string& buf, const std::vector<std::string>& columns, bool csv) {
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c) buf += csv ? ',' : '\t';
    if (csv)
      append_csv_field(buf, columns[c]);
    else
      append_tsv_field(buf, columns[c]);
  }
  buf += csv ? "\r\n" : "\n";
}

void write_delimited(std::ostream& out, const ResultSet& rs, const OutputOptions& opt, bool csv) {
  std::string buf, scratch;
  buf.reserve(kFlushAt + 4096);
  if (opt.header) append_delimited_header(buf, rs.columns, csv);
  for (const auto& row : rs.rows) {
    append_delimited_row(buf, scratch, row, rs.columns.size(), csv);
    flush_buffer(out, buf);
  }
  flush_buffer(out, buf, true);
}

// ---- json --------------------------------------------------------------------------------

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
    append_json_value(out, c < row.size() ? row[c] : kNull);
  }
  out += '}';
}

void write_json(std::ostream& out, const ResultSet& rs, bool lines) {
  const auto keys = json_keys(rs.columns);
  std::string buf;
  buf.reserve(kFlushAt + 4096);
  if (!lines) buf += rs.rows.empty() ? "[]\n" : "[\n";
  for (size_t r = 0; r < rs.rows.size(); ++r) {
    if (!lines) buf += "  ";
    append_json_object(buf, keys, rs.rows[r]);
    buf += lines || r + 1 == rs.rows.size() ? "\n" : ",\n";
    flush_buffer(out, buf);
  }
  if (!lines && !rs.rows.empty()) buf += "]\n";
  flush_buffer(out, buf, true);
}

// ---- markdown ----------------------------------------------------------------------------

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

void write_markdown(std::ostream& out, const ResultSet& rs, const OutputOptions& opt, const MoreRows& more = {}) {
  const size_t ncol = rs.columns.size();
  std::string buf, scratch;
  buf.reserve(kFlushAt + 4096);
  if (opt.header) {
    buf += '|';
    for (const auto& c : rs.columns) {
      buf += ' ';
      append_markdown_cell(buf, c);
      buf += " |";
    }
    buf += "\n|";
    for (size_t c = 0; c < ncol; ++c) {
      bool numeric = !rs.rows.empty();
      bool any = false;
      for (const auto& row : rs.rows) {
        if (c >= row.size() || std::holds_alternative<std::monostate>(row[c])) continue;
        any = true;
        if (!is_number(row[c])) numeric = false;
      }
      buf += (numeric && any) ? " ---: |" : " --- |";
    }
    buf += '\n';
  }
  auto append_row = [&](const std::vector<Value>& row) {
    buf += '|';
    for (size_t c = 0; c < ncol; ++c) {
      buf += ' ';
      append_markdown_cell(buf, value_view(c < row.size() ? row[c] : kNull, scratch));
      buf += " |";
    }
    buf += '\n';
    flush_buffer(out, buf);
  };
  for (const auto& row : rs.rows) append_row(row);
  if (more) {
    std::vector<Value> row;
    try {
      while (more(row)) append_row(row);
    } catch (...) {
      flush_buffer(out, buf, true);  // the rows before the error
      throw;
    }
  }
  flush_buffer(out, buf, true);
}

}  // namespace

OutputOptions output_options(const GlobalOptions& g) {
  OutputOptions o;
  o.format = g.format;
  o.header = !g.no_header;
  o.max_width = g.max_width;
  return o;
}

std::string value_text(const Value& v) {
  std::string text;
  append_value_text(text, v);
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
  if (opt.format == "table") {
    if (rs.rows.empty()) {
      err << "(0 rows)\n";
      return;
    }
    write_table(out, rs, opt);
  } else if (opt.format == "csv") {
    write_delimited(out, rs, opt, true);
  } else if (opt.format == "tsv") {
    write_delimited(out, rs, opt, false);
  } else if (opt.format == "json") {
    write_json(out, rs, false);
  } else if (opt.format == "jsonl") {
    write_json(out, rs, true);
  } else if (opt.format == "markdown") {
    write_markdown(out, rs, opt);
  } else {
    throw std::invalid_argument("unknown output format '" + opt.format + "'");
  }
  out.flush();
}

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
  // table and markdown size or align their columns by the first kTableSample rows, then
  // print the rest as they come: 10M rows once took 970 MB in a table (issue 13, item 9).
  // A result that fits in the sample prints exactly as write_result() prints it.
  if (opt.format == "table" || opt.format == "markdown") {
    ResultSet rs;
    rs.columns = column_names(stmt);
    std::vector<Value> row;
    while (rs.rows.size() < kTableSample && next_row(stmt, row)) rs.rows.push_back(std::move(row));
    if (rs.rows.size() < kTableSample) {
      write_result(out, err, rs, opt);
      return rs.rows.size();
    }
    size_t n = rs.rows.size();
    const MoreRows more = [&](std::vector<Value>& r) {
      if (!next_row(stmt, r)) return false;
      ++n;
      return true;
    };
    if (opt.format == "table") write_table(out, rs, opt, more);
    else write_markdown(out, rs, opt, more);
    out.flush();
    return n;
  }
  ResultSet head;
  head.columns = column_names(stmt);
  std::vector<Value> row;
  size_t n = 0;
  if (opt.format == "csv" || opt.format == "tsv") {
    const bool csv = opt.format == "csv";
    std::string buf, scratch;
    buf.reserve(kFlushAt + 4096);
    if (opt.header) append_delimited_header(buf, head.columns, csv);
    try {
      while (next_row(stmt, row)) {
        ++n;
        append_delimited_row(buf, scratch, row, head.columns.size(), csv);
        flush_buffer(out, buf);
      }
    } catch (...) {
      flush_buffer(out, buf, true);  // the rows before the error
      throw;
    }
    flush_buffer(out, buf, true);
  } else if (opt.format == "json" || opt.format == "jsonl") {
    const auto keys = json_keys(head.columns);
    const bool lines = opt.format == "jsonl";
    std::string buf;
    buf.reserve(kFlushAt + 4096);
    try {
      while (next_row(stmt, row)) {
        if (!lines) buf += n == 0 ? "[\n  " : ",\n  ";
        ++n;
        append_json_object(buf, keys, row);
        if (lines) buf += '\n';
        flush_buffer(out, buf);
      }
    } catch (...) {
      flush_buffer(out, buf, true);  // the rows before the error
      throw;
    }
    if (!lines) buf += n == 0 ? "[]\n" : "\n]\n";
    flush_buffer(out, buf, true);
  } else {
    throw std::invalid_argument("unknown output format '" + opt.format + "'");
  }
  out.flush();
  return n;
}

}  // namespace yanbao
