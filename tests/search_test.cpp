// Full-text search: segmentation, reports_fts kept in sync (also after other programs' writes),
// and yanbao search.
#include <gtest/gtest.h>

#include "test_util.h"
#include "search_check.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "query/sql.h"
#include "util/tokenize.h"
#include "store/archive.h"
#include "store/fts.h"
#include "util/embedded.h"

using namespace yanbao;
namespace fs = std::filesystem;

namespace {

using test::FixtureArchive;
using test::slurp;
using Fixture = FixtureArchive;
using CliRun = test::CliRun;

using test::run_yanbao;

/// Report ids whose title or body match an FTS5 query (through the index).
std::vector<std::int64_t> match(const std::string& db, const std::string& fts) {
  auto ro = open_archive_readonly(db);
  ResultSet rs = run_readonly_sql(ro->getHandle(), "SELECT rowid FROM reports_fts WHERE reports_fts MATCH :q ORDER BY rowid",
                                  {{"q", fts}});
  std::vector<std::int64_t> ids;
  for (const auto& r : rs.rows) ids.push_back(std::get<std::int64_t>(r[0]));
  return ids;
}

/// The paths `yanbao search` prints, in order (csv, no header: path is the 4th field).
std::vector<std::string> search_paths(const Fixture& f, const std::vector<std::string>& words) {
  std::vector<std::string> args = {"--db", f.db, "-f", "tsv", "--no-header", "search"};
  args.insert(args.end(), words.begin(), words.end());
  auto r = run_yanbao(args, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  std::vector<std::string> paths;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream ls(line);
    for (std::string c; std::getline(ls, c, '\t');) cells.push_back(c);
    if (cells.size() >= 4) paths.push_back(cells[3]);
  }
  return paths;
}

using Tokens = std::vector<std::string>;

}  // namespace

TEST(Tokenizer, DocumentHanRunsGiveBigramsAndTheirLastCharacter) {
  EXPECT_EQ(cjk_tokens("贵州茅台", false), (Tokens{"贵州", "州茅", "茅台", "台"}));
  EXPECT_EQ(cjk_tokens("茅", false), (Tokens{"茅"}));
  EXPECT_EQ(cjk_tokens("华为P60", false), (Tokens{"华为", "为", "p60"}));
}

TEST(Tokenizer, OldArchivesColocateEveryCharacterWithItsBigram) {
  const auto old = TokenRules::kColocatedUnigrams;
  EXPECT_EQ(cjk_tokens("贵州茅台", false, old), (Tokens{"贵州", "贵", "州茅", "州", "茅台", "茅", "台"}));
  EXPECT_EQ(cjk_tokens("自动驾驶", true, old), (Tokens{"自动", "动驾", "驾驶"}));
}

TEST(Tokenizer, QueryHanRunsGiveOverlappingBigramsOrOneUnigram) {
  EXPECT_EQ(cjk_tokens("智驾", true), (Tokens{"智驾"}));
  EXPECT_EQ(cjk_tokens("自动驾驶", true), (Tokens{"自动", "动驾", "驾驶"}));
  EXPECT_EQ(cjk_tokens("茅", true), (Tokens{"茅"}));
}

TEST(Tokenizer, QueryRunFollowedByAWordKeepsItsLastCharacterLikeTheDocument) {
  EXPECT_EQ(cjk_tokens("华为P60", true), cjk_tokens("华为P60", false));
  EXPECT_EQ(cjk_tokens("A股", true), (Tokens{"a", "股"}));
  EXPECT_EQ(cjk_tokens("茅台，", true), (Tokens{"茅台"}));
}

TEST(Tokenizer, LatinLettersAndDigitsAreLowercasedWords) {
  EXPECT_EQ(cjk_tokens("DeepSeek-V3 发布", true), (Tokens{"deepseek", "v3", "发布"}));
  EXPECT_EQ(cjk_tokens("经纬恒润（688326.SH）", true), (Tokens{"经纬", "纬恒", "恒润", "润", "688326", "sh"}));
  EXPECT_EQ(cjk_tokens("ＡＩ算力", true), (Tokens{"ai", "算力"}));  // full-width folded
}

TEST(Tokenizer, VeryLongWordsKeepTheirFirst64Bytes) {
  std::string blob(500, 'A');
  EXPECT_EQ(cjk_tokens(blob, false), (Tokens{std::string(64, 'a')}));
}

TEST(Tokenizer, ArbitraryBytesGiveTokensWithinTheText) {
  // Random bytes biased towards UTF-8 lead/continuation bytes and Han characters.
  unsigned seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  const char* pieces[] = {"中", "文", "A", "z", "9", " ", "，", "\xE4", "\xB8", "\xFF", "\xF0\x9F\x98\x80", "ａ", "-"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int len = static_cast<int>(next() % 40);
    for (int i = 0; i < len; ++i) text += pieces[next() % (sizeof pieces / sizeof *pieces)];
    for (bool query : {false, true}) {
      struct Ctx {
        int n, last_start = -1;
        bool ok = true;
      } ctx{static_cast<int>(text.size())};
      cjk_tokenize(text, query, &ctx, [](void* c, int tflags, const char* t, int n, int start, int end) {
        auto* x = static_cast<Ctx*>(c);
        if (!t || n <= 0 || start < 0 || end > x->n || start >= end) x->ok = false;
        if (!(tflags & 1) && start < x->last_start) x->ok = false;  // positions move forward
        x->last_start = start;
        return 0;
      });
      EXPECT_TRUE(ctx.ok) << text;
    }
    std::string snip = make_snippet(text, snippet_terms(text.substr(0, text.size() / 2)), 10);
    EXPECT_LE(snip.size(), text.size() + 64);
  }
}

TEST(Tokenizer, PunctuationOnlyGivesNoTokens) {
  EXPECT_TRUE(cjk_tokens("，。！？()\"*", true).empty());
}

TEST(Tokenizer, UserTextBecomesOnePhraseOfSegmentedTokensPerTerm) {
  EXPECT_EQ(quote_fts_query("智驾 DeepSeek"), "\"智驾\" \"deepseek\"");
  EXPECT_EQ(quote_fts_query("贵州茅台"), "\"贵州 州茅 茅台\"");
  EXPECT_EQ(quote_fts_query("a\"b OR"), "\"a b\" \"or\"");
  EXPECT_EQ(quote_fts_query("（） ，"), "");
}

TEST(Tokenizer, TermEndingInALoneHanCharacterBecomesAPrefix) {
  EXPECT_EQ(quote_fts_query("茅"), "\"茅\"*");
  EXPECT_EQ(quote_fts_query("A股 茅台"), "\"a 股\"* \"茅台\"");
}

TEST(Tokenizer, TheIndexStoresDocumentTokensSeparatedBySpaces) {
  EXPECT_EQ(segment_text("贵州茅台，发布华为P60。"), "贵州 州茅 茅台 台 发布 布华 华为 为 p60");
  EXPECT_EQ(segment_text("DeepSeek-V3（688326.SH）"), "deepseek v3 688326 sh");
  EXPECT_EQ(segment_text("，。"), "");
}

TEST(Tokenizer, RawQueriesKeepTheirSyntaxAndSegmentTheirWords) {
  EXPECT_EQ(segment_fts_query("智驾 OR 金股组合"), "\"智驾\" OR \"金股 股组 组合\"");
  EXPECT_EQ(segment_fts_query("\"贵州茅台\" NOT 茅*"), "\"贵州 州茅 茅台\" NOT \"茅\"*");
  EXPECT_EQ(segment_fts_query("title: 策略 AND {title body}: DeepSeek"),
            "title: \"策略\" AND {title body}: \"deepseek\"");
  EXPECT_EQ(segment_fts_query("NEAR(智驾 具身智能, 10)"), "NEAR(\"智驾\" \"具身 身智 智能\", 10)");
  EXPECT_EQ(segment_fts_query("(a OR b) + ^c"), "(\"a\" OR \"b\") + ^\"c\"");
  EXPECT_EQ(segment_fts_query("\"unterminated"), "\"unterminated");
}

TEST(Tokenizer, SnippetMarksMatchesAndCutsAroundTheFirst) {
  std::string s = make_snippet("前面很长的一段文字。智驾渗透率提升，DeepSeek 发布。", {"智驾", "deepseek"}, 20);
  EXPECT_NE(s.find(">>智驾<<"), std::string::npos) << s;
  EXPECT_NE(s.find(">>DeepSeek<<"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;
  EXPECT_EQ(make_snippet("第一行\n第二行", {}, 20), "第一行 第二行");
}

TEST(Search, FindsATwoCharacterChineseWordThroughTheIndex) {
  Fixture f;
  EXPECT_EQ(match(f.db, quote_fts_query("智驾")), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(search_paths(f, {"智驾"}), (std::vector<std::string>{"中信/2024/zx-20240105.md"}));
  EXPECT_EQ(match(f.db, quote_fts_query("茅台")), (std::vector<std::int64_t>{1, 2, 3, 5, 7}));
  // characters that are adjacent only across the two words do not match
  EXPECT_TRUE(match(f.db, quote_fts_query("驾自")).empty());
}

TEST(Search, FindsAFourCharacterChineseWordAsAPhrase) {
  Fixture f;
  EXPECT_EQ(match(f.db, quote_fts_query("自动驾驶")), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(match(f.db, quote_fts_query("贵州茅台")), (std::vector<std::int64_t>{1, 2, 3, 7}));
  EXPECT_TRUE(match(f.db, quote_fts_query("自动茅台")).empty());
}

TEST(Search, FindsAsciiTermsCaseInsensitively) {
  Fixture f;
  EXPECT_EQ(match(f.db, quote_fts_query("DeepSeek")), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(match(f.db, quote_fts_query("deepseek")), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(match(f.db, quote_fts_query("688326")), (std::vector<std::int64_t>{1, 5}));
}

TEST(Search, FindsASingleCharacter) {
  Fixture f;
  EXPECT_EQ(match(f.db, quote_fts_query("茅")), (std::vector<std::int64_t>{1, 2, 3, 5, 7}));
  EXPECT_EQ(match(f.db, quote_fts_query("台")), (std::vector<std::int64_t>{1, 2, 3, 5, 7}));  // ends its run
}

TEST(Search, FindsAWordFollowedByLettersAsAPhrase) {
  Fixture f;
  EXPECT_EQ(match(f.db, quote_fts_query("恒润688326")), match(f.db, quote_fts_query("经纬恒润（688326")));
  EXPECT_FALSE(match(f.db, quote_fts_query("恒润（688326")).empty());
}

TEST(Search, SearchesTitlesToo) {
  Fixture f;
  EXPECT_EQ(match(f.db, quote_fts_query("金股组合")), (std::vector<std::int64_t>{6, 7}));
}

TEST(Search, UsesTheFtsIndex) {
  Fixture f;
  auto ro = open_archive_readonly(f.db);
  ResultSet rs = run_readonly_sql(
      ro->getHandle(), "EXPLAIN QUERY PLAN SELECT rowid FROM reports_fts WHERE reports_fts MATCH :q", {{"q", std::string("x")}});
  ASSERT_FALSE(rs.rows.empty());
  EXPECT_NE(std::get<std::string>(rs.rows[0][3]).find("VIRTUAL TABLE INDEX"), std::string::npos);
}

TEST(Search, PrintsRankedRowsWithMarkedSnippets) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "-f", "jsonl", "search", "智驾"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"report_date\":\"2024-01-05\",\"broker\":\"中信证券\",\"title\":\"中信证券周度策略：智驾加速落地\","
                        "\"path\":\"中信/2024/zx-20240105.md\",\"snippet\":\"",
                        0),
            0u)
      << r.out;
  EXPECT_NE(r.out.find(">>智驾<<"), std::string::npos) << r.out;
  // Titles weigh 10× in bm25: 消费复苏 is the title of report 2 and in no other text.
  auto paths = search_paths(f, {"消费"});
  ASSERT_FALSE(paths.empty());
  EXPECT_EQ(paths[0], "中信/2024/zx-20240112.md");
}

TEST(Search, AllWordsMustMatch) {
  Fixture f;
  auto paths = search_paths(f, {"贵州茅台", "经纬恒润"});
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"中信/2024/zx-20240105.md", "中信/2024/zx-20240112.md"}));
  EXPECT_EQ(search_paths(f, {"--limit", "1", "茅台"}).size(), 1u);
}

TEST(Search, PunctuationInUserTextIsNoSyntaxError) {
  Fixture f;
  auto r = run_yanbao({"--db", f.db, "search", "AND", "\"(", "智驾*"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  auto none = run_yanbao({"--db", f.db, "search", "，。"}, f.dir);
  EXPECT_EQ(none.code, 2);
}

TEST(Search, RawPassesFtsSyntaxThrough) {
  Fixture f;
  EXPECT_EQ(search_paths(f, {"--raw", "智驾 OR 金股组合"}).size(), 3u);
  auto bad = run_yanbao({"--db", f.db, "search", "--raw", "\"unterminated"}, f.dir);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("search syntax error"), std::string::npos) << bad.err;
}

TEST(Search, IndexFollowsInsertsUpdatesAndDeletes) {
  Fixture f;
  {
    auto w = open_archive_for_write(f.db);
    w->exec("UPDATE reports SET body = '算力租赁需求旺盛' WHERE id = 2");
    w->exec("DELETE FROM reports WHERE id = 3");
    w->exec("INSERT INTO reports (id, root, path, title, report_date, body, sha256, encoding, size, mtime_ns,"
            " parser_version, ingested_at) VALUES (8, '/data', 'new.md', '新报告', '2024-03-01', '算力 and 光模块', 'h8',"
            " 'utf-8', 1, 1, 1, 'now')");
    EXPECT_EQ(w->execAndGet("SELECT count(*) FROM reports_fts_pending").getInt(), 3);
  }
  open_archive_for_write(f.db);  // the next command that writes brings the index up to date
  EXPECT_EQ(match(f.db, quote_fts_query("算力")), (std::vector<std::int64_t>{2, 8}));
  EXPECT_EQ(match(f.db, quote_fts_query("红利")), (std::vector<std::int64_t>{}));  // report 3 deleted
  EXPECT_EQ(match(f.db, quote_fts_query("消费复苏")), (std::vector<std::int64_t>{2}));  // still in its title
  auto ro = open_archive_readonly(f.db);
  ResultSet check = run_readonly_sql(ro->getHandle(), "SELECT count(*) FROM reports_fts", {});
  EXPECT_EQ(check.rows[0][0], Value(std::int64_t{7}));
  EXPECT_TRUE(test::index_matches_content(*open_archive_for_write(f.db)));
}

TEST(Search, WritesFromAConnectionWithoutYanbaoFunctionsSucceedAndSearchCatchesUp) {
  Fixture f;
  // No yanbao function, as in the sqlite3 shell; the first change says what is indexed.
  test::edit_as_another_tool(
      f.db, {"UPDATE reports SET title = '光模块专题' WHERE id = 2", "UPDATE reports SET title = '光模块专题二' WHERE id = 2",
             "DELETE FROM reports WHERE id = 3",
             "INSERT OR REPLACE INTO reports (id, root, path, title, report_date, body, sha256, encoding, size,"
             " mtime_ns, parser_version, ingested_at) SELECT 9, root, path, '替换的报告', report_date, '液冷服务器',"
             " sha256, encoding, size, mtime_ns, parser_version, ingested_at FROM reports WHERE id = 4"});
  // search (a read command) indexes them first, and says nothing about it
  auto r = run_yanbao({"--db", f.db, "-f", "tsv", "--no-header", "search", "光模块专题二"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("光模块专题二"), std::string::npos) << r.out;
  EXPECT_EQ(match(f.db, quote_fts_query("液冷")), (std::vector<std::int64_t>{9}));
  auto ro = open_archive_readonly(f.db);
  EXPECT_EQ(ro->execAndGet("SELECT count(*) FROM reports_fts_pending").getInt(), 0);
  EXPECT_TRUE(test::index_matches_content(*open_archive_for_write(f.db)));
}

TEST(Search, ReadOnlyArchiveWithPendingEditsSearchesAndWarns) {
  Fixture f;
  test::edit_as_another_tool(f.db, {"UPDATE reports SET title = '光模块专题' WHERE id = 2"});
  chmod(f.dir.c_str(), 0755);
  chmod(f.db.c_str(), 0444);
  std::string prefix;
  if (geteuid() == 0) {  // root writes anything: search as nobody
    if (std::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "setpriv is not installed";
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  const std::string cmd = prefix + test::shell_quote(YANBAO_BIN) + " --db " + test::shell_quote(f.db) +
                          " search 智驾 >/dev/null 2>" + test::shell_quote((f.dir / "err").string());
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(f.dir / "err");
  EXPECT_NE(slurp(f.dir / "err").find("1 report was changed by another program"), std::string::npos)
      << slurp(f.dir / "err");
  chmod(f.db.c_str(), 0644);
}

TEST(Search, ArchiveMigratedFromVersionOneIsIndexed) {
  // An archive written before 0002 gets its reports indexed by the migration ('rebuild').
  fs::path dir = fs::temp_directory_path() / ("yanbao-search-v1-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string db = (dir / "old.db").string();
  {
    SQLite::Database v1(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    v1.exec(std::string(*embedded::find("migrations/0001_initial.sql")));
    v1.exec("PRAGMA user_version = 1");
    v1.exec("INSERT INTO reports (id, root, path, title, body, sha256, encoding, size, mtime_ns, parser_version,"
            " ingested_at) VALUES (1, '/r', 'a.md', '旧报告', '光模块景气度高', 'h', 'utf-8', 1, 1, 1, 'now')");
  }
  open_archive_for_write(db);
  EXPECT_EQ(match(db, quote_fts_query("光模块")), (std::vector<std::int64_t>{1}));
  fs::remove_all(dir);
}

TEST(Search, ArchiveFromVersionThreeIsReindexedWithOneTokenPerPosition) {
  // Versions 2-3 indexed with yanbao_cjk (a bigram plus a colocated character); 0004
  // rebuilt the index with yanbao_bigram, 0016 with segmented text, and every kind of search
  // still finds the report.
  fs::path dir = fs::temp_directory_path() / ("yanbao-search-v3-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string db = (dir / "old.db").string();
  {
    SQLite::Database v3(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    register_fts_tokenizer(v3.getHandle());
    v3.exec(std::string(*embedded::find("migrations/0001_initial.sql")));
    v3.exec("INSERT INTO reports (id, root, path, title, body, sha256, encoding, size, mtime_ns, parser_version,"
            " ingested_at) VALUES (1, '/r', 'a.md', '旧报告', '贵州茅台发布华为P60', 'h', 'utf-8', 1, 1, 1, 'now')");
    v3.exec(std::string(*embedded::find("migrations/0002_search.sql")));
    v3.exec(std::string(*embedded::find("migrations/0003_fts_batched_inserts.sql")));
    v3.exec("PRAGMA user_version = 3");
  }
  auto a = open_archive_for_write(db);
  EXPECT_NE(a->execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'reports_fts'").getString().find("ascii"),
            std::string::npos);
  EXPECT_TRUE(test::index_matches_content(*a));
  for (const char* q : {"茅台", "贵州茅台", "茅", "台", "华为P60", "p60"})
    EXPECT_EQ(match(db, quote_fts_query(q)), (std::vector<std::int64_t>{1})) << q;
  fs::remove_all(dir);
}
