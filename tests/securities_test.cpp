// Specs for `yanbao securities import` and codes learned from reports.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>

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
