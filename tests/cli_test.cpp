// The CLI as people expect it (issue 15): files as well as folders, extensions in any case,
// SQL from a file or stdin, sqlite-utils' -p NAME VALUE, months, years and spans as dates,
// "did you mean" for a misspelled option, a miss said on stderr, examples in every --help.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/command.h"
#include "query/date_args.h"
#include "store/archive.h"
#include "test_util.h"

using namespace yanbao;
namespace fs = std::filesystem;
using test::FixtureArchive;
using test::run_yanbao;
using test::shell_quote;
using test::slurp;
using test::spit;
using test::TempDir;

namespace {

std::string report(const std::string& title, const std::string& date) {
  return "---\ntitle: " + title + "\ndate: " + date + "\nbroker: 开源证券\n---\n\n# 观点\n\n推荐经纬恒润。\n";
}

/// stdout of `yanbao ARGS < stdin_file`.
test::CliRun run_with_stdin(const std::vector<std::string>& args, const fs::path& stdin_file, const fs::path& tmp) {
  std::string cmd = "env XDG_CONFIG_HOME=/nonexistent " + shell_quote(YANBAO_BIN);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " <" + shell_quote(stdin_file.string()) + " >" + shell_quote((tmp / "out.txt").string()) + " 2>" +
         shell_quote((tmp / "err.txt").string());
  int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(tmp / "out.txt"), slurp(tmp / "err.txt")};
}

std::string count_reports(const std::string& db, const fs::path& tmp) {
  return run_yanbao({"--db", db, "--format", "tsv", "--no-header", "query", "SELECT count(*) FROM reports"}, tmp).out;
}

}  // namespace

// ---- ingest --------------------------------------------------------------------------------

TEST(IngestCli, TakesFilesAsWellAsFolders) {
  TempDir t;
  fs::create_directories(t.path / "in");
  spit(t.path / "in" / "a.md", report("甲周报", "2025-03-09"));
  spit(t.path / "in" / "b.md", report("乙周报", "2025-03-16"));
  const std::string db = (t.path / "y.db").string();
  auto r = run_yanbao({"--db", db, "ingest", (t.path / "in" / "a.md").string()}, t.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_reports(db, t.path), "1\n");
  // The folder later: the file is the same file (stored under its folder), b.md is new.
  r = run_yanbao({"--db", db, "ingest", (t.path / "in").string()}, t.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("1 added, 0 changed, 0 removed, 1 unchanged"), std::string::npos) << r.out;
  // One file again: the rest of its folder is not "gone".
  r = run_yanbao({"--db", db, "ingest", "--prune", (t.path / "in" / "b.md").string()}, t.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("0 added, 0 changed, 0 removed, 1 unchanged"), std::string::npos) << r.out;
  EXPECT_EQ(count_reports(db, t.path), "2\n");
}

TEST(IngestCli, NamedFileIsReadWhateverItsExtension) {
  TempDir t;
  spit(t.path / "note.text", report("甲周报", "2025-03-09"));
  const std::string db = (t.path / "y.db").string();
  auto r = run_yanbao({"--db", db, "ingest", (t.path / "note.text").string()}, t.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_reports(db, t.path), "1\n");
}

TEST(IngestCli, ExtensionsMatchInAnyCase) {
  TempDir t;
  fs::create_directories(t.path / "in");
  spit(t.path / "in" / "a.MD", report("甲周报", "2025-03-09"));
  spit(t.path / "in" / "b.Markdown", report("乙周报", "2025-03-10"));
  spit(t.path / "in" / "c.TXT", report("丙周报", "2025-03-11"));
  spit(t.path / "in" / "d.pdf", "not a report");
  const std::string db = (t.path / "y.db").string();
  auto r = run_yanbao({"--db", db, "ingest", (t.path / "in").string()}, t.path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_reports(db, t.path), "3\n");
}

TEST(IngestCli, MissingPathIsAUsageError) {
  TempDir t;
  auto r = run_yanbao({"--db", (t.path / "y.db").string(), "ingest", (t.path / "nope").string()}, t.path);
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(fs::exists(t.path / "y.db"));
}

// ---- query ---------------------------------------------------------------------------------

TEST(QueryCli, ReadsSqlFromAFile) {
  FixtureArchive f;
  spit(f.dir / "q.sql", "-- the reports of one broker\nSELECT count(*) AS n FROM reports WHERE broker = :b\n");
  auto r = run_yanbao({"--db", f.db, "--format", "tsv", "query", "-f", (f.dir / "q.sql").string(), "-p", "b=华泰证券"},
                      f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "n\n2\n");
}

TEST(QueryCli, ReadsSqlFromStdinForDash) {
  FixtureArchive f;
  spit(f.dir / "q.sql", "SELECT count(*) AS n FROM reports");
  auto r = run_with_stdin({"--db", f.db, "--format", "tsv", "query", "-"}, f.dir / "q.sql", f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "n\n7\n");
  auto g = run_with_stdin({"--db", f.db, "--format", "tsv", "query", "-f", "-"}, f.dir / "q.sql", f.dir);
  EXPECT_EQ(g.out, "n\n7\n") << g.err;
}

TEST(QueryCli, TakesParamsAsNameSpaceValueLikeSqliteUtils) {
  FixtureArchive f;
  auto r = run_yanbao({"--db", f.db, "--format", "tsv", "--no-header", "query",
                       "SELECT count(*) FROM picks WHERE code = :code AND kind = :kind", "-p", "code", "000001.SZ",
                       "-p", "kind=recommend"},
                      f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "3\n");
  // the same, the parameters first
  auto s = run_yanbao({"--db", f.db, "--format", "tsv", "--no-header", "query", "-p", "code", "000001.SZ", "-p",
                       "kind", "recommend", "SELECT count(*) FROM picks WHERE code = :code AND kind = :kind"},
                      f.dir);
  EXPECT_EQ(s.out, "3\n") << s.err;
}

TEST(QueryCli, DashFWithAFormatNameStillMeansTheFormat) {
  FixtureArchive f;
  auto r = run_yanbao({"--db", f.db, "query", "SELECT 1 AS one", "-f", "tsv"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "one\n1\n");
}

TEST(RunCli, QueryParamsTakeNameSpaceValueToo) {
  FixtureArchive f;
  auto r = run_yanbao({"--db", f.db, "--format", "csv", "run", "reports", "-p", "broker", "华泰证券"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << r.out;
}

// ---- dates ---------------------------------------------------------------------------------

TEST(DateArgs, MonthsAndYearsMeanTheirFirstOrLastDay) {
  auto anchor = [] { return std::string("2025-03-31"); };
  EXPECT_EQ(resolve_date_arg("2025-02", DateBound::start, anchor), "2025-02-01");
  EXPECT_EQ(resolve_date_arg("2025-02", DateBound::end, anchor), "2025-02-28");
  EXPECT_EQ(resolve_date_arg("2024-02", DateBound::end, anchor), "2024-02-29");
  EXPECT_EQ(resolve_date_arg("2025", DateBound::start, anchor), "2025-01-01");
  EXPECT_EQ(resolve_date_arg("2025", DateBound::end, anchor), "2025-12-31");
  EXPECT_EQ(resolve_date_arg("2025-02-17", DateBound::end, anchor), "2025-02-17");
  EXPECT_EQ(resolve_date_arg("2025年2月17日", DateBound::start, anchor), "2025-02-17");
  EXPECT_EQ(resolve_date_arg("2025-13", DateBound::start, anchor), std::nullopt);
}

TEST(DateArgs, SpansCountBackFromTheAnchor) {
  auto anchor = [] { return std::string("2025-03-31"); };
  EXPECT_EQ(resolve_date_arg("30d", DateBound::start, anchor), "2025-03-01");
  EXPECT_EQ(resolve_date_arg("2w", DateBound::start, anchor), "2025-03-17");
  EXPECT_EQ(resolve_date_arg("1m", DateBound::start, anchor), "2025-02-28");  // clamped to the month
  EXPECT_EQ(resolve_date_arg("6m", DateBound::start, anchor), "2024-09-30");
  EXPECT_EQ(resolve_date_arg("1y", DateBound::start, anchor), "2024-03-31");
  EXPECT_EQ(resolve_date_arg("30x", DateBound::start, anchor), std::nullopt);
}

TEST(DateArgs, AnAbsoluteDateNeverAsksForTheAnchor) {
  auto anchor = []() -> std::string { throw std::logic_error("asked"); };
  EXPECT_EQ(resolve_date_arg("2025-02", DateBound::start, anchor), "2025-02-01");
}

TEST(RunCli, DateOptionsTakeMonthsYearsAndSpansFromTheNewestReport) {
  FixtureArchive f;  // reports from 2024-01-05 to 2024-02-02
  auto csv = [&](std::vector<std::string> args) {
    std::vector<std::string> all = {"--db", f.db, "--format", "csv", "--no-header"};
    all.insert(all.end(), args.begin(), args.end());
    auto r = run_yanbao(all, f.dir);
    EXPECT_EQ(r.code, 0) << r.err;
    return static_cast<int>(std::count(r.out.begin(), r.out.end(), '\n'));
  };
  EXPECT_EQ(csv({"run", "reports", "--since", "2024-02"}), 2);
  EXPECT_EQ(csv({"run", "reports", "--until", "2024-01"}), 5);  // the month's last day
  EXPECT_EQ(csv({"run", "reports", "--since", "2024"}), 7);
  EXPECT_EQ(csv({"run", "reports", "--since", "2w", "--asof", "latest"}), 4);  // 2024-01-19 on
  EXPECT_EQ(csv({"--asof", "2024-01-15", "run", "reports", "--since", "1w"}), 6);  // 2024-01-08 on
  EXPECT_EQ(csv({"run", "reports", "--since", "30d"}), 0);  // from today: nothing that recent
}

TEST(RunCli, ABadDateSaysWhichFormsWork) {
  FixtureArchive f;
  auto r = run_yanbao({"--db", f.db, "run", "reports", "--since", "last week"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("2025-02"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("30d"), std::string::npos) << r.err;
}

// ---- pick-changes --------------------------------------------------------------------------

TEST(PickChangesCli, ComparesTheReportsOnOrBeforeFromAndTo) {
  FixtureArchive f;  // 周度策略: 01-05, 01-12, 01-19, 01-26, 02-02
  auto r = run_yanbao({"--db", f.db, "--format", "csv", "run", "pick-changes", "周度策略", "--from", "2024-01-05", "--to",
                       "2024-01-19"},
                      f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("added,平安银行,000001.SZ,银行,2024-01-05,2024-01-19"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dropped,经纬恒润-W,688326.SH,智能驾驶,2024-01-05,2024-01-19"), std::string::npos) << r.out;
  // a month means its last report: January's last (01-26) with February's (02-02)
  auto m = run_yanbao({"--db", f.db, "--format", "csv", "run", "pick-changes", "周度策略", "--from", "2024-01", "--to",
                       "2024-02"},
                      f.dir);
  EXPECT_NE(m.out.find(",2024-01-26,2024-02-02,"), std::string::npos) << m.out;
}

// ---- messages ------------------------------------------------------------------------------

TEST(Messages, MisspelledGlobalOptionGetsDidYouMean) {
  TempDir t;
  auto r = run_yanbao({"--fmt", "csv", "picks", "经纬恒润"}, t.path);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown option --fmt; did you mean --format?"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("unknown command"), std::string::npos) << r.err;
}

TEST(Messages, MisspelledOptionAfterTheCommandGetsDidYouMean) {
  FixtureArchive f;
  auto r = run_yanbao({"--db", f.db, "picks", "经纬恒润", "--fmt", "csv"}, f.dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean --format?"), std::string::npos) << r.err;
  auto l = run_yanbao({"--db", f.db, "run", "top-picks", "--limt", "3"}, f.dir);
  EXPECT_NE(l.err.find("did you mean --limit?"), std::string::npos) << l.err;
}

TEST(Messages, PicksOfAnUnknownStockExitZeroAndSaySoOnStderr) {
  FixtureArchive f;
  auto r = run_yanbao({"--db", f.db, "picks", "茅台"}, f.dir);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("No picks of that stock"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("贵州茅台"), std::string::npos) << r.err;  // the suggestion
}

TEST(Messages, EveryCommandsHelpShowsExamples) {
  TempDir t;
  for (const auto& spec : command_registry()) {
    auto r = run_yanbao({std::string(spec.name), "--help"}, t.path);
    EXPECT_EQ(r.code, 0) << spec.name << ": " << r.err;
    EXPECT_NE(r.out.find("Example"), std::string::npos) << spec.name << ":\n" << r.out;
    EXPECT_NE(r.out.find("yanbao "), std::string::npos) << spec.name;
  }
  auto top = run_yanbao({"--help"}, t.path);
  EXPECT_NE(top.out.find("Examples:"), std::string::npos) << top.out;
}
