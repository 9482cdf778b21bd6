// Specs for `yanbao securities import` and codes learned from reports.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "extract/codes.h"
#include "ingest/ingest.h"
#include "store/archive.h"
#include "store/securities.h"

namespace fs = std::filesystem;
using namespace yanbao;

TEST(SecuritiesCsv, CanonicalizesCodesAndReportsBadRowsByLine) {
  auto csv = parse_securities_csv("code,name,exchange\n600519,贵州茅台,SH\nSZ300223,北京君正\n0700.HK,腾讯控股\n"
                                  "12345,坏代码\n688326,\n\"002415\",\"海康威视\"\n");
  ASSERT_EQ(csv.rows.size(), 4u);
  EXPECT_EQ(csv.rows[0].code, "600519.SH");
  EXPECT_EQ(csv.rows[1].code, "300223.SZ");
  EXPECT_EQ(csv.rows[2].code, "00700.HK");
  EXPECT_EQ(csv.rows[2].exchange, "HK");
  EXPECT_EQ(csv.rows[3].code, "002415.SZ");
  ASSERT_EQ(csv.errors.size(), 2u);
  EXPECT_EQ(csv.errors[0], "line 5: not a stock code: '12345'");
  EXPECT_EQ(csv.errors[1], "line 6: empty name for 688326.SH");
}

TEST(SecuritiesCsv, QuotedFieldWithCommaAndNoHeader) {
  auto csv = parse_securities_csv("600000,\"浦发银行,A\"\r\n");
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0].name, "浦发银行,A");
}

TEST(SecuritiesCsv, AkshareCodeNameListWithPandasIndex) {
  // ak.stock_info_a_code_name().to_csv("a.csv") without index=False adds an unnamed column.
  auto csv = parse_securities_csv(",code,name\n0,000001,平安银行\n1,920819,颖泰生物\n2,688981,中芯国际\n");
  ASSERT_EQ(csv.rows.size(), 3u) << (csv.errors.empty() ? "" : csv.errors[0]);
  EXPECT_EQ(csv.rows[0].code, "000001.SZ");
  EXPECT_EQ(csv.rows[0].name, "平安银行");
  EXPECT_EQ(csv.rows[1].code, "920819.BJ");
  EXPECT_EQ(csv.rows[2].code, "688981.SH");
}

TEST(SecuritiesCsv, TushareStockBasicUsesTsCodeAndShortName) {
  auto csv = parse_securities_csv(
      "ts_code,symbol,name,area,industry,fullname,market,exchange,list_date\n"
      "000001.SZ,000001,平安银行,深圳,银行,平安银行股份有限公司,主板,SZSE,19910403\n"
      "600519.SH,600519,贵州茅台,贵州,白酒,贵州茅台酒股份有限公司,主板,SSE,20010827\n");
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_EQ(csv.rows[0].code, "000001.SZ");
  EXPECT_EQ(csv.rows[1].name, "贵州茅台");
  EXPECT_EQ(csv.rows[1].exchange, "SH");
}

TEST(SecuritiesCsv, TushareSymbolWithExchangeColumn) {
  auto csv = parse_securities_csv("symbol,name,exchange\n600000,浦发银行,SSE\n430047,诺思兰德,BSE\n");
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_EQ(csv.rows[0].code, "600000.SH");
  EXPECT_EQ(csv.rows[1].code, "430047.BJ");
}

TEST(SecuritiesCsv, ChineseHeadersInAnyColumnOrder) {
  auto csv = parse_securities_csv("序号,名称,代码,最新价\n1,*ST金科,000656,1.02\n2,腾讯控股,00700,380.2\n");
  ASSERT_EQ(csv.rows.size(), 2u) << (csv.errors.empty() ? "" : csv.errors[0]);
  EXPECT_EQ(csv.rows[0].code, "000656.SZ");
  EXPECT_EQ(csv.rows[0].name, "*ST金科");
  auto alt = parse_securities_csv("证券代码,证券简称\n300750,宁德时代\n");
  ASSERT_EQ(alt.rows.size(), 1u);
  EXPECT_EQ(alt.rows[0].code, "300750.SZ");
}

TEST(SecuritiesCsv, CodesThatLostTheirLeadingZerosGetAHint) {
  auto csv = parse_securities_csv("code,name\n1,平安银行\n12345,坏代码\n");
  ASSERT_EQ(csv.errors.size(), 2u);
  EXPECT_EQ(csv.errors[0], "line 2: not a stock code: '1' (leading zeros lost? keep the code column as text)");
  EXPECT_EQ(csv.errors[1], "line 3: not a stock code: '12345'");
}

TEST(SecuritiesCsv, HeaderlessRowsStayPositional) {
  auto csv = parse_securities_csv("600519,贵州茅台\n300223,北京君正,SZ\n600000,浦发银行,SH,extra\n");
  ASSERT_EQ(csv.rows.size(), 2u);
  ASSERT_EQ(csv.errors.size(), 1u);
  EXPECT_EQ(csv.errors[0], "line 3: expected code,name[,exchange], found 4 field(s)");
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
