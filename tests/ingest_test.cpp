// Specs for decoding, front matter, report fields and the incremental ingest.
#include <gtest/gtest.h>

#include "test_util.h"
#include "search_check.h"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include "extract/meta.h"
#include "ingest/decode.h"
#include "ingest/frontmatter.h"
#include "ingest/ingest.h"
#include "ingest/report.h"
#include "store/archive.h"
#include "store/bulk.h"
#include "store/statements.h"
#include "util/error.h"
#include "util/sha256.h"

namespace fs = std::filesystem;
using namespace yanbao;

using yanbao::test::slurp;
using yanbao::test::TempDir;

namespace {

const fs::path kData = fs::path(YANBAO_TEST_DATA) / "ingest";

ParseOutcome parse_fixture(const std::string& rel) { return parse_report(slurp(kData / rel), rel); }

int64_t count(SQLite::Database& db, const std::string& table) {
  return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

struct CliResult {
  int code;
  std::string out, err;
};

/// Runs the yanbao binary with args (already shell-quoted) and captures its streams.
CliResult run_cli(const std::string& args) {
  TempDir t;
  std::string cmd = std::string(YANBAO_BIN) + " " + args + " >" + (t.path / "out").string() + " 2>" +
                    (t.path / "err").string();
  int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), slurp(t.path / "out"), slurp(t.path / "err")};
}

IngestSummary ingest_quietly(const std::string& db, const std::string& dir, IngestOptions opt = {}) {
  opt.dirs = {dir};
  std::ostringstream err;
  return run_ingest(db, opt, err);
}

}  // namespace

TEST(Decode, PlainUtf8IsKept) {
  Decoded d;
  FileProblem p;
  ASSERT_TRUE(decode_text("标题\n正文", d, p));
  EXPECT_EQ(d.text, "标题\n正文");
  EXPECT_EQ(d.encoding, "utf-8");
}

TEST(Decode, BomIsStrippedAndCrlfFolded) {
  auto r = parse_fixture("good/bom-crlf.md");
  ASSERT_TRUE(r.ok) << r.problem.message;
  EXPECT_EQ(r.report.encoding, "utf-8-bom");
  EXPECT_EQ(r.report.title, "医药行业周报：带BOM与CRLF");
  EXPECT_EQ(r.report.body.find('\r'), std::string::npos);
  EXPECT_EQ(r.report.broker, "BOM证券");
}

TEST(Decode, CarriageReturnOnlyLineEndings) {
  auto r = parse_fixture("good/cr-only.md");
  ASSERT_TRUE(r.ok) << r.problem.message;
  EXPECT_EQ(r.report.title, "只有CR换行的周报：标题");
  EXPECT_EQ(r.report.report_date, "2025-02-17");
}

TEST(Decode, GbkIsDetectedAndConverted) {
  auto r = parse_fixture("good/gbk.md");
  ASSERT_TRUE(r.ok) << r.problem.message;
  EXPECT_EQ(r.report.encoding, "gb18030");
  EXPECT_EQ(r.report.title, "传媒行业周报：GBK编码");
  EXPECT_EQ(r.report.broker, "浙商证券");
  EXPECT_EQ(r.report.series, "传媒行业周报");
}

TEST(Decode, EmptyFileIsRejected) {
  auto r = parse_fixture("bad/empty.md");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem.message, "empty file");
}

TEST(Decode, NulByteMeansBinary) {
  auto r = parse_fixture("bad/binary.md");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.message.find("binary file"), std::string::npos) << r.problem.message;
}

TEST(Decode, InvalidUtf8InsideChineseTextIsRejectedWithLine) {
  auto r = parse_fixture("bad/invalid-utf8.md");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.message.find("invalid UTF-8"), std::string::npos) << r.problem.message;
  EXPECT_EQ(r.problem.line, 6);
}

TEST(FrontMatter, YamlValuesStayTextAsWritten) {
  auto r = parse_fixture("good/weekly-utf8.md");
  ASSERT_TRUE(r.ok) << r.problem.message;
  EXPECT_NE(r.report.front_matter_json.find("\"code\":\"002415\""), std::string::npos) << r.report.front_matter_json;
  EXPECT_EQ(r.report.published, "2025-03-09 19:50:00");
  EXPECT_EQ(r.report.report_date, "2025-03-09");
  EXPECT_EQ(r.report.series, "中小盘周报");
  EXPECT_EQ(r.report.broker, "测试证券");
  EXPECT_EQ(r.report.url, "https://www.hibor.com.cn/data/0123456789abcdef0123456789abcdef.html");
  std::vector<std::pair<std::string, std::string>> want = {{"category", "hibor"}, {"tag", "hibor"}, {"tag", "周报"}};
  EXPECT_EQ(r.report.tags, want);
}

TEST(FrontMatter, TomlBetweenPlusFences) {
  auto r = parse_fixture("good/toml.md");
  ASSERT_TRUE(r.ok) << r.problem.message;
  EXPECT_EQ(r.report.front_format, "toml");
  EXPECT_EQ(r.report.title, "计算机行业周报：TOML前言");
  EXPECT_EQ(r.report.report_date, "2025-02-24");
  EXPECT_EQ(r.report.broker, "华西证券");
}

TEST(FrontMatter, NoneTakesTitleFromHeadingAndDateFromFileName) {
  auto r = parse_fixture("good/no-front-matter-20250302.md");
  ASSERT_TRUE(r.ok) << r.problem.message;
  EXPECT_EQ(r.report.front_format, "");
  EXPECT_EQ(r.report.title, "开源证券-中小盘周报：没有前言的文件");
  EXPECT_EQ(r.report.report_date, "2025-03-02");
  EXPECT_EQ(r.report.broker, "开源证券");
  EXPECT_EQ(r.report.series, "中小盘周报");
}

TEST(FrontMatter, BareYamlDateAndAuthorAsBroker) {
  auto r = parse_fixture("good/bare-yaml-date.md");
  ASSERT_TRUE(r.ok) << r.problem.message;
  EXPECT_EQ(r.report.report_date, "2025-02-23");
  EXPECT_EQ(r.report.broker, "中信建投证券");
}

TEST(FrontMatter, MalformedYamlNamesItsLine) {
  auto r = parse_fixture("bad/bad-yaml.md");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.message.find("malformed YAML front matter"), std::string::npos);
  EXPECT_GE(r.problem.line, 2);
  EXPECT_LE(r.problem.line, 4);
}

TEST(FrontMatter, UnclosedIsRejectedAtLineOne) {
  auto r = parse_fixture("bad/unclosed.md");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem.message, "front matter opened with '---' on line 1 is never closed");
  EXPECT_EQ(r.problem.line, 1);
}

TEST(FrontMatter, AliasBombIsRejectedQuickly) {
  std::string yaml = "---\na: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    yaml += std::string(1, c) + ": &" + std::string(1, c) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  yaml += "title: 炸弹\n---\n正文\n";
  auto r = parse_report(yaml, "bomb.md");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.message.find("too large"), std::string::npos) << r.problem.message;
}

TEST(ReportFields, SeriesNeedsASeriesWord) {
  EXPECT_EQ(series_from_title("电子行业周报：AI端侧加速落地"), "电子行业周报");
  EXPECT_EQ(series_from_title("开源证券-中小盘周报：标题"), "中小盘周报");
  EXPECT_FALSE(series_from_title("北京君正（300223）：Q4营收环比改善"));
  // A company note that ends in 点评 names its stock by code: one report, not a series.
  EXPECT_FALSE(series_from_title("甲乙股份(002999)2024年报及2025年一季报点评：成本下行"));
  EXPECT_EQ(broker_from_source_line("（以下内容从某某证券《行业周报：标题》研报附件原文摘录）\n\n正文。\n"), "某某证券");
  EXPECT_FALSE(broker_from_source_line("（以下内容从网络《某文章》摘录）\n"));
  EXPECT_FALSE(series_from_title("没有冒号的标题"));
}

TEST(ReportFields, SourceLineBeatsFrontMatterAuthor) {
  auto r = parse_report("---\ntitle: 周报：x\nauthor: 张三\n---\n正文\n\n来源：国信证券\n", "a.md");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.report.broker, "国信证券");
}

TEST(ReportFields, ChartDataSourceIsNotTheBroker) {
  EXPECT_FALSE(broker_from_source_line("资料来源：Wind，开源证券研究所\n"));
}

TEST(ReportFields, UrlIsTheLastLinkWithAPath) {
  EXPECT_EQ(source_url("见[https://www.hibor.com.cn](https://www.hibor.com.cn/)。\n\n[hibor](https://x.cn/data/1.html)\n"),
            "https://x.cn/data/1.html");
  EXPECT_FALSE(source_url("[home](https://www.hibor.com.cn/)\n"));
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(Sha256, HardwareAndPortablePathsAgreeOnEveryLengthAndBlockBoundary) {
  if (!sha256_detail::hardware_available()) GTEST_SKIP() << "this CPU has no SHA extensions";
  std::mt19937 rng(7);
  std::string data;
  for (size_t n = 0; n <= 1100; ++n) {  // every tail shape, one to many blocks
    data.resize(n);
    for (auto& c : data) c = static_cast<char>(rng());
    ASSERT_EQ(sha256_detail::hex(data, true), sha256_detail::hex(data, false)) << "length " << n;
  }
  data.assign(1 << 20, '\0');
  for (auto& c : data) c = static_cast<char>(rng());
  EXPECT_EQ(sha256_detail::hex(data, true), sha256_detail::hex(data, false));
  EXPECT_EQ(sha256_detail::hex("abc", true), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Archive, MigrationsAreNumberedWithoutGaps) {
  TempDir t;
  auto db = open_archive_for_write((t.path / "a.db").string());
  EXPECT_EQ(db->execAndGet("PRAGMA user_version").getInt(), latest_schema_version());
  EXPECT_GE(latest_schema_version(), 1);
}

TEST(Archive, NewerArchiveIsRefusedNamingBothVersions) {
  TempDir t;
  std::string path = (t.path / "a.db").string();
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 999");
  }
  try {
    open_archive_for_write(path);
    FAIL() << "expected a FatalError";
  } catch (const FatalError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("999"), std::string::npos) << msg;
    EXPECT_NE(msg.find(std::to_string(latest_schema_version())), std::string::npos) << msg;
  }
}

TEST(Archive, ReadOnlyOpenOfMissingFileCreatesNothing) {
  TempDir t;
  std::string path = (t.path / "missing.db").string();
  EXPECT_THROW(open_archive_readonly(path), FatalError);
  EXPECT_FALSE(fs::exists(path));
}

TEST(Ingest, SecondRunChangesNothing) {
  TempDir t;
  std::string db = (t.path / "a.db").string();
  auto first = ingest_quietly(db, (kData / "good").string());
  EXPECT_EQ(first.added, 7);
  EXPECT_EQ(first.rejected, 0);
  auto second = ingest_quietly(db, (kData / "good").string());
  EXPECT_EQ(second.added, 0);
  EXPECT_EQ(second.unchanged, 7);
  SQLite::Database a(db);
  EXPECT_EQ(count(a, "reports"), 7);
  EXPECT_EQ(count(a, "report_tags"), 4);
  EXPECT_EQ(a.execAndGet("SELECT path FROM reports WHERE title LIKE '%GBK%'").getString(), "gbk.md");
}

TEST(Ingest, TouchChangesNothingEditReplacesDeletePrunes) {
  TempDir t;
  fs::copy(kData / "good", t.path / "in", fs::copy_options::recursive);
  std::string db = (t.path / "a.db").string(), in = (t.path / "in").string();
  ingest_quietly(db, in);
  SQLite::Database a(db);
  int64_t news_before = count(a, "news");

  // touch: new mtime, same bytes → read and hashed, but not re-extracted: same report row
  int64_t toml_id = a.execAndGet("SELECT id FROM reports WHERE path = 'toml.md'").getInt64();
  fs::last_write_time(t.path / "in/toml.md", fs::file_time_type::clock::now());
  auto touched = ingest_quietly(db, in);
  EXPECT_EQ(touched.added, 0);
  EXPECT_EQ(touched.changed, 0);
  EXPECT_EQ(touched.unchanged, 7);
  EXPECT_EQ(a.execAndGet("SELECT id FROM reports WHERE path = 'toml.md'").getInt64(), toml_id);
  auto second_touch = ingest_quietly(db, in);  // the new mtime was recorded: skipped unread
  EXPECT_EQ(second_touch.unchanged, 7);
  EXPECT_EQ(count(a, "reports"), 7);
  EXPECT_EQ(count(a, "news"), news_before);

  // edit: the report is replaced
  std::ofstream(t.path / "in/toml.md", std::ios::app) << "\n本周要闻：新的一条；另一条。\n";
  auto edited = ingest_quietly(db, in);
  EXPECT_EQ(edited.changed, 1);
  EXPECT_EQ(count(a, "reports"), 7);

  // delete: kept until --prune
  fs::remove(t.path / "in/toml.md");
  auto gone = ingest_quietly(db, in);
  EXPECT_EQ(gone.gone, 1);
  EXPECT_EQ(count(a, "reports"), 7);
  IngestOptions prune;
  prune.prune = true;
  auto pruned = ingest_quietly(db, in, prune);
  EXPECT_EQ(pruned.removed, 1);
  EXPECT_EQ(count(a, "reports"), 6);
  EXPECT_EQ(count(a, "files"), 6);
}

TEST(Ingest, ReingestMatchesStoredFilesInBytewisePathOrder) {
  // Ingest walks the folder and reads the stored files of the root side by side, both in
  // bytewise path order. Names where '-' and '0' sort around '/', upper and lower case, and
  // UTF-8 (bytes above 0x7F, which must compare as unsigned) all have to line up, or a
  // second run would read files again and count others as gone.
  TempDir t;
  const std::string good = slurp(kData / "good" / "toml.md");
  const std::vector<std::string> names = {"a.md", "a-b.md", "a0.md", "a/b.md", "a/b/c.md", "ab.md", "Z.md",
                                          "z.md", "中小盘/周报.md", "中小盘.md", "中/报告.md", "é.md"};
  for (size_t i = 0; i < names.size(); ++i) {
    fs::create_directories((t.path / "in" / names[i]).parent_path());
    std::ofstream(t.path / "in" / names[i]) << good << "\n<!-- " << i << " -->\n";
  }
  std::string db = (t.path / "a.db").string(), in = (t.path / "in").string();
  auto first = ingest_quietly(db, in);
  EXPECT_EQ(first.added, static_cast<int64_t>(names.size()));
  auto second = ingest_quietly(db, in);
  EXPECT_EQ(second.added + second.changed + second.gone + second.removed, 0);
  EXPECT_EQ(second.unchanged, static_cast<int64_t>(names.size()));

  // a new file just before stored ones that start with bytes above 0x7F
  std::ofstream(t.path / "in/zz.md") << good;
  auto added = ingest_quietly(db, in);
  EXPECT_EQ(added.added, 1);
  EXPECT_EQ(added.unchanged, static_cast<int64_t>(names.size()));
  EXPECT_EQ(added.gone, 0);
  fs::remove(t.path / "in/zz.md");

  fs::remove(t.path / "in/a/b.md");
  fs::remove(t.path / "in/中小盘.md");
  IngestOptions prune;
  prune.prune = true;
  auto pruned = ingest_quietly(db, in, prune);
  EXPECT_EQ(pruned.removed, 3);  // and zz.md
  EXPECT_EQ(pruned.unchanged, static_cast<int64_t>(names.size()) - 2);
  EXPECT_EQ(pruned.added, 0);
  SQLite::Database a(db);
  EXPECT_EQ(count(a, "files"), static_cast<int64_t>(names.size()) - 2);
  EXPECT_EQ(a.execAndGet("SELECT count(*) FROM files WHERE path IN ('a/b.md', '中小盘.md')").getInt(), 0);
}

TEST(Ingest, IdenticalBytesAtSecondPathAreADuplicate) {
  TempDir t;
  fs::create_directories(t.path / "in/sub");
  fs::copy(kData / "good/weekly-utf8.md", t.path / "in/a.md");
  fs::copy(kData / "good/weekly-utf8.md", t.path / "in/sub/b.md");
  std::string db = (t.path / "a.db").string();
  auto s = ingest_quietly(db, (t.path / "in").string());
  EXPECT_EQ(s.added, 1);
  EXPECT_EQ(s.duplicates, 1);
  SQLite::Database a(db);
  EXPECT_EQ(a.execAndGet("SELECT path FROM reports").getString(), "a.md");

  // When the original changes, the copy becomes a report of its own in the same run.
  std::ofstream(t.path / "in/a.md", std::ios::app) << "\n追加。\n";
  auto again = ingest_quietly(db, (t.path / "in").string());
  EXPECT_EQ(again.changed, 1);
  EXPECT_EQ(again.added, 1);
  EXPECT_EQ(count(a, "reports"), 2);
}

TEST(Ingest, ForceRereadsEverything) {
  TempDir t;
  std::string db = (t.path / "a.db").string();
  ingest_quietly(db, (kData / "good").string());
  IngestOptions force;
  force.force = true;
  auto s = ingest_quietly(db, (kData / "good").string(), force);
  EXPECT_EQ(s.changed, 7);
  SQLite::Database a(db);
  EXPECT_EQ(count(a, "reports"), 7);
}

TEST(Ingest, OlderParserVersionIsReextracted) {
  TempDir t;
  std::string db = (t.path / "a.db").string();
  ingest_quietly(db, (kData / "good").string());
  {
    SQLite::Database a(db, SQLite::OPEN_READWRITE);
    a.exec("UPDATE reports SET parser_version = 0 WHERE path = 'toml.md'");
  }
  auto s = ingest_quietly(db, (kData / "good").string());
  EXPECT_EQ(s.changed, 1);
  EXPECT_EQ(s.unchanged, 6);
}

TEST(Ingest, SymlinkLoopEnds) {
  TempDir t;
  fs::create_directories(t.path / "in/a");
  fs::copy(kData / "good/toml.md", t.path / "in/a/r.md");
  fs::create_directory_symlink(t.path / "in", t.path / "in/a/loop");
  auto s = ingest_quietly((t.path / "a.db").string(), (t.path / "in").string());
  EXPECT_EQ(s.added, 1);
}

TEST(IngestCli, BadFilesAreListedRecordedAndExitThree) {
  TempDir t;
  std::string db = (t.path / "a.db").string();
  auto r = run_cli("ingest '" + (kData / "bad").string() + "' '" + (kData / "good").string() + "' --db '" + db + "'");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("bad/empty.md: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad/binary.md: binary file (NUL byte at offset"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad/unclosed.md:1: front matter opened with '---' on line 1 is never closed"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad/bad-yaml.md:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad/invalid-utf8.md:6: undecodable text: invalid UTF-8 at byte 773"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("7 added, 0 changed, 0 removed, 0 unchanged, 0 duplicates, 5 rejected in"), std::string::npos)
      << r.out;
  SQLite::Database a(db);
  EXPECT_EQ(count(a, "ingest_errors"), 5);
  EXPECT_EQ(a.execAndGet("SELECT line FROM ingest_errors WHERE path = 'unclosed.md'").getInt(), 1);
  EXPECT_EQ(a.execAndGet("SELECT count(*) FROM reports WHERE path LIKE '%bad%'").getInt(), 0);
}

TEST(IngestCli, TooLargeFileIsRejected) {
  TempDir t;
  auto r = run_cli("ingest '" + (kData / "good").string() + "' --max-size 100 --db '" + (t.path / "a.db").string() + "'");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("weekly-utf8.md: file is larger than --max-size (315 > 100 bytes)"), std::string::npos) << r.err;
}

TEST(IngestCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_cli("ingest").code, 2);
  EXPECT_EQ(run_cli("ingest /no/such/folder").code, 2);
  auto r = run_cli("ingset x");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean 'ingest'?"), std::string::npos) << r.err;
}

TEST(IngestCli, DbOptionBeforeOrAfterTheCommand) {
  TempDir t;
  std::string db = (t.path / "a.db").string();
  EXPECT_EQ(run_cli("--db '" + db + "' ingest '" + (kData / "good").string() + "'").code, 0);
  auto r = run_cli("ingest '" + (kData / "good").string() + "' --db '" + db + "'");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("7 unchanged"), std::string::npos) << r.out;
}

TEST(IngestCli, YanbaoDbEnvironmentVariable) {
  TempDir t;
  std::string db = (t.path / "env.db").string();
  auto r = run_cli("ingest '" + (kData / "good").string() + "'; YANBAO_DB='" + db + "' " + YANBAO_BIN + " ingest '" +
                   (kData / "good").string() + "'");
  EXPECT_TRUE(fs::exists(db));
}

TEST(Ingest, FullTextIndexMatchesTheReportsAfterBatchesReplacementsAndPrunes) {
  TempDir t;
  fs::copy(kData / "good", t.path / "in", fs::copy_options::recursive);
  std::string db = (t.path / "a.db").string(), in = (t.path / "in").string();
  ingest_quietly(db, in);
  std::ofstream(t.path / "in/toml.md", std::ios::app) << "\n本周要闻：智驾新规发布。\n";
  fs::remove(t.path / "in/gbk.md");
  IngestOptions prune;
  prune.prune = true;
  ingest_quietly(db, in, prune);
  auto a = open_archive_for_write(db);
  // The index holds exactly the segmented text of every report, row by row.
  EXPECT_TRUE(test::index_matches_content(*a));
  EXPECT_EQ(a->execAndGet("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH '\"智驾\"'").getInt(), 1);
  EXPECT_EQ(a->execAndGet("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH '\"芒果\"'").getInt(), 0);
}

TEST(Decode, BytesValidInNeitherEncodingAreUndecodable) {
  auto r = parse_report(std::string("---\ntitle: x\n---\nabc\n\x80\x80 def\n"), "x.md");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem.message, "undecodable text: invalid UTF-8 at byte 21 and not GB18030 either");
  EXPECT_EQ(r.problem.line, 5);
}

TEST(IngestCli, NeitherFolderNorFileIsAUsageError) {
  // (a report file is taken: see cli_test.cpp, IngestCli.TakesFilesAsWellAsFolders)
  TempDir t;
  ASSERT_EQ(mkfifo((t.path / "pipe").c_str(), 0600), 0);
  auto r = run_cli("ingest '" + (t.path / "pipe").string() + "' --db '" + (t.path / "a.db").string() + "'");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("a FIFO, neither a folder nor a file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(t.path / "a.db"));
}

TEST(BulkLoad, OnlyLargeLoadsDeferTheQueryIndexes) {
  EXPECT_FALSE(worth_deferring_indexes(50, 0));         // a weekly update of a new archive
  EXPECT_FALSE(worth_deferring_indexes(5000, 100000));  // a big update of a bigger archive
  EXPECT_TRUE(worth_deferring_indexes(10000, 0));       // the first ingest of a history
  EXPECT_TRUE(worth_deferring_indexes(100000, 60000));  // more than doubling it
}

TEST(BulkLoad, DeferredIndexesAreOnlyQueryIndexesAndComeBackWithTheirDefinitions) {
  TempDir t;
  std::string db = (t.path / "a.db").string();
  auto a = open_archive_for_write(db);
  auto schema = [&] {
    std::map<std::string, std::string> out;
    SQLite::Statement st(*a, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getString();
    return out;
  };
  const auto before = schema();
  {
    SQLite::Transaction tx(*a);
    EXPECT_GT(defer_query_indexes(*a), 10);
    tx.commit();
  }
  const auto during = schema();
  EXPECT_EQ(during.count("picks_by_code"), 0u);
  EXPECT_EQ(during.count("reports_by_sha256"), 1u);        // the writer's duplicate lookup
  EXPECT_EQ(during.count("security_aliases_by_code"), 1u);  // not a report table
  EXPECT_EQ(count(*a, "deferred_indexes"), static_cast<int64_t>(before.size() - during.size()));
  EXPECT_GT(build_deferred_indexes(*a), 10);
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(count(*a, "deferred_indexes"), 0);
  EXPECT_EQ(build_deferred_indexes(*a), 0);  // nothing left: a no-op
}

TEST(BulkLoad, IndexesLeftDeferredByAKilledIngestAreBuiltByTheNextOne) {
  TempDir t;
  std::string db = (t.path / "a.db").string();
  ingest_quietly(db, (kData / "good").string());
  {
    auto a = open_archive_for_write(db);  // what a bulk load killed mid-way leaves behind
    SQLite::Transaction tx(*a);
    defer_query_indexes(*a);
    tx.commit();
  }
  auto again = ingest_quietly(db, (kData / "good").string());
  EXPECT_EQ(again.unchanged, 7);
  SQLite::Database a(db);
  EXPECT_EQ(count(a, "deferred_indexes"), 0);
  EXPECT_EQ(a.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'picks_by_base_name'").getInt(), 1);
}

TEST(RowStatement, BindsByNameWithoutCopyingAndRejectsUnknownNames) {
  TempDir t;
  auto a = open_archive_for_write((t.path / "a.db").string());
  a->exec("INSERT INTO reports (id, root, path, title, body, sha256, encoding, size, mtime_ns, parser_version, "
          "ingested_at) VALUES (1, '/r', 'a.md', 't', 'b', 'h', 'utf-8', 1, 1, 1, 'now')");
  RowStatement news(*a, "insert_news");
  std::string text;
  for (int seq = 1; seq <= 3; ++seq) {
    text = "第" + std::to_string(seq) + "条";  // the same buffer, rebound for each row
    news.bind(":report_id", int64_t{1});
    news.bind(":seq", seq);
    news.bind(":text", text);
    news.exec_and_reset();
  }
  const std::string same_name_elsewhere = ":text";  // not the literal: found by its text
  news.bind(":report_id", int64_t{1});
  news.bind(":seq", 4);
  news.bind_null(same_name_elsewhere.c_str());
  EXPECT_THROW(news.exec_and_reset(), SQLite::Exception);  // news.text is NOT NULL
  EXPECT_THROW(news.bind(":no_such_parameter", 1), std::logic_error);
  EXPECT_EQ(a->execAndGet("SELECT group_concat(text, '|') FROM (SELECT text FROM news ORDER BY seq)").getString(),
            "第1条|第2条|第3条");
}

TEST(Bench, RejectsBadArgumentsBeforeBuildingAnything) {
  // tools/bench checks its arguments first: a bad one costs no build and no corpus.
  TempDir t;
  auto run = [&](const std::string& args) {
    const std::string cmd = "bash " YANBAO_SOURCE_DIR "/tools/bench " + args + " >/dev/null 2>" + (t.path / "err").string();
    const int status = std::system(cmd.c_str());
    return std::make_pair(WEXITSTATUS(status), slurp(t.path / "err"));
  };
  const std::string data = " --data '" + (t.path / "data").string() + "'";
  EXPECT_EQ(run("--listings x" + data), std::make_pair(2, std::string("bench: --listings wants a count, not 'x'\n")));
  EXPECT_EQ(run("--runs 0" + data), std::make_pair(2, std::string("bench: --runs wants a count of 1 or more, not '0'\n")));
  EXPECT_EQ(run("--jobs two" + data), std::make_pair(2, std::string("bench: --jobs wants a count of 1 or more, not 'two'\n")));
  EXPECT_EQ(run("--seed -1" + data), std::make_pair(2, std::string("bench: --seed wants a whole number, not '-1'\n")));
  EXPECT_EQ(run("--sizes 10k" + data), std::make_pair(2, std::string("bench: --sizes wants N[,N...], not '10k'\n")));
  EXPECT_EQ(run(data + " --runs"), std::make_pair(2, std::string("bench: --runs wants a value\n")));
  EXPECT_EQ(run("--data " YANBAO_SOURCE_DIR "/x"), std::make_pair(2, std::string("bench: --data must be outside the repo\n")));
  EXPECT_EQ(run("--frobnicate" + data).first, 2);
  EXPECT_EQ(run("--help").first, 0);
  EXPECT_FALSE(fs::exists(t.path / "data"));
}

TEST(GenCorpus, RejectsCountsThatAreNotWholeNumbers) {
  TempDir t;
  auto run = [&](const std::string& args) {
    const std::string cmd = std::string(GEN_CORPUS_BIN) + " " + args + " >/dev/null 2>" + (t.path / "err").string();
    const int status = std::system(cmd.c_str());
    return std::make_pair(WEXITSTATUS(status), slurp(t.path / "err"));
  };
  const std::string out = "'" + (t.path / "c").string() + "'";
  EXPECT_EQ(run("3 " + out + " --listings abc"),
            std::make_pair(2, std::string("gen_corpus: --listings wants a whole number, not 'abc'\n")));
  EXPECT_EQ(run("3 " + out + " --seed=-1"),
            std::make_pair(2, std::string("gen_corpus: --seed wants a whole number, not '-1'\n")));
  EXPECT_EQ(run("3 " + out + " --listings 110001"),
            std::make_pair(2, std::string("gen_corpus: --listings is at most 110000\n")));
  EXPECT_EQ(run("x " + out).first, 2);
  EXPECT_FALSE(fs::exists(t.path / "c"));
  EXPECT_EQ(run("3 " + out + " --seed 7 --listings=2").first, 0);
}

// Issue 13, item 2: a read that fails (a file read torn while it is written, or one that
// turned into something unreadable) never deletes the report of the last good read. The
// error is recorded, the run exits 3, and the report is replaced only by a good read.
TEST(Ingest, BadReadKeepsTheLastGoodReportUntilAGoodOne) {
  TempDir t;
  fs::copy(kData / "good", t.path / "in", fs::copy_options::recursive);
  const std::string db = (t.path / "a.db").string(), in = (t.path / "in").string();
  ingest_quietly(db, in);
  SQLite::Database a(db);
  const std::string title = a.execAndGet("SELECT title FROM reports WHERE path = 'toml.md'").getString();
  const std::string good = slurp(t.path / "in/toml.md");

  // Torn: the front matter's first lines only, as a writer that has not finished leaves it.
  test::spit(t.path / "in/toml.md", good.substr(0, 12));
  for (int run = 0; run < 2; ++run) {  // and again while it stays bad
    auto torn = ingest_quietly(db, in);
    EXPECT_EQ(torn.rejected, 1) << "run " << run;
    EXPECT_EQ(torn.changed + torn.removed, 0) << "run " << run;
    EXPECT_EQ(a.execAndGet("SELECT title FROM reports WHERE path = 'toml.md'").getString(), title) << "run " << run;
    EXPECT_EQ(a.execAndGet("SELECT status FROM files WHERE path = 'toml.md'").getString(), "report");
    EXPECT_EQ(count(a, "ingest_errors"), 1);
  }
  EXPECT_EQ(count(a, "reports"), 7);

  // Written whole: replaced, and the error is gone.
  test::spit(t.path / "in/toml.md", good + "\n本周要闻：写完了的一条；另一条。\n");
  auto whole = ingest_quietly(db, in);
  EXPECT_EQ(whole.changed, 1);
  EXPECT_EQ(whole.rejected, 0);
  EXPECT_EQ(count(a, "ingest_errors"), 0);

  // Torn, then back to the very bytes stored: the same report, and no error left either.
  const std::string stored = slurp(t.path / "in/toml.md");
  test::spit(t.path / "in/toml.md", "");
  EXPECT_EQ(ingest_quietly(db, in).rejected, 1);
  test::spit(t.path / "in/toml.md", stored);
  auto back = ingest_quietly(db, in);
  EXPECT_EQ(back.rejected + back.changed, 0);
  EXPECT_EQ(count(a, "ingest_errors"), 0);

  // A FIFO in the file's place: it is there, only not readable as a report. --prune forgets
  // only files that are gone, and the read never blocks on the FIFO.
  fs::remove(t.path / "in/gbk.md");
  ASSERT_EQ(mkfifo((t.path / "in/gbk.md").c_str(), 0644), 0);
  IngestOptions prune;
  prune.prune = true;
  auto pruned = ingest_quietly(db, in, prune);
  EXPECT_EQ(pruned.removed, 0);
  EXPECT_EQ(pruned.rejected, 1);
  EXPECT_EQ(count(a, "reports"), 7);
  EXPECT_EQ(a.execAndGet("SELECT count(*) FROM reports WHERE path = 'gbk.md'").getInt(), 1);
  fs::remove(t.path / "in/gbk.md");
  auto gone = ingest_quietly(db, in, prune);
  EXPECT_EQ(gone.removed, 1);
  EXPECT_EQ(gone.rejected, 0);
  EXPECT_EQ(count(a, "reports"), 6);
  EXPECT_EQ(count(a, "ingest_errors"), 0);
}

// Issue 13, item 3: --force on a full archive re-reads every file but is no bulk load (the
// README's rule: at least 2,000 new files and at least as many as the archive holds). The
// query indexes and summaries stay in place, so queries stay fast while it runs.
TEST(BulkLoad, ForceOnAFullArchiveIsNoBulkLoad) {
  TempDir t;
  const fs::path corpus = t.path / "c";
  ASSERT_EQ(std::system((std::string(GEN_CORPUS_BIN) + " 2000 " + test::shell_quote(corpus.string()) +
                         " --seed 3 >/dev/null").c_str()),
            0);
  const std::string db = (t.path / "a.db").string();
  auto first = ingest_quietly(db, corpus.string());
  EXPECT_EQ(first.added, 2000);
  EXPECT_TRUE(first.bulk_load);
  IngestOptions force;
  force.force = true;
  auto forced = ingest_quietly(db, corpus.string(), force);
  EXPECT_EQ(forced.changed, 2000);
  EXPECT_FALSE(forced.bulk_load);
}

// Issue 13, item 4: two ingests of one folder. The one that waited for the write lock
// compares its work again with what is committed then, and does not redo what the other did.
TEST(Ingest, AnIngestThatWaitedForTheLockDoesNotRedoWhatAnotherCommitted) {
  TempDir t;
  const std::string db = (t.path / "a.db").string(), in = (kData / "good").string();
  ingest_quietly(db, (t.path).string());  // creates the archive; the folder holds no report
  IngestOptions opt;
  // Between this run's look at the archive and its writes, another ingest does everything.
  opt.before_write_lock = [&] { std::thread([&] { ingest_quietly(db, in); }).join(); };
  auto waited = ingest_quietly(db, in, opt);
  EXPECT_EQ(waited.added, 0);
  EXPECT_EQ(waited.changed, 0);
  EXPECT_EQ(waited.unchanged, 7);
  SQLite::Database a(db);
  EXPECT_EQ(count(a, "reports"), 7);
  EXPECT_EQ(a.execAndGet("SELECT max(id) FROM reports").getInt(), 7);  // nothing deleted and inserted again
}
