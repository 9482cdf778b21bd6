// Specs for what survives what: SIGKILL at random moments, SIGINT/SIGTERM, a second writer,
// and hostile files. Each run goes through the real binary.
#include <gtest/gtest.h>

#include "test_util.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include "query/canned.h"

namespace fs = std::filesystem;

using yanbao::test::slurp;
using yanbao::test::TempDir;

namespace {

/// Writes n small weekly reports that vary in names, numbers and dates, plus a few bad ones.
void write_corpus(const fs::path& dir, int n) {
  static const char* kNames[] = {"华测导航", "长光华芯", "经纬恒润-W", "炬光科技", "美格智能", "均胜电子",
                                 "华阳集团", "北京君正", "晶晨股份", "德赛西威", "源杰科技", "沪光股份"};
  static const char* kCodes[] = {"300627.SZ", "688048.SH", "688326.SH", "688167.SH", "002881.SZ", "600699.SH",
                                 "002906.SZ", "300223.SZ", "688099.SH", "002920.SZ", "688498.SH", "605333.SH"};
  std::mt19937 rng(42);
  for (int i = 0; i < n; ++i) {
    int month = 1 + i % 12, day = 1 + i % 27;
    fs::path sub = dir / ("2025-" + std::to_string(month));
    fs::create_directories(sub);
    std::ostringstream o;
    o << "---\ntitle: \"中小盘周报：第" << i << "期\"\ndate: \"2025-" << month << "-" << day
      << " 19:50:00\"\ntags:\n  - \"周报\"\n---\n\n"
      << "市场表现：本周上证综指收于" << 3000 + i % 500 << "点，上涨" << (i % 300) / 100.0 << "%。"
      << kNames[i % 12] << "本周涨幅居前。\n\n本周要闻：第" << i << "条要闻；另一条要闻。\n\n"
      << "推荐标的：" << kNames[i % 12] << "（" << kCodes[i % 12] << "）、" << kNames[(i + 5) % 12] << "。\n\n"
      << "风险提示：需求不及预期。\n\n来源: 测试证券\n";
    for (int k = 0; k < 20; ++k) o << "填充段落，用来让文件接近真实报告的大小。" << rng() << "\n";
    std::ofstream(sub / ("r" + std::to_string(i) + ".md")) << o.str();
  }
  std::ofstream(dir / "empty.md");
  std::ofstream(dir / "bad.md") << "---\ntitle: \"未闭合\n";
  fs::copy_file(dir / "2025-1" / "r0.md", dir / "copy-of-r0.md");
}

/// Every table's rows in a canonical order, with row ids replaced by paths and volatile
/// columns (timestamps) left out, so two archives built differently compare equal.
std::string dump(const std::string& db_path) {
  SQLite::Database db(db_path);
  std::ostringstream out;
  const char* queries[] = {
      "SELECT path, title, published, report_date, broker, series, url, period_start, period_end, topic, summary, "
      "body, sha256, front_matter, front_format, encoding, size, mtime_ns, parser_version FROM reports ORDER BY path",
      "SELECT r.path, t.kind, t.value FROM report_tags t JOIN reports r ON r.id = t.report_id ORDER BY 1, 2, 3",
      "SELECT f.path, f.size, f.mtime_ns, f.sha256, f.status, r.path FROM files f LEFT JOIN reports r ON r.id = "
      "f.report_id ORDER BY 1",
      "SELECT r.path, t.seq, t.name, t.raw_name, t.period, t.close, t.change_pct FROM indices t JOIN reports r ON "
      "r.id = t.report_id ORDER BY 1, 2",
      "SELECT r.path, t.seq, t.name, t.code, t.direction, t.change_pct FROM movers t JOIN reports r ON r.id = "
      "t.report_id ORDER BY 1, 2",
      "SELECT r.path, t.seq, t.text FROM news t JOIN reports r ON r.id = t.report_id ORDER BY 1, 2",
      "SELECT r.path, t.seq, t.event_date, t.company, t.code, t.text FROM events t JOIN reports r ON r.id = "
      "t.report_id ORDER BY 1, 2",
      "SELECT r.path, t.seq, t.theme, t.name, t.base_name, t.code, t.code_source, t.kind, t.rating FROM picks t "
      "JOIN reports r ON r.id = t.report_id ORDER BY 1, 2",
      "SELECT r.path, t.seq, t.text FROM risks t JOIN reports r ON r.id = t.report_id ORDER BY 1, 2",
      "SELECT * FROM securities ORDER BY code",
      "SELECT * FROM security_aliases ORDER BY 1, 2",
      "SELECT path, message, line FROM ingest_errors ORDER BY path",
  };
  for (const char* q : queries) {
    SQLite::Statement st(db, q);
    out << "## " << q << "\n";
    while (st.executeStep()) {
      for (int c = 0; c < st.getColumnCount(); ++c) out << (c ? "|" : "") << st.getColumn(c).getString();
      out << "\n";
    }
  }
  return out.str();
}

std::string integrity(const std::string& db_path) {
  SQLite::Database db(db_path);
  return db.execAndGet("PRAGMA integrity_check").getString();
}

/// Starts `yanbao ingest dir --db db -q -j jobs` with stdout/stderr to files in log_dir.
pid_t spawn_ingest(const fs::path& dir, const std::string& db, const fs::path& log_dir, const char* jobs = "1",
                   bool force = false) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = freopen((log_dir / "out").c_str(), "w", stdout);
    FILE* err = freopen((log_dir / "err").c_str(), "w", stderr);
    (void)out;
    (void)err;
    if (force)
      execl(YANBAO_BIN, YANBAO_BIN, "ingest", dir.c_str(), "--db", db.c_str(), "-q", "-j", jobs, "--force",
            (char*)nullptr);
    else
      execl(YANBAO_BIN, YANBAO_BIN, "ingest", dir.c_str(), "--db", db.c_str(), "-q", "-j", jobs, (char*)nullptr);
    _exit(127);
  }
  return pid;
}

/// Waits until the ingest `pid` writing `db` has committed its ingest_runs row: the marker
/// that its stop handlers are installed. False if the process ended before that. Polls a
/// read-only connection; the only bound is the process itself, never a clock.
bool wait_for_started_run(const std::string& db, pid_t pid) {
  for (;;) {
    std::error_code ec;
    if (fs::exists(db, ec)) {
      try {
        SQLite::Database reader(db, SQLite::OPEN_READONLY);
        reader.setBusyTimeout(1000);
        if (reader.execAndGet("SELECT count(*) FROM ingest_runs").getInt64() > 0) return true;
      } catch (const SQLite::Exception&) {
        // The archive is being created (it appears whole, by a link) or is locked: poll again.
      }
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // pacing, not a deadline
  }
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace

TEST(WhatSurvives, RandomSigkillsThenRerunEqualsCleanIngest) {
  TempDir t;
  write_corpus(t.path / "in", 2000);
  std::string clean = (t.path / "clean.db").string(), killed = (t.path / "killed.db").string();
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(wait_exit(spawn_ingest(t.path / "in", clean, t.path)), 3) << slurp(t.path / "err");
  const auto full_run_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();

  // Kill at a uniformly random moment of a full run's duration. Every other run is --force,
  // so there is always work to interrupt, even once a previous run got to the end.
  // A kill that lands after a run ended interrupts nothing, so on a machine whose speed
  // changes under load the loop goes on until 20 kills have landed mid-run (at most 200 runs).
  std::mt19937 rng(2024);
  int kills = 0;
  for (int i = 0; i < 200 && (i < 50 || kills < 20); ++i) {
    pid_t pid = spawn_ingest(t.path / "in", killed, t.path, "1", i % 2 == 1);
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % std::max<int64_t>(full_run_us, 1000)));
    kill(pid, SIGKILL);
    if (wait_exit(pid) == 128 + SIGKILL) ++kills;
    if (fs::exists(killed)) {
      ASSERT_EQ(integrity(killed), "ok") << "after kill " << i;
    }
  }
  EXPECT_GE(kills, 20);
  ASSERT_EQ(wait_exit(spawn_ingest(t.path / "in", killed, t.path)), 3) << slurp(t.path / "err");
  EXPECT_EQ(integrity(killed), "ok");
  EXPECT_EQ(dump(killed), dump(clean));
}

TEST(WhatSurvives, SigintFinishesTheBatchPrintsSummaryAndExits130) {
  TempDir t;
  write_corpus(t.path / "in", 3000);
  std::string clean = (t.path / "clean.db").string(), db = (t.path / "a.db").string();
  wait_exit(spawn_ingest(t.path / "in", clean, t.path));
  for (int sig : {SIGINT, SIGTERM}) {
    fs::remove(db);
    pid_t pid = spawn_ingest(t.path / "in", db, t.path);
    // The marker: the run's ingest_runs row is committed after the stop handlers are in, and
    // before any file is read. No fixed sleep: a loaded machine only makes the wait longer.
    ASSERT_TRUE(wait_for_started_run(db, pid)) << slurp(t.path / "err");
    kill(pid, sig);
    int code = wait_exit(pid);
    if (code == 3) continue;  // it finished between the marker and the signal; nothing to check
    EXPECT_EQ(code, sig == SIGINT ? 130 : 143);
    EXPECT_NE(slurp(t.path / "out").find(" added, "), std::string::npos) << slurp(t.path / "out");
    EXPECT_EQ(integrity(db), "ok");
    // A first ingest of 3,000 files is a bulk load: stopped before its end, it says what that
    // leaves (whenever the query indexes are still set aside, and only then).
    const bool deferred = SQLite::Database(db).execAndGet("SELECT count(*) FROM deferred_indexes").getInt() > 0;
    const bool said = slurp(t.path / "err").find(
                          "interrupted during a bulk load: queries answer, but slower until the next `yanbao "
                          "ingest` builds the query indexes again") != std::string::npos;
    EXPECT_EQ(said, deferred) << slurp(t.path / "err");
    EXPECT_EQ(wait_exit(spawn_ingest(t.path / "in", db, t.path)), 3);
    EXPECT_EQ(dump(db), dump(clean));
  }
}

TEST(WhatSurvives, ReaderSeesConsistentSnapshotWhileIngestWrites) {
  TempDir t;
  write_corpus(t.path / "in", 2000);
  std::string db = (t.path / "a.db").string();
  // A first small ingest creates the archive; the big one runs while we read.
  fs::create_directories(t.path / "small");
  fs::copy_file(t.path / "in/2025-1/r0.md", t.path / "small/r0.md");
  wait_exit(spawn_ingest(t.path / "small", db, t.path));
  pid_t pid = spawn_ingest(t.path / "in", db, t.path);
  int reads = 0;
  for (int i = 0; i < 50; ++i) {
    SQLite::Database reader(db, SQLite::OPEN_READONLY);
    reader.setBusyTimeout(5000);
    SQLite::Transaction snapshot(reader);  // one read transaction: both counts from the same snapshot
    int64_t reports = reader.execAndGet("SELECT count(*) FROM reports").getInt64();
    int64_t files_with_report =
        reader.execAndGet("SELECT count(*) FROM files WHERE status = 'report'").getInt64();
    EXPECT_EQ(reports, files_with_report);
    ++reads;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(wait_exit(pid), 3);
  EXPECT_EQ(reads, 50);
}

TEST(WhatSurvives, SecondIngestWaitsThenProceedsOrSaysBusy) {
  TempDir t;
  write_corpus(t.path / "in", 2000);
  std::string db = (t.path / "a.db").string();
  fs::create_directories(t.path / "l1");
  fs::create_directories(t.path / "l2");
  pid_t first = spawn_ingest(t.path / "in", db, t.path / "l1");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  pid_t second = spawn_ingest(t.path / "in", db, t.path / "l2");
  int a = wait_exit(first), b = wait_exit(second);
  EXPECT_EQ(a, 3) << slurp(t.path / "l1/err");
  if (b == 1) {
    EXPECT_NE(slurp(t.path / "l2/err").find("archive is busy"), std::string::npos) << slurp(t.path / "l2/err");
  } else {
    EXPECT_EQ(b, 3) << slurp(t.path / "l2/err");
  }
  EXPECT_EQ(integrity(db), "ok");
  std::string clean = (t.path / "clean.db").string();
  wait_exit(spawn_ingest(t.path / "in", clean, t.path));
  wait_exit(spawn_ingest(t.path / "in", db, t.path));  // finish whatever a busy second run left
  EXPECT_EQ(dump(db), dump(clean));
}

namespace {

/// Copies `files` (relative to `from`) into `to`, keeping their folders.
void copy_files(const fs::path& from, const fs::path& to, const std::vector<fs::path>& files) {
  for (const auto& f : files) {
    fs::create_directories((to / f).parent_path());
    fs::copy_file(from / f, to / f, fs::copy_options::overwrite_existing);
  }
}

/// `yanbao ingest dir --db db -q [extra]`: its exit code (3 when some file was rejected).
int ingest_cli(const fs::path& dir, const std::string& db, const fs::path& tmp, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"ingest", dir.string(), "--db", db, "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  return yanbao::test::run_yanbao(args, tmp).code;
}

/// The output (stdout, then stderr) of every built-in canned query, in table format, with
/// arguments that make each return rows. Only two things are left out, on purpose: the
/// `id` column of `reports` (an identifier to pass to `show`, not an answer) and the part
/// of `stats` that describes the ingest runs themselves (their number and the last one).
std::string canned_answers(const std::string& db, const fs::path& tmp,
                           const std::vector<std::pair<std::string, std::vector<std::string>>>& runs) {
  std::string out;
  for (const auto& [name, args] : runs) {
    std::vector<std::string> argv = {"--db", db, "--max-width", "1000", "run", name};
    argv.insert(argv.end(), args.begin(), args.end());
    if (name == "reports") argv.insert(argv.begin(), {"-f", "tsv"});
    auto r = yanbao::test::run_yanbao(argv, tmp);
    std::string text = r.out + "\n-- stderr\n" + r.err;
    if (name == "reports") {  // drop the first (id) column of each tsv line
      std::istringstream in(r.out);
      text.clear();
      for (std::string line; std::getline(in, line);) text += line.substr(line.find('\t') + 1) + "\n";
    }
    if (name == "stats") text = text.substr(0, text.find("ingest_runs"));
    out += "## run " + name;
    for (const auto& a : args) out += " " + a;
    out += " (exit " + std::to_string(r.code) + ")\n" + text + "\n";
  }
  return out;
}

}  // namespace

// Issue 13, item 1: the same files give the same answers whatever the history of the
// archive: ingested at once, in two halves in either order, or with some files pruned and
// put back in between. Ties (several reports closing an index on one date, two reports of
// a series on one day, equal counts) are broken by content, never by report id.
TEST(WhatSurvives, CannedAnswersDoNotDependOnIngestOrderOrPrunes) {
  TempDir t;
  const fs::path src = t.path / "src";
  ASSERT_EQ(std::system((std::string(GEN_CORPUS_BIN) + " 240 " + yanbao::test::shell_quote(src.string()) +
                         " --seed 13 >/dev/null").c_str()),
            0);
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(src))
    if (e.is_regular_file()) files.push_back(fs::relative(e.path(), src));
  ASSERT_GE(files.size(), 200u);
  // Reports that tie with others: the same date and index as another report but another
  // close, under another broker and under the same one (a second file of one day). One
  // folder sorts before the generated tree and one after, so each half of the corpus holds
  // some of them and the two orders below give them ids in different orders.
  int n = 0;
  for (int i = 0; i < 3; ++i) {
    const std::string date = "2025-06-1" + std::to_string(i);
    for (int k = 0; k < 3; ++k) {
      ++n;
      std::ostringstream o;
      o << "---\ntitle: \"晨会纪要" << n << "\"\ndate: \"" << date << "\"\n---\n\n"
        << "市场回顾：上证综指收于" << 3100 + n << "点，上涨0." << n % 10 << "%；深证成指收于" << 9800 + 7 * n
        << "点，下跌0." << (n * 3) % 10 << "%。\n\n推荐标的：华测导航、长光华芯。\n\n"
        // A digest item with a rating and a target, and its author: tied ratings too.
        << "> 华测导航（300627.SZ）：高精度业务稳健——公司点评：我们维持公司盈利预测，维持“"
        << (n % 2 ? "买入" : "增持") << "”评级，目标价" << 40 + n << "元。\n\n"
        << "分析师：王" << (k == 0 ? "甲" : "乙") << "明 执业证书编号：S00105230700" << 10 + k << "\n\n"
        << "来源: " << (k == 0 ? "乙证券" : "甲证券") << "\n";
      const fs::path rel = fs::path(k == 1 ? "zties" : "0ties") / ("r" + std::to_string(n) + ".md");
      yanbao::test::spit(src / rel, o.str());
      files.push_back(rel);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<fs::path> first_half(files.begin(), files.begin() + files.size() / 2),
      second_half(files.begin() + files.size() / 2, files.end()), every_third;
  for (size_t i = 0; i < files.size(); i += 3) every_third.push_back(files[i]);

  // Fresh: everything at once.
  const std::string fresh = (t.path / "fresh.db").string();
  copy_files(src, t.path / "fresh", files);
  ingest_cli(t.path / "fresh", fresh, t.path);
  // The second half first, then the first.
  const std::string reversed = (t.path / "reversed.db").string();
  copy_files(src, t.path / "reversed", second_half);
  ingest_cli(t.path / "reversed", reversed, t.path);
  copy_files(src, t.path / "reversed", first_half);
  ingest_cli(t.path / "reversed", reversed, t.path);
  // Everything, a --force re-read, then a third pruned and put back.
  const std::string pruned = (t.path / "pruned.db").string();
  copy_files(src, t.path / "pruned", files);
  ingest_cli(t.path / "pruned", pruned, t.path);
  ingest_cli(t.path / "pruned", pruned, t.path, {"--force"});
  for (const auto& f : every_third) fs::remove(t.path / "pruned" / f);
  ingest_cli(t.path / "pruned", pruned, t.path, {"--prune"});
  copy_files(src, t.path / "pruned", every_third);
  ingest_cli(t.path / "pruned", pruned, t.path);

  // Arguments for the queries that need some: taken from the fresh archive.
  std::vector<std::string> stocks, series, indices;
  {
    SQLite::Database db(fresh, SQLite::OPEN_READONLY);
    auto column = [&](const char* sql, std::vector<std::string>& into) {
      SQLite::Statement st(db, sql);
      while (st.executeStep()) into.push_back(st.getColumn(0).getString());
    };
    column("SELECT base_name FROM picks GROUP BY base_name ORDER BY count(*) DESC, base_name LIMIT 3", stocks);
    column("SELECT series FROM reports WHERE series IS NOT NULL GROUP BY series ORDER BY count(*) DESC, series LIMIT 2",
           series);
    column("SELECT DISTINCT name FROM indices ORDER BY name", indices);
  }
  ASSERT_FALSE(stocks.empty());
  ASSERT_FALSE(series.empty());
  ASSERT_FALSE(indices.empty());
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  for (const auto& s : stocks) runs.push_back({"pick-history", {s}});
  for (const auto& s : series) runs.push_back({"pick-changes", {s}});
  for (const auto& s : series) runs.push_back({"pick-changes", {s, "--date", "2025-06-30"}});
  for (const auto& name : indices) runs.push_back({"index-history", {name, "--period", "all"}});
  runs.push_back({"index-history", {"上证综指", "--period", "all", "--since", "2025-06-01"}});  // not from the summary
  runs.push_back({"rating-history", {"华测导航"}});
  runs.push_back({"consensus", {"华测导航", "--days", "400"}});
  runs.push_back({"analyst", {"王甲明"}});
  runs.push_back({"analyst", {"王乙明"}});
  runs.push_back({"search", {"市场", "--limit", "50"}});
  runs.push_back({"search", {stocks[0], "--limit", "7"}});
  // Every other built-in, with its defaults and with no limit.
  const yanbao::QueryCatalog catalog = yanbao::QueryCatalog::builtin();
  for (const auto& q : catalog.all()) {
    bool required = false, limited = false;
    for (const auto& p : q.params) {
      required = required || p.required;
      limited = limited || p.name == "limit";
    }
    if (required) {
      bool covered = false;
      for (const auto& r : runs) covered = covered || r.first == q.name;
      EXPECT_TRUE(covered) << "built-in " << q.name << " has required parameters: give it arguments here";
      continue;
    }
    runs.push_back({q.name, {}});
    if (limited) runs.push_back({q.name, {"--limit", "100000"}});
  }

  const std::string expected = canned_answers(fresh, t.path, runs);
  // Every run answered, and the tied dates are there.
  EXPECT_EQ(expected.find("(exit 1)"), std::string::npos) << expected;
  EXPECT_EQ(expected.find("(exit 2)"), std::string::npos) << expected;
  ASSERT_NE(expected.find("2025-06-10  上证综指"), std::string::npos) << expected;
  EXPECT_EQ(canned_answers(reversed, t.path, runs), expected) << "second half first";
  EXPECT_EQ(canned_answers(pruned, t.path, runs), expected) << "--force, then a third pruned and put back";
}

// Issue 13, item 8: out of space while writing, the ingest says which archive, how many
// files of the run were committed (they stay), and what to do. A file-size limit stands in
// for a full disk (a write past it fails as one that finds no room would); SIGXFSZ is
// ignored, as a full disk sends no signal.
TEST(WhatSurvives, FullDiskSaysWhichArchiveWhatWasCommittedAndWhatToDo) {
  TempDir t;
  for (int i = 1; i <= 5; ++i)
    yanbao::test::spit(t.path / "a" / ("r" + std::to_string(i) + ".md"),
                       "---\ntitle: \"周报" + std::to_string(i) + "\"\ndate: \"2025-03-0" + std::to_string(i) +
                           "\"\n---\n\n本周要闻：一条；两条。\n\n来源: 开源证券\n");
  ASSERT_EQ(std::system((std::string(GEN_CORPUS_BIN) + " 240 " + yanbao::test::shell_quote((t.path / "b").string()) +
                         " >/dev/null").c_str()),
            0);
  const std::string db = (t.path / "full.db").string();
  // 3000 blocks of 512 bytes: room for the new archive and the first folder, not the second.
  const std::string cmd = "sh -c " + yanbao::test::shell_quote("trap '' XFSZ; ulimit -f 3000; exec " +
                                                               yanbao::test::shell_quote(YANBAO_BIN) + " ingest " +
                                                               yanbao::test::shell_quote((t.path / "a").string()) + " " +
                                                               yanbao::test::shell_quote((t.path / "b").string()) +
                                                               " --db " + yanbao::test::shell_quote(db) + " -q") +
                          " >" + yanbao::test::shell_quote((t.path / "out").string()) + " 2>" +
                          yanbao::test::shell_quote((t.path / "err").string());
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  const std::string err = slurp(t.path / "err");
  EXPECT_NE(err.find("yanbao: cannot write the archive " + db + ": the disk is full"), std::string::npos) << err;
  EXPECT_NE(err.find("5 files of this run were committed and stay (5 added, 0 changed)"), std::string::npos) << err;
  EXPECT_NE(err.find("Free space and rerun to finish."), std::string::npos) << err;
  EXPECT_EQ(integrity(db), "ok");
  EXPECT_EQ(SQLite::Database(db).execAndGet("SELECT count(*) FROM reports").getInt(), 5);
  // With room again, the rerun finishes the job.
  auto rerun = yanbao::test::run_yanbao({"ingest", (t.path / "a").string(), (t.path / "b").string(), "--db", db, "-q"}, t.path);
  EXPECT_EQ(rerun.code, 0) << rerun.err;
  EXPECT_EQ(SQLite::Database(db).execAndGet("SELECT count(*) FROM reports").getInt(), 245);
}
