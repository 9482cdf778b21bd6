// Output writers: every format from literal rows, goldens with Chinese text, and the table's
// alignment by display width. Set YANBAO_UPDATE_GOLDEN=1 to rewrite tests/golden/output.*.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <fstream>
#include <sstream>

#include "query/output.h"

#include <sqlite3.h>
#include <utf8proc.h>

#include <random>

using namespace yanbao;
namespace fs = std::filesystem;

namespace {

ResultSet sample() {
  ResultSet rs;
  rs.columns = {"report_date", "broker", "name", "change_pct", "reports", "note"};
  rs.rows = {
      {std::string("2024-01-05"), std::string("中信证券"), std::string("经纬恒润-W"), -1.61, std::int64_t{12},
       std::string("智驾, \"龙头\"")},
      {std::string("2024-01-12"), std::string("华泰"), std::string("ＡＢＣ全角"), 3.0, std::int64_t{7},
       std::string("line1\nline2\ttab|pipe")},
      {std::string("2024-02-02"), std::monostate{}, std::string("DeepSeek"), std::monostate{}, std::int64_t{-3},
       std::string("")},
  };
  return rs;
}

std::string render(const ResultSet& rs, const std::string& format, bool header = true, int max_width = 40,
                   std::string* err = nullptr) {
  std::ostringstream out, e;
  OutputOptions o;
  o.format = parse_format(format).value();
  o.header = header;
  o.max_width = max_width;
  write_result(out, e, rs, o);
  if (err) *err = e.str();
  return out.str();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_golden(const std::string& name, const std::string& actual) {
  fs::path p = fs::path(YANBAO_SOURCE_DIR) / "tests" / "golden" / name;
  if (const char* u = std::getenv("YANBAO_UPDATE_GOLDEN"); u && *u == '1') {
    std::ofstream(p, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(p)) << p << " missing; run with YANBAO_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, slurp(p)) << "golden " << name;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

/// A table cell as the format specifies it, one step at a time and straight from utf8proc:
/// invalid bytes become U+FFFD, CR/LF/TAB a space, other controls go, and a cell wider than
/// max_width keeps the characters that fit in max_width - 1 columns, then "…". Returns the
/// text and its display width.
std::pair<std::string, int> model_table_cell(std::string_view raw, int max_width) {
  std::vector<std::pair<std::string, int>> chars;  // each shown character and its width
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(raw.data());
  for (utf8proc_ssize_t i = 0, n = static_cast<utf8proc_ssize_t>(raw.size()); i < n;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, n - i, &cp);
    if (len <= 0) {
      chars.emplace_back("\xEF\xBF\xBD", utf8proc_charwidth(0xFFFD));
      ++i;
      continue;
    }
    if (cp == '\n' || cp == '\r' || cp == '\t')
      chars.emplace_back(" ", 1);
    else if (!(cp < 0x20 || cp == 0x7F))
      chars.emplace_back(raw.substr(static_cast<size_t>(i), static_cast<size_t>(len)), utf8proc_charwidth(cp));
    i += len;
  }
  std::string text;
  int width = 0;
  for (const auto& [s, w] : chars) {
    text += s;
    width += w;
  }
  if (width <= max_width) return {text, width};
  text.clear();
  width = 0;
  for (const auto& [s, w] : chars) {
    if (width + w > max_width - 1) break;
    text += s;
    width += w;
  }
  return {text + "\xE2\x80\xA6", width + 1};
}

/// Random text from the pieces that make table cells hard: wide, zero-width and combining
/// characters, controls, invalid and cut-short sequences.
std::string random_cell_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "a", "Z", " ", "  ", "-", "1.5", "中", "信", "，", "：", "、", "Ａ", "…", "\xCC\x81" /* combining acute */,
      "\xE2\x80\x8B" /* zero-width space */, "\xF0\x9F\x98\x80" /* emoji */, "\xC3\xA9", "\n", "\r", "\t",
      std::string(1, '\0'), "\x01", "\x7F", "\x80", "\xFF", "\xE4\xB8" /* 中 cut short */, "\xED\xA0\x80" /* surrogate */,
      "\xE3\x80\xAA" /* a wide-range combining mark */, "\xEF\xBC"};
  std::string s;
  for (int k = std::uniform_int_distribution<int>(0, 24)(rng); k > 0; --k)
    s += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
  return s;
}

}  // namespace

TEST(Output, TableCellsMatchTheStepByStepModelOnRandomText) {
  std::mt19937 rng(20240105);
  for (int iteration = 0; iteration < 20000; ++iteration) {
    const std::string raw = random_cell_text(rng);
    const int max_width = iteration % 7 == 0 ? 40 : std::uniform_int_distribution<int>(1, 12)(rng);
    // A second row of max_width columns fixes the column's width, so the padding after
    // the cell shows its display width.
    ResultSet rs;
    rs.columns = {"cell", "end"};
    rs.rows = {{raw, std::string("|")}, {std::string(static_cast<size_t>(max_width), 'x'), std::string("|")}};
    const auto [text, width] = model_table_cell(raw, max_width);
    const std::string expected = text + std::string(static_cast<size_t>(max_width - width), ' ') + "  |\n" +
                                 std::string(static_cast<size_t>(max_width), 'x') + "  |\n";
    ASSERT_EQ(render(rs, "table", false, max_width), expected) << "raw text: " << raw << " max_width " << max_width;
  }
}

TEST(Output, DisplayWidthCountsWideCharactersAsTwo) {
  EXPECT_EQ(display_width("abc"), 3);
  EXPECT_EQ(display_width("中信证券"), 8);
  EXPECT_EQ(display_width("ＡＢＣ"), 6);  // full-width
  EXPECT_EQ(display_width("经纬恒润-W"), 10);
  EXPECT_EQ(display_width("…"), 1);
  EXPECT_EQ(display_width("e\xCC\x81"), 1);  // combining accent
}

TEST(Output, TruncateCutsAtDisplayColumnsWithEllipsis) {
  EXPECT_EQ(truncate_to_width("中信证券周度策略", 8), "中信证…");
  EXPECT_EQ(display_width(truncate_to_width("中信证券周度策略", 8)), 7);  // a wide char does not fit the 8th column
  EXPECT_EQ(truncate_to_width("abcdefghij", 5), "abcd…");
  EXPECT_EQ(truncate_to_width("短", 5), "短");
}

TEST(Output, GoldenTable) { check_golden("output.table", render(sample(), "table")); }
TEST(Output, GoldenCsv) { check_golden("output.csv", render(sample(), "csv")); }
TEST(Output, GoldenTsv) { check_golden("output.tsv", render(sample(), "tsv")); }
TEST(Output, GoldenJson) { check_golden("output.json", render(sample(), "json")); }
TEST(Output, GoldenJsonl) { check_golden("output.jsonl", render(sample(), "jsonl")); }
TEST(Output, GoldenMarkdown) { check_golden("output.markdown", render(sample(), "markdown")); }

TEST(Output, TableAlignsChineseByDisplayWidth) {
  ResultSet rs;
  rs.columns = {"name", "broker", "n"};
  rs.rows = {{std::string("经纬恒润-W"), std::string("中信证券"), std::int64_t{5}},
             {std::string("abc"), std::string("Huatai"), std::int64_t{123}},
             {std::string("贵州茅台"), std::string("ＡＢ"), std::int64_t{7}}};
  auto ls = lines(render(rs, "table"));
  ASSERT_EQ(ls.size(), 5u);
  // Every line ends with the right-aligned number column: same display width throughout.
  for (const auto& l : ls) EXPECT_EQ(display_width(l), display_width(ls[0])) << l;
  // Each cell of the second column starts at the same display column as its dashes.
  size_t dash2 = ls[1].find(' ');
  while (ls[1][dash2] == ' ') ++dash2;
  const int col2 = display_width(ls[1].substr(0, dash2));
  const char* second[] = {"broker", "", "中信证券", "Huatai", "ＡＢ"};
  for (size_t i : {0u, 2u, 3u, 4u}) {
    auto pos = ls[i].find(second[i]);
    ASSERT_NE(pos, std::string::npos) << ls[i];
    EXPECT_EQ(display_width(ls[i].substr(0, pos)), col2) << ls[i];
  }
}

TEST(Output, TableRightAlignsNumbersAndCutsLongCells) {
  ResultSet rs;
  rs.columns = {"title", "n"};
  rs.rows = {{std::string("中信证券周度策略：智驾加速落地，汽车电子景气向上"), std::int64_t{5}},
             {std::string("短"), std::int64_t{12345}}};
  auto ls = lines(render(rs, "table", true, 10));
  ASSERT_EQ(ls.size(), 4u);
  EXPECT_EQ(ls[2], "中信证券…      5");
  EXPECT_EQ(ls[3], "短         12345");
  EXPECT_EQ(display_width(ls[2]), display_width(ls[3]));
}

TEST(Output, CsvFollowsRfc4180) {
  ResultSet rs;
  rs.columns = {"a", "b"};
  rs.rows = {{std::string("x,y"), std::string("say \"hi\"")}, {std::string("two\r\nlines"), std::string("plain")}};
  EXPECT_EQ(render(rs, "csv"), "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",plain\r\n");
}

TEST(Output, TsvEscapesTabsNewlinesAndBackslashes) {
  ResultSet rs;
  rs.columns = {"a"};
  rs.rows = {{std::string("x\ty\nz\\w")}};
  EXPECT_EQ(render(rs, "tsv", false), "x\\ty\\nz\\\\w\n");
}

TEST(Output, JsonKeepsUtf8RawAndTypesValues) {
  ResultSet rs;
  rs.columns = {"s", "i", "d", "n", "ctl"};
  rs.rows = {{std::string("贵州茅台\"\\"), std::int64_t{1}, 2.5, std::monostate{}, std::string("a\nb\x01")}};
  EXPECT_EQ(render(rs, "json"), "[\n  {\"s\":\"贵州茅台\\\"\\\\\",\"i\":1,\"d\":2.5,\"n\":null,\"ctl\":\"a\\nb\\u0001\"}\n]\n");
  EXPECT_EQ(render(rs, "jsonl"), "{\"s\":\"贵州茅台\\\"\\\\\",\"i\":1,\"d\":2.5,\"n\":null,\"ctl\":\"a\\nb\\u0001\"}\n");
}

TEST(Output, JsonMakesRepeatedColumnNamesUnique) {
  ResultSet rs;
  rs.columns = {"x", "x"};
  rs.rows = {{std::int64_t{1}, std::int64_t{2}}};
  EXPECT_EQ(render(rs, "jsonl"), "{\"x\":1,\"x_2\":2}\n");
}

TEST(Output, MarkdownEscapesPipesAndLineBreaks) {
  ResultSet rs;
  rs.columns = {"a", "n"};
  rs.rows = {{std::string("x|y\nz"), std::int64_t{3}}};
  EXPECT_EQ(render(rs, "markdown"), "| a | n |\n| --- | ---: |\n| x\\|y<br>z | 3 |\n");
}

TEST(Output, EmptyResultIsValidInEveryFormat) {
  ResultSet rs;
  rs.columns = {"a", "b"};
  std::string err;
  EXPECT_EQ(render(rs, "table", true, 40, &err), "");
  EXPECT_EQ(err, "(0 rows)\n");
  EXPECT_EQ(render(rs, "csv"), "a,b\r\n");
  EXPECT_EQ(render(rs, "tsv"), "a\tb\n");
  EXPECT_EQ(render(rs, "json"), "[]\n");
  EXPECT_EQ(render(rs, "jsonl"), "");
  EXPECT_EQ(render(rs, "markdown"), "| a | b |\n| --- | --- |\n");
}

TEST(Output, NoHeaderOmitsTheHeaderRow) {
  ResultSet rs;
  rs.columns = {"a"};
  rs.rows = {{std::string("中")}};
  EXPECT_EQ(render(rs, "table", false), "中\n");
  EXPECT_EQ(render(rs, "csv", false), "中\r\n");
}

TEST(Output, InvalidUtf8BecomesReplacementCharacter) {
  ResultSet rs;
  rs.columns = {"a"};
  rs.rows = {{std::string("ok\xFF")}};
  EXPECT_EQ(render(rs, "jsonl"), "{\"a\":\"ok\xEF\xBF\xBD\"}\n");
}

TEST(Output, RealsPrintWithFifteenSignificantDigits) {
  EXPECT_EQ(value_text(Value(0.1)), "0.1");
  EXPECT_EQ(value_text(Value(3.0)), "3.0");
  EXPECT_EQ(value_text(Value(-1.61)), "-1.61");
  EXPECT_EQ(value_text(Value(1.3900000000000001)), "1.39");  // as SQLite prints REALs: 15 digits
  EXPECT_EQ(value_text(Value(std::int64_t{42})), "42");
  EXPECT_EQ(value_text(Value()), "");
}

/// A REAL's text as the format specifies it, straight from printf: "%.15g", with ".0" when
/// that has neither point nor exponent; NaN and infinities by name.
std::string printf_real_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  std::string s(buf);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

TEST(Output, RealsPrintAsPrintfFifteenDigitsForEveryKindOfDouble) {
  std::vector<double> values = {0.0, -0.0, 0.1, 0.5, 2.5, -0.73, 3091.0, 1e-4, -1e-4, 9.9999999999999991e-5,
                                1e-5, 1.5e-7, 0.0001234, 1e14, 1e15, -1e15, 999999999999999.0, 999999999999999.9,
                                999999999999999.4, 99999999999999.99, 1e16, 1e20, 1e21, 9007199254740993.0,
                                0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1.3900000000000001, 0.123456789012345, 0.1234567890123456,
                                123456.789, 1234567.891, 0.000123456, DBL_MAX, -DBL_MAX, DBL_MIN, DBL_TRUE_MIN,
                                std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN()};
  for (int e = -30; e <= 30; ++e) {  // powers of ten and their neighbours
    const double p = std::pow(10.0, e);
    values.insert(values.end(), {p, std::nextafter(p, 0.0), std::nextafter(p, 1e300), -p});
  }
  std::mt19937_64 rng(42);
  for (int i = 0; i < 300000; ++i) {  // any bit pattern: every exponent, subnormals, NaNs
    const std::uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    values.push_back(d);
  }
  for (int i = 0; i < 300000; ++i) {  // decimals of up to 17 digits and 9 places, as prices are written
    const auto digits = std::uniform_int_distribution<int>(1, 17)(rng);
    const auto m = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(std::pow(10.0, digits)));
    const double d = static_cast<double>(m) / std::pow(10.0, std::uniform_int_distribution<int>(0, 9)(rng));
    values.push_back(rng() % 2 ? d : -d);
  }
  for (double d : values) ASSERT_EQ(value_text(Value(d)), printf_real_text(d)) << std::hexfloat << d;
}

TEST(Output, StreamedStatementMatchesCollectedRowsInEveryFormat) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  const char* sql =
      "SELECT '中信证券' AS broker, 12 AS n, NULL AS none, -1.5 AS pct, 'a,\"b\"\n|c' AS note "
      "UNION ALL SELECT 'DeepSeek', 3, NULL, 2.0, ''";
  for (std::string format : {"table", "csv", "tsv", "json", "jsonl", "markdown"}) {
    for (bool empty : {false, true}) {
      std::string q = std::string(sql) + (empty ? " LIMIT 0" : "");
      sqlite3_stmt* a = nullptr;
      sqlite3_stmt* b = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db, q.c_str(), -1, &a, nullptr), SQLITE_OK);
      ASSERT_EQ(sqlite3_prepare_v2(db, q.c_str(), -1, &b, nullptr), SQLITE_OK);
      OutputOptions o;
      o.format = parse_format(format).value();
      std::ostringstream streamed, collected, e1, e2;
      write_statement(streamed, e1, a, o);
      write_result(collected, e2, collect_rows(b), o);
      EXPECT_EQ(streamed.str(), collected.str()) << format << (empty ? " empty" : "");
      EXPECT_EQ(e1.str(), e2.str());
      sqlite3_finalize(a);
      sqlite3_finalize(b);
    }
  }
  sqlite3_close(db);
}

// Issue 13, item 9: a table (and a markdown table) is printed in bounded memory: its columns
// are sized (aligned) by the first 1,000 rows, and the rows after them are printed as they
// come. The 1,000 rows print exactly as a collected result; a later, wider cell does not
// widen its column, it only shifts the rest of its own line.
TEST(Output, TableSizesColumnsByTheFirstThousandRowsThenStreams) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  const char* sql =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
      "SELECT i, CASE WHEN i = 1200 THEN 'a much wider cell than any before' ELSE 'x' END AS note, "
      "CASE WHEN i = 1300 THEN 'text' ELSE i END AS num FROM n";
  for (std::string format : {"table", "markdown"}) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK);
    OutputOptions o;
    o.format = parse_format(format).value();
    std::ostringstream out, err;
    EXPECT_EQ(write_statement(out, err, st, o), 1500u);
    sqlite3_finalize(st);
    std::istringstream lines(out.str());
    std::vector<std::string> all;
    for (std::string line; std::getline(lines, line);) all.push_back(line);
    ASSERT_EQ(all.size(), 1502u) << format;
    if (format == "table") {
      EXPECT_EQ(all[0], "   i  note   num");
      EXPECT_EQ(all[1], "----  ----  ----");
      EXPECT_EQ(all[2 + 999], "1000  x     1000");
      EXPECT_EQ(all[2 + 1199], "1200  a much wider cell than any before  1200");
      EXPECT_EQ(all[2 + 1299], "1300  x     text");
    } else {
      EXPECT_EQ(all[1], "| ---: | --- | ---: |");  // numbers in the first 1,000 rows: right-aligned
      EXPECT_EQ(all[2 + 1299], "| 1300 | x | text |");
    }
  }
  sqlite3_close(db);
}

TEST(Printers, RegistryListsEveryFormatOnce) {
  // The formats StreamedStatementMatchesCollectedRowsInEveryFormat checks are all there are,
  // and each name and enum value maps to the other.
  EXPECT_EQ(output_format_names(), (std::vector<std::string>{"table", "csv", "tsv", "json", "jsonl", "markdown"}));
  for (const auto& name : output_format_names()) EXPECT_EQ(format_name(parse_format(name).value()), name);
  EXPECT_FALSE(parse_format("xml"));
}
