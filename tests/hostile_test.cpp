// Specs for hostile files: each gets a clear per-file error or is handled within bounded
// memory and time, and nothing else is lost.
#include <gtest/gtest.h>

#include "test_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "ingest/report.h"

namespace fs = std::filesystem;
using namespace yanbao;

using yanbao::test::slurp;
using yanbao::test::TempDir;

namespace {

const char* kGoodReport =
    "---\ntitle: \"中小盘周报：好报告\"\ndate: \"2025-03-09\"\n---\n\n本周要闻：一条；两条。\n\n来源: 开源证券\n";

struct Run {
  int code;
  std::string out, err;
};

Run ingest(const fs::path& dir, const fs::path& db, const std::string& extra = "") {
  fs::path out = db.string() + ".out", err = db.string() + ".err";
  std::string cmd = std::string(YANBAO_BIN) + " ingest '" + dir.string() + "' --db '" + db.string() + "' " + extra +
                    " >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

int64_t reports(const fs::path& db) {
  SQLite::Database d(db.string());
  return d.execAndGet("SELECT count(*) FROM reports").getInt64();
}

}  // namespace

TEST(Hostile, FiftyMegabyteSingleLineIsRejectedBySizeWithoutReading) {
  TempDir t;
  fs::create_directories(t.path / "in");
  std::ofstream(t.path / "in/good.md") << kGoodReport;
  {
    std::ofstream big(t.path / "in/big.md");
    big << "---\ntitle: 周报：大\n---\n";
    std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 50; ++i) big << chunk;
  }
  auto r = ingest(t.path / "in", t.path / "a.db");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("big.md: file is larger than --max-size"), std::string::npos) << r.err;
  EXPECT_EQ(reports(t.path / "a.db"), 1);
}

TEST(Hostile, LongSingleLineWithinSizeIsHandled) {
  std::string text = "---\ntitle: 周报：长行\n---\n";
  for (int i = 0; i < 100000; ++i) text += "上证综指上涨1.5%，本周要闻：很长，";
  auto r = parse_report(text, "long.md");
  EXPECT_TRUE(r.ok) << r.problem.message;
}

TEST(Hostile, ThemeListOfAMillionNamesIsRejectedClearly) {
  std::string text = "---\ntitle: 周报：很多股票\n---\n\n重点推荐主题和个股\n\n智能汽车主题（";
  // Names of four Han characters, all different: 华/科/通/达… as digits of i in base 16.
  static const char* kDigits[] = {"华", "科", "通", "达", "新", "源", "光", "电", "智", "能", "精", "工", "汽", "车", "航", "天"};
  for (int i = 0; i < 1000000; ++i) {
    if (i) text += "、";
    text += "中";
    for (int k = 0, v = i; k < 5; ++k, v /= 16) text += kDigits[v % 16];
  }
  text += "）。\n";
  auto r = parse_report(text, "many.md");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.message.find("too many picks"), std::string::npos) << r.problem.message;
}

TEST(Hostile, DeeplyNestedYamlIsRejected) {
  std::string text = "---\ntitle: x\na: " + std::string(100000, '[') + std::string(100000, ']') + "\n---\n正文\n";
  auto r = parse_report(text, "deep.md");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.message.find("nested too deeply"), std::string::npos) << r.problem.message;
  EXPECT_EQ(r.problem.line, 3);
}

TEST(Hostile, NulInFrontMatterIsBinary) {
  std::string text = "---\ntitle: \"周报：x\"\n";
  text += '\0';
  text += "\n---\n正文\n";
  auto r = parse_report(text, "nul.md");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.message.find("NUL byte"), std::string::npos);
}

TEST(Hostile, PathsWithSpacesAndChineseCharacters) {
  TempDir t;
  fs::create_directories(t.path / "in/研报 2025/三月 周报");
  std::ofstream(t.path / "in/研报 2025/三月 周报/开源 证券.md") << kGoodReport;
  auto r = ingest(t.path / "in", t.path / "a.db");
  EXPECT_EQ(r.code, 0) << r.err;
  SQLite::Database d((t.path / "a.db").string());
  EXPECT_EQ(d.execAndGet("SELECT path FROM reports").getString(), "研报 2025/三月 周报/开源 证券.md");
}

TEST(Hostile, UnreadableFileIsRecordedAndOthersLand) {
  TempDir t;
  fs::create_directories(t.path / "in");
  std::ofstream(t.path / "in/good.md") << kGoodReport;
  std::ofstream(t.path / "in/secret.md") << kGoodReport << "秘密\n";
  chmod((t.path / "in/secret.md").c_str(), 0);
  std::string extra;
  if (geteuid() == 0) {
    // root reads anything: run the ingest as nobody, in folders nobody may write.
    if (std::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "setpriv is not installed";
    chmod(t.path.c_str(), 0777);
    chmod((t.path / "in").c_str(), 0777);
    chmod((t.path / "in/good.md").c_str(), 0644);
    std::string cmd = "setpriv --reuid=65534 --regid=65534 --clear-groups " + std::string(YANBAO_BIN) + " ingest '" +
                      (t.path / "in").string() + "' --db '" + (t.path / "a.db").string() + "' 2>'" +
                      (t.path / "err").string() + "' >/dev/null";
    int status = std::system(cmd.c_str());
    EXPECT_EQ(WEXITSTATUS(status), 3);
    std::string err = slurp(t.path / "err");
    EXPECT_NE(err.find("secret.md: cannot read file: Permission denied"), std::string::npos) << err;
  } else {
    auto r = ingest(t.path / "in", t.path / "a.db");
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.err.find("secret.md: cannot read file: Permission denied"), std::string::npos) << r.err;
  }
  EXPECT_EQ(reports(t.path / "a.db"), 1);
}
