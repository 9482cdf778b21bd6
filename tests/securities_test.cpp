// Specs for `yanbao securities import` and codes learned from reports.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "extract/codes.h"
#include "ingest/ingest.h"
#include "store/archive.h"
#include "store/securities.h"

namespace fs = std::filesystem;
using namespace yanbao;

namespace {

using Lines = std::vector<std::string>;

/// Each row read as "code name exchange", to compare with a literal list.
Lines rows_of(const SecurityCsv& csv) {
  Lines out;
  for (const auto& r : csv.rows) out.push_back(r.code + " " + r.name + " " + r.exchange);
  return out;
}

}  // namespace

TEST(SecuritiesCsv, CanonicalizesCodesAndReportsBadRowsByLine) {
  auto csv = parse_securities_csv("code,name,exchange\n600519,贵州茅台,SH\nSZ300223,北京君正\n0700.HK,腾讯控股\n"
                                  "12345,坏代码\n688326,\n\"002415\",\"海康威视\"\n");
  EXPECT_EQ(rows_of(csv), (Lines{"600519.SH 贵州茅台 SH", "300223.SZ 北京君正 SZ", "00700.HK 腾讯控股 HK",
                                 "002415.SZ 海康威视 SZ"}));
  EXPECT_EQ(csv.errors, (Lines{"line 5: not a stock code: '12345'", "line 6: empty name for 688326.SH"}));
}

TEST(SecuritiesCsv, QuotedFieldWithCommaAndNoHeader) {
  EXPECT_EQ(rows_of(parse_securities_csv("600000,\"浦发银行,A\"\r\n")), (Lines{"600000.SH 浦发银行,A SH"}));
}

TEST(SecuritiesCsv, AkshareCodeNameListWithPandasIndex) {
  // ak.stock_info_a_code_name().to_csv("a.csv") without index=False adds an unnamed column.
  auto csv = parse_securities_csv(",code,name\n0,000001,平安银行\n1,920819,颖泰生物\n2,688981,中芯国际\n");
  EXPECT_EQ(rows_of(csv), (Lines{"000001.SZ 平安银行 SZ", "920819.BJ 颖泰生物 BJ", "688981.SH 中芯国际 SH"}));
  EXPECT_TRUE(csv.errors.empty());
}

TEST(SecuritiesCsv, TushareStockBasicUsesTsCodeAndShortName) {
  auto csv = parse_securities_csv(
      "ts_code,symbol,name,area,industry,fullname,market,exchange,list_date\n"
      "000001.SZ,000001,平安银行,深圳,银行,平安银行股份有限公司,主板,SZSE,19910403\n"
      "600519.SH,600519,贵州茅台,贵州,白酒,贵州茅台酒股份有限公司,主板,SSE,20010827\n");
  EXPECT_EQ(rows_of(csv), (Lines{"000001.SZ 平安银行 SZ", "600519.SH 贵州茅台 SH"}));
}

TEST(SecuritiesCsv, TushareSymbolWithExchangeColumn) {
  auto csv = parse_securities_csv("symbol,name,exchange\n600000,浦发银行,SSE\n430047,诺思兰德,BSE\n");
  EXPECT_EQ(rows_of(csv), (Lines{"600000.SH 浦发银行 SH", "430047.BJ 诺思兰德 BJ"}));
}

TEST(SecuritiesCsv, ChineseHeadersInAnyColumnOrder) {
  auto csv = parse_securities_csv("序号,名称,代码,最新价\n1,*ST金科,000656,1.02\n2,腾讯控股,00700,380.2\n");
  EXPECT_EQ(rows_of(csv), (Lines{"000656.SZ *ST金科 SZ", "00700.HK 腾讯控股 HK"}));
  EXPECT_TRUE(csv.errors.empty());
  EXPECT_EQ(rows_of(parse_securities_csv("证券代码,证券简称\n300750,宁德时代\n")), (Lines{"300750.SZ 宁德时代 SZ"}));
}

TEST(SecuritiesCsv, CodesThatLostTheirLeadingZerosGetAHint) {
  auto csv = parse_securities_csv("code,name\n1,平安银行\n12345,坏代码\n");
  EXPECT_EQ(csv.errors, (Lines{"line 2: not a stock code: '1' (leading zeros lost? keep the code column as text)",
                               "line 3: not a stock code: '12345'"}));
}

TEST(SecuritiesCsv, HeaderlessRowsStayPositional) {
  auto csv = parse_securities_csv("600519,贵州茅台\n300223,北京君正,SZ\n600000,浦发银行,SH,extra\n");
  EXPECT_EQ(rows_of(csv), (Lines{"600519.SH 贵州茅台 SH", "300223.SZ 北京君正 SZ"}));
  EXPECT_EQ(csv.errors, (Lines{"line 3: expected code,name[,exchange], found 4 field(s)"}));
}

TEST(Securities, MarkedNamesShareOneBaseName) {
  for (const char* n : {"*ST金科", "ST金科", "金科"}) EXPECT_EQ(base_name(n), "金科") << n;
  for (const char* n : {"N长光", "C长光"}) EXPECT_EQ(base_name(n), "长光") << n;
  for (const char* n : {"小米集团-W", "百济神州-U", "美团-W"}) EXPECT_EQ(base_name(n).find('-'), std::string::npos) << n;
  EXPECT_EQ(base_name("NIO"), "NIO");  // an ASCII name is not a marked one
}

TEST(Securities, ImportedNameGivesCodeToStoredPicks) {
  std::string tmpl = (fs::temp_directory_path() / "yanbao-sec-XXXXXX").string();
  fs::path dir = mkdtemp(tmpl.data());
  std::string db_path = (dir / "a.db").string();
  {
    auto db = open_archive_for_write(db_path);
    db->exec("INSERT INTO reports (id, root, path, body, sha256, encoding, size, mtime_ns, parser_version, ingested_at)"
             " VALUES (1, '/r', 'a.md', '', 'x', 'utf-8', 0, 0, 1, '')");
    db->exec("INSERT INTO picks (report_id, seq, name, base_name, kind) VALUES (1, 1, '贵州茅台', '贵州茅台', 'recommend')");
    import_securities(*db, parse_securities_csv("600519,贵州茅台\n").rows);
    EXPECT_EQ(db->execAndGet("SELECT code FROM picks").getString(), "600519.SH");
    EXPECT_EQ(db->execAndGet("SELECT code_source FROM picks").getString(), "archive");
  }
  fs::remove_all(dir);
}
