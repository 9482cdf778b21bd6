#pragma once
/// Row output for every command that prints rows: table, csv, tsv, json, jsonl, markdown,
/// one printer per format (query/printer.h). The entry points take a ResultSet built from
/// literals (tests) or a prepared statement.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3_stmt;

namespace yanbao {

/// One cell: SQL NULL, INTEGER, REAL or TEXT (a BLOB becomes its X'..' hex text).
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

/// An output format: one printer each (query/printer.h).
enum class Format { table, csv, tsv, json, jsonl, markdown };

/// The format of a name ("csv"), or nullopt for none.
std::optional<Format> parse_format(std::string_view name);
/// The name of a format ("csv").
std::string_view format_name(Format f);

struct OutputOptions {
  Format format = Format::table;
  bool header = true;            ///< --no-header clears it (ignored by json/jsonl)
  int max_width = 40;            ///< table only: cells are cut with … at this many display columns
};

/// The names of the output formats (query/printer.h lists them), for --format's checks.
std::vector<std::string> output_format_names();

/// Writes rows in the chosen format to `out`. An empty result in table format writes
/// "(0 rows)" to `err` and nothing to `out`; the other formats write valid empty output
/// (header-only csv/tsv/markdown, "[]" for json, nothing for jsonl).
void write_result(std::ostream& out, std::ostream& err, const ResultSet& rs, const OutputOptions& opt);

/// JSON for embedding results in a larger document (yanbao show): one row as an object,
/// and all rows as a one-line array. Same rules as the json format.
std::string json_object_of(const ResultSet& rs, size_t row);
std::string json_array_of(const ResultSet& rs);

/// Steps a prepared statement to completion and collects its rows. Throws
/// std::runtime_error with SQLite's message when a step fails.
ResultSet collect_rows(sqlite3_stmt* stmt);

/// Steps a prepared statement and writes its rows like write_result(), in bounded memory:
/// csv, tsv, json and jsonl stream row by row; table and markdown size (align) their
/// columns by the first 1,000 rows, then stream the rest (a later, wider cell shifts the
/// rest of its own line only). Returns the number of rows.
size_t write_statement(std::ostream& out, std::ostream& err, sqlite3_stmt* stmt, const OutputOptions& opt);

/// Display columns of UTF-8 text in a terminal: East Asian Wide/Fullwidth characters count
/// 2, combining marks 0 (utf8proc_charwidth); invalid bytes count 1 each.
int display_width(std::string_view text);

/// `text` cut to at most `width` display columns, ending in … when it was cut.
std::string truncate_to_width(std::string_view text, int width);

/// A value as plain text: NULL → "", integers in decimal, reals with 15 significant digits
/// like SQLite's own REAL → TEXT (with ".0" when integral), text as is. JSON uses the same.
std::string value_text(const Value& v);

}  // namespace yanbao
