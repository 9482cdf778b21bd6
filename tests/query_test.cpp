// yanbao query: read-only ad-hoc SQL, bound parameters, and the CLI around it.
#include <gtest/gtest.h>

#include "test_util.h"
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "query/sql.h"
#include "store/archive.h"
#include "util/error.h"

using namespace yanbao;
namespace fs = std::filesystem;

namespace {

using test::FixtureArchive;
using test::slurp;
using Fixture = FixtureArchive;
using Run = test::CliRun;

using test::run_yanbao;

}  // namespace

TEST(Query, RunsASelectWithBoundTextParameter) {
  Fixture f;
  auto db = open_archive_readonly(f.db);
  ResultSet rs = run_readonly_sql(db->getHandle(), "SELECT name, code FROM picks WHERE code = :c ORDER BY report_id LIMIT 1",
                                  {{"c", std::string("600519.SH")}});
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(rs.rows[0][0]), "贵州茅台");
}

TEST(Query, LeadingZeroParameterStaysText) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "--format", "json", "query", "SELECT :code AS v, typeof(:code) AS t", "-p", "code=000001"},
                  f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "[\n  {\"v\":\"000001\",\"t\":\"text\"}\n]\n");
}

TEST(Query, ParameterIsBoundNotSpliced) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "-f", "csv", "query", "SELECT count(*) AS n FROM reports WHERE broker = :b", "-p",
                   "b=x' OR '1'='1"},
                  f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "n\r\n0\r\n");
}

TEST(Query, RejectsWritesWithExitCode2) {
  Fixture f;
  for (std::string sql : {"DELETE FROM reports", "INSERT INTO risks VALUES (1, 9, 'x')", "UPDATE reports SET title = 'x'",
                          "DROP TABLE picks", "CREATE TABLE t (x)", "CREATE TEMP TABLE t (x)", "VACUUM",
                          "REINDEX", "ANALYZE"}) {
    auto r = run_yanbao({"--db", f.db, "query", sql}, f.dir);
    EXPECT_EQ(r.code, 2) << sql << ": " << r.err;
    EXPECT_NE(r.err.find("yanbao:"), std::string::npos) << sql;
  }
  auto db = open_archive_readonly(f.db);
  EXPECT_EQ(run_readonly_sql(db->getHandle(), "SELECT count(*) FROM reports", {}).rows[0][0], Value(std::int64_t{7}));
}

TEST(Query, RejectsEveryStatementOfAMultiStatementInput) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "query", "SELECT 1; DELETE FROM reports"}, f.dir);
  EXPECT_EQ(r.code, 2);
  auto r2 = run_yanbao({"--db", f.db, "query", "SELECT 1; SELECT 2"}, f.dir);
  EXPECT_EQ(r2.code, 2);
  EXPECT_NE(r2.err.find("one SQL statement"), std::string::npos) << r2.err;
  auto r3 = run_yanbao({"--db", f.db, "query", "SELECT 1; -- trailing comment\n"}, f.dir);
  EXPECT_EQ(r3.code, 0) << r3.err;
}

TEST(Query, RejectsAttachAndCreatesNoFile) {
  Fixture f;
  auto target = f.dir / "other.db";
  auto r = run_yanbao({"--db", f.db, "query", "ATTACH DATABASE '" + target.string() + "' AS x"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("ATTACH"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(target));
  auto r2 = run_yanbao({"--db", f.db, "query", "SELECT * FROM pragma_database_list"}, f.dir);
  EXPECT_EQ(r2.code, 0) << r2.err;
  auto r3 = run_yanbao({"--db", f.db, "query", "VACUUM INTO '" + target.string() + "'"}, f.dir);
  EXPECT_EQ(r3.code, 2);
  EXPECT_FALSE(fs::exists(target));
}

TEST(Query, RejectsPragmasThatWriteButAllowsReadingOnes) {
  Fixture f;
  EXPECT_EQ(run_yanbao({"--db", f.db, "query", "PRAGMA user_version = 99"}, f.dir).code, 2);
  EXPECT_EQ(run_yanbao({"--db", f.db, "query", "PRAGMA journal_mode = DELETE"}, f.dir).code, 2);
  EXPECT_EQ(run_yanbao({"--db", f.db, "query", "PRAGMA writable_schema = 1"}, f.dir).code, 2);
  auto r = run_yanbao({"--db", f.db, "-f", "csv", "--no-header", "query", "PRAGMA user_version"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, std::to_string(latest_schema_version()) + "\r\n");
  EXPECT_EQ(run_yanbao({"--db", f.db, "query", "PRAGMA table_info(reports)"}, f.dir).code, 0);
}

TEST(Query, ReadsPagesIntoASmallCacheWithoutAMemoryMap) {
  // A query touches a few hundred scattered pages; fresh memory (a map's page tables, new
  // cache buffers) costs more than reading a page again (BENCHMARKS.md, "Session 10").
  Fixture f;
  auto db = open_archive_readonly(f.db);
  run_readonly_sql(db->getHandle(), "SELECT count(*) FROM reports", {});
  EXPECT_EQ(run_readonly_sql(db->getHandle(), "PRAGMA cache_size", {}).rows[0][0], Value(std::int64_t{-512}));
  SQLite::Statement mmap(*db, "PRAGMA mmap_size");
  ASSERT_TRUE(mmap.executeStep());
  EXPECT_EQ(mmap.getColumn(0).getInt64(), 0);
}

TEST(Query, StatementsUnderOneReadSnapshotDoNotSeeAWriteCommittedBetweenThem) {
  // A canned query runs its lets, total, sections and rows under one ReadSnapshot, so they
  // agree with each other while an ingest commits.
  Fixture f;
  auto db = open_archive_readonly(f.db);
  const std::string first_title = "SELECT title FROM reports ORDER BY id LIMIT 1";
  auto write = [&](const std::string& title) {
    SQLite::Database w(f.db, SQLite::OPEN_READWRITE);
    w.exec("UPDATE reports SET title = '" + title + "' WHERE id = (SELECT min(id) FROM reports)");
  };
  {
    const ReadSnapshot snapshot(db->getHandle());
    const Value before = run_readonly_sql(db->getHandle(), first_title, {}).rows[0][0];
    write("改过的标题");
    EXPECT_EQ(run_readonly_sql(db->getHandle(), first_title, {}).rows[0][0], before);
  }
  EXPECT_EQ(run_readonly_sql(db->getHandle(), first_title, {}).rows[0][0], Value(std::string("改过的标题")));
}

TEST(Query, RejectsLoadExtension) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "query", "SELECT load_extension('/tmp/evil.so')"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("load_extension"), std::string::npos) << r.err;
}

TEST(Query, UnknownParameterSuggestsTheClosestName) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "query", "SELECT * FROM picks WHERE code = :code", "-p", "cod=000001"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean 'code'"), std::string::npos) << r.err;
}

TEST(Query, MissingParameterIsAUsageError) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "query", "SELECT * FROM picks WHERE code = :code"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("missing parameter 'code'"), std::string::npos) << r.err;
}

TEST(Query, SqlErrorIsAUsageError) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "query", "SELEC 1"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("SQL error"), std::string::npos) << r.err;
}

TEST(Query, MissingArchiveFailsAndCreatesNoFile) {
  Fixture f;
  auto missing = f.dir / "nope.db";
  auto r = run_yanbao({"--db", missing.string(), "query", "SELECT 1"}, f.dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no archive at " + missing.string() + " (run yanbao ingest DIR first)"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(missing));
}

TEST(Query, GlobalOptionsWorkAfterTheSubcommand) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "query", "SELECT 1 AS a, 'x' AS b", "--format", "tsv", "--no-header"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "1\tx\n");
}

TEST(Query, EmptyResultSaysZeroRowsOnStderrInTable) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "query", "SELECT * FROM reports WHERE id < 0"}, f.dir);
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "(0 rows)\n");
  auto j = run_yanbao({"--db", f.db, "-f", "json", "query", "SELECT * FROM reports WHERE id < 0"}, f.dir);
  EXPECT_EQ(j.out, "[]\n");
}

TEST(Query, SchemaPrintsTheEmbeddedDocument) {
  Fixture f;
  auto r = run_yanbao({"schema"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("reports"), std::string::npos);
}

TEST(Query, ShowFindsAReportByIdOrPathSuffix) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "show", "zx-20240105.md"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("中信证券周度策略：智驾加速落地"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("== picks (2) =="), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("政策不及预期"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("上证指数"), std::string::npos) << r.out;
  auto byid = run_yanbao({"--db", f.db, "show", "1"}, f.dir);
  EXPECT_EQ(byid.out, r.out);
  auto json = run_yanbao({"--db", f.db, "-f", "json", "show", "中信/2024/zx-20240105.md"}, f.dir);
  EXPECT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(json.out.rfind("{\"report\":{\"id\":1,", 0), 0u) << json.out;
  auto none = run_yanbao({"--db", f.db, "show", "nothing.md"}, f.dir);
  EXPECT_EQ(none.code, 2);
  auto many = run_yanbao({"--db", f.db, "show", "2024"}, f.dir);
  EXPECT_EQ(many.code, 2);
}

// Issue 13, item 11: the reading form of PRAGMA journal_mode is a read (SQLite calls the
// statement not read-only whatever its form); setting it stays refused.
TEST(Query, ReadingFormOfJournalModeIsAllowed) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "-f", "csv", "--no-header", "query", "PRAGMA journal_mode"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wal\r\n");
  EXPECT_EQ(run_yanbao({"--db", f.db, "query", "PRAGMA journal_mode = DELETE"}, f.dir).code, 2);
  EXPECT_EQ(run_yanbao({"--db", f.db, "query", "PRAGMA main.journal_mode = OFF"}, f.dir).code, 2);
  auto ro = open_archive_readonly(f.db);
  EXPECT_EQ(ro->execAndGet("PRAGMA journal_mode").getString(), "wal");
}

// Issue 13, item 8: a read-only command where SQLite cannot create the archive's -shm file
// (a read-only filesystem, a full disk; here a folder the user may not write) still reads
// the archive, as immutable, and leaves no file behind.
TEST(Query, ReadsAnArchiveInAFolderItCannotWrite) {
  Fixture f;
  const fs::path ro = f.dir / "ro";
  fs::create_directories(ro);
  fs::copy_file(f.db, ro / "yanbao.db");
  ASSERT_FALSE(fs::exists(ro / "yanbao.db-wal"));
  chmod(f.dir.c_str(), 0755);
  chmod(ro.c_str(), 0555);
  chmod((ro / "yanbao.db").c_str(), 0444);
  std::string prefix;
  if (geteuid() == 0) {
    // root writes anywhere: run as nobody, who may not write the folder.
    if (std::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "setpriv is not installed";
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  const std::string cmd = prefix + test::shell_quote(YANBAO_BIN) + " --db " + test::shell_quote((ro / "yanbao.db").string()) +
                          " -f csv --no-header query 'SELECT count(*) FROM reports' >" +
                          test::shell_quote((f.dir / "out").string()) + " 2>" + test::shell_quote((f.dir / "err").string());
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(f.dir / "err");
  EXPECT_EQ(slurp(f.dir / "out"), "7\r\n");
  EXPECT_FALSE(fs::exists(ro / "yanbao.db-shm"));
  chmod(ro.c_str(), 0755);
}
