// The archive among other SQLite tools (issue 15): restored dumps, other programs' databases,
// folders given as --db, no -wal/-shm left by reads, a schema without yanbao-only functions,
// and schema/current.sql. tests/interop.sh runs the real tools (sqlite3, sqlite-utils, pandas).
#include <gtest/gtest.h>

#include "test_util.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/archive.h"

using namespace yanbao;
namespace fs = std::filesystem;
using test::FixtureArchive;
using test::run_yanbao;
using test::slurp;
using test::TempDir;

namespace {

/// A connection as the sqlite3 shell has it: no function yanbao registers.
SQLite::Database plain(const std::string& path) { return SQLite::Database(path, SQLite::OPEN_READWRITE); }

}  // namespace

TEST(Interop, DumpRestoreIsRecognizedAndItsVersionRepaired) {
  FixtureArchive f;
  // What `sqlite3 a.db .dump | sqlite3 b.db` gives: the same tables, user_version 0.
  plain(f.db).exec("PRAGMA user_version = 0");
  auto r = run_yanbao({"--db", f.db, "-f", "csv", "--no-header", "query", "SELECT count(*) FROM reports"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "7\r\n");
  EXPECT_EQ(plain(f.db).execAndGet("PRAGMA user_version").getInt(), latest_schema_version());
  plain(f.db).exec("PRAGMA user_version = 0");
  auto w = open_archive_for_write(f.db);
  EXPECT_EQ(w->execAndGet("PRAGMA user_version").getInt(), latest_schema_version());
  EXPECT_EQ(w->execAndGet("SELECT value FROM yanbao_meta WHERE key = 'schema_version'").getString(),
            std::to_string(latest_schema_version()));
}

TEST(Interop, DumpOfAnArchiveWithoutMetaGetsOneClearCommand) {
  FixtureArchive f;
  {
    auto db = plain(f.db);
    db.exec("DROP TABLE yanbao_meta; PRAGMA user_version = 0");
  }
  auto r = run_yanbao({"--db", f.db, "stats"}, f.dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("PRAGMA user_version = N"), std::string::npos) << r.err;
}

TEST(Interop, AnotherProgramsDatabaseIsRefusedAndLeftByteIdentical) {
  TempDir t;
  const std::string db = (t.path / "theirs.db").string();
  {
    SQLite::Database d(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    d.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('a')");
  }
  const std::string before = slurp(db);
  fs::create_directories(t.path / "in");
  test::spit(t.path / "in" / "r.md", "---\ntitle: 报告\ndate: 2024-01-05\n---\n正文\n");
  auto r = run_yanbao({"--db", db, "ingest", (t.path / "in").string()}, t.path);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not a yanbao archive (tables: customers)"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(db), before);
  EXPECT_FALSE(fs::exists(db + "-wal"));
  EXPECT_FALSE(fs::exists(db + "-journal"));
  auto q = run_yanbao({"--db", db, "stats"}, t.path);
  EXPECT_EQ(q.code, 1);
  EXPECT_NE(q.err.find("not a yanbao archive"), std::string::npos) << q.err;
  EXPECT_EQ(slurp(db), before);
}

TEST(Interop, AFolderGivenAsDbGetsAClearMessage) {
  TempDir t;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--db", t.path.string(), "ingest", t.path.string()},
        std::vector<std::string>{"--db", t.path.string(), "stats"}}) {
    auto r = run_yanbao(args, t.path);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("is a folder; give the archive's file, e.g. --db " + (t.path / "yanbao.db").string()),
              std::string::npos)
        << r.err;
  }
}

TEST(Interop, ReadOnlyCommandsLeaveNoWalOrShmBehind) {
  FixtureArchive f;
  ASSERT_FALSE(fs::exists(f.db + "-wal"));
  for (const std::vector<std::string>& args : {std::vector<std::string>{"stats"}, {"search", "智驾"}, {"run", "top-picks"},
                                              {"query", "SELECT count(*) FROM reports_fts"}}) {
    std::vector<std::string> full = {"--db", f.db};
    full.insert(full.end(), args.begin(), args.end());
    auto r = run_yanbao(full, f.dir);
    EXPECT_EQ(r.code, 0) << args[0] << ": " << r.err;
    EXPECT_FALSE(fs::exists(f.db + "-wal")) << args[0];
    EXPECT_FALSE(fs::exists(f.db + "-shm")) << args[0];
  }
  // and yanbao query still refuses to write
  EXPECT_EQ(run_yanbao({"--db", f.db, "query", "DELETE FROM reports"}, f.dir).code, 2);
}

TEST(Interop, EditsOfReportsFromAPlainConnectionNeverFail) {
  FixtureArchive f;
  auto db = plain(f.db);
  if (db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'query_summary%'"
                    " AND sql GLOB '*yanbao_*(*'").getInt() > 0)
    GTEST_SKIP() << "the query-summary triggers still call yanbao functions (until migration 0017); "
                    "Search.WritesFromAConnectionWithoutYanbaoFunctions* covers the full-text side";
  EXPECT_NO_THROW(db.exec("SELECT * FROM reports_fts; PRAGMA table_info(reports_fts)"));
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH '\"智驾\"'").getInt(), 1);
  EXPECT_NO_THROW(db.exec("UPDATE reports SET title = 'x', body = 'y' WHERE id = 1"));
  EXPECT_NO_THROW(db.exec("DELETE FROM reports WHERE id = 2"));
  EXPECT_NO_THROW(db.exec("INSERT INTO reports (root, path, title, body, sha256, encoding, size, mtime_ns, parser_version,"
                          " ingested_at) VALUES ('/r', 'n.md', 't', 'b', 'h', 'utf-8', 1, 1, 1, 'now')"));
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM reports_fts_pending").getInt(), 3);
}

TEST(Interop, NoTriggerOrViewNeedsAFunctionOnlyYanbaoRegisters) {
  FixtureArchive f;
  auto db = open_archive_readonly(f.db);
  SQLite::Statement st(*db,
                       "SELECT name FROM sqlite_schema WHERE type IN ('trigger', 'view') AND sql GLOB '*yanbao_*(*' ORDER BY name");
  std::string ours, summaries;
  while (st.executeStep()) {
    std::string name = st.getColumn(0).getString();
    (name.rfind("query_summary", 0) == 0 ? summaries : ours) += name + " ";
  }
  EXPECT_EQ(ours, "");
  // The query-summary triggers (migrations 0008-0010) are rewritten by migration 0017 (the
  // summaries work of issue 15); until it is merged they still call yanbao_fts_batching().
  if (!summaries.empty()) GTEST_SKIP() << "summary triggers still use yanbao functions: " << summaries;
}

// schema/current.sql is the whole schema of a new archive. After a migration:
//   YANBAO_UPDATE_GOLDEN=1 build/interop_test --gtest_filter=Schema.CurrentSqlIsTheSchemaAfterAllMigrations
TEST(Schema, CurrentSqlIsTheSchemaAfterAllMigrations) {
  TempDir t;
  const std::string db = (t.path / "new.db").string();
  auto w = open_archive_for_write(db);
  std::ostringstream out;
  out << "-- The whole schema of a yanbao archive after all migrations (schema version " << latest_schema_version()
      << "),\n-- for reading: archives are built and upgraded by migrations/NNNN_*.sql, never from this file.\n"
      << "-- Generated by tests/interop_test.cpp from a new archive; regenerate after a migration with\n"
      << "--   YANBAO_UPDATE_GOLDEN=1 build/interop_test --gtest_filter='Schema.*'\n"
      << "-- Objects are grouped by table: the table, its indexes, its triggers (views last).\n";
  // FTS5's shadow tables (reports_fts_data, …) come with CREATE VIRTUAL TABLE; sqlite_* are SQLite's.
  SQLite::Statement st(*w, R"(
    SELECT s.type, s.name, s.sql FROM sqlite_schema s
    WHERE s.sql IS NOT NULL AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
      AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND s.type = 'table'
                      AND s.sql LIKE 'CREATE TABLE ''' || v.name || '\_%' ESCAPE '\')
    ORDER BY s.type = 'view', s.tbl_name,
             CASE s.type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, s.name)");
  while (st.executeStep()) out << "\n" << st.getColumn(2).getString() << ";\n";
  const fs::path golden = fs::path(YANBAO_SOURCE_DIR) / "schema" / "current.sql";
  if (const char* u = std::getenv("YANBAO_UPDATE_GOLDEN"); u && *u == '1') std::ofstream(golden) << out.str();
  ASSERT_TRUE(fs::exists(golden)) << golden << " missing; run with YANBAO_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(golden), out.str()) << "schema/current.sql is out of date; run with YANBAO_UPDATE_GOLDEN=1";
  // and it builds that schema in an empty database
  SQLite::Database empty(":memory:", SQLite::OPEN_READWRITE);
  EXPECT_NO_THROW(empty.exec(slurp(golden)));
}
