// Specs for hostile files: each gets a clear per-file error or is handled within bounded
// memory and time, and nothing else is lost.
#include <gtest/gtest.h>

#include "test_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "ingest/report.h"
#include "ingest/walk.h"

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

// Issue 13, item 5: nothing is skipped silently. A FIFO named like a report (never opened,
// so the run cannot hang on it), a symlink to a device, and a folder whose path is longer
// than PATH_MAX each get a "path: reason" line, an ingest_errors row and exit code 3.
TEST(Hostile, FifoDeviceLinkAndOverlongPathAreEachReportedNotSkippedSilently) {
  TempDir t;
  const fs::path in = t.path / "in";
  fs::create_directories(in);
  std::ofstream(in / "good.md") << kGoodReport;
  ASSERT_EQ(mkfifo((in / "x.md").c_str(), 0644), 0);
  fs::create_symlink("/dev/zero", in / "zero.md");
  // Folders nested by name, each made relative to the one before, past PATH_MAX in all.
  const std::string name(200, 'd');
  int fd = open(in.c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  size_t length = in.string().size();
  int depth = 0;
  for (; length <= PATH_MAX + 200; ++depth, length += name.size() + 1) {
    ASSERT_EQ(mkdirat(fd, name.c_str(), 0755), 0);
    int next = openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
    close(fd);
    ASSERT_GE(next, 0);
    fd = next;
  }
  int report = openat(fd, "deep.md", O_WRONLY | O_CREAT, 0644);
  ASSERT_GE(report, 0);
  ASSERT_EQ(write(report, kGoodReport, std::strlen(kGoodReport)), static_cast<ssize_t>(std::strlen(kGoodReport)));
  close(report);
  close(fd);

  auto r = ingest(in, t.path / "a.db", "-q");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("/x.md: a FIFO, not a regular file: skipped\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/zero.md: a character device, not a regular file: skipped\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("path longer than the system allows (PATH_MAX"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find(" 3 rejected "), std::string::npos) << r.out;
  {
    SQLite::Database d((t.path / "a.db").string());
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM reports").getInt64(), 1);
    EXPECT_EQ(d.execAndGet("SELECT group_concat(substr(path, 1, 8), ' ') FROM (SELECT path FROM ingest_errors ORDER BY path)")
                  .getString(),
              std::string(name.substr(0, 8)) + " x.md zero.md");
  }
  // Once the FIFO is gone its row goes too; the others are reported again.
  fs::remove(in / "x.md");
  auto again = ingest(in, t.path / "a.db", "-q");
  EXPECT_EQ(again.code, 3);
  EXPECT_EQ(again.err.find("x.md"), std::string::npos) << again.err;
  {
    SQLite::Database d((t.path / "a.db").string());
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM ingest_errors").getInt64(), 2);
  }
  // std::filesystem cannot remove a tree deeper than PATH_MAX; rm works below it by fd.
  ASSERT_EQ(std::system(("rm -rf '" + in.string() + "'").c_str()), 0);
}

// Issue 13, item 6: ripgrep's convention. A symlink that leaves the folder is not followed
// (one line says so; it is no rejection), a link inside it is; --follow follows them all.
TEST(Hostile, SymlinkLeavingTheFolderIsFollowedOnlyWithFollow) {
  TempDir t;
  const fs::path in = t.path / "in";
  fs::create_directories(in / "sub");
  fs::create_directories(t.path / "outside/etc");
  std::ofstream(in / "sub/a.md") << kGoodReport;
  std::ofstream(t.path / "outside/etc/rgb.md") << kGoodReport << "外面的文件\n";
  std::ofstream(t.path / "outside/b.md") << kGoodReport << "另一个外面的文件\n";
  fs::create_directory_symlink(t.path / "outside/etc", in / "etc");
  fs::create_symlink(t.path / "outside/b.md", in / "b.md");
  fs::create_symlink("sub/a.md", in / "inside.md");

  auto r = ingest(in, t.path / "a.db", "-q");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("/etc: symlink leads outside the folder, not followed (--follow follows it)"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("/b.md: symlink leads outside the folder, not followed"), std::string::npos) << r.err;
  {
    SQLite::Database d((t.path / "a.db").string());
    EXPECT_EQ(d.execAndGet("SELECT group_concat(path, ' ') FROM (SELECT path FROM files ORDER BY path)").getString(),
              "inside.md sub/a.md");
    EXPECT_EQ(d.execAndGet("SELECT count(*) FROM ingest_errors").getInt64(), 0);
  }
  auto followed = ingest(in, t.path / "b.db", "-q --follow");
  EXPECT_EQ(followed.code, 0) << followed.err;
  EXPECT_EQ(followed.err, "");
  SQLite::Database d((t.path / "b.db").string());
  EXPECT_EQ(d.execAndGet("SELECT group_concat(path, ' ') FROM (SELECT path FROM files ORDER BY path)").getString(),
            "b.md etc/rgb.md inside.md sub/a.md");
}

// Issue 13, item 7: "one line per bad file" holds whatever the file is called. A newline in
// a name cannot forge a second line, an escape sequence cannot reach the terminal.
TEST(Hostile, ControlCharactersInPathsArePrintedEscaped) {
  TempDir t;
  const fs::path in = t.path / "in";
  fs::create_directories(in);
  std::ofstream(in / "bad\nforged.md: everything is fine.md") << "";
  std::ofstream(in / "\x1b[31mred.md") << "";
  std::ofstream(in / "tab\there.md") << "";
  auto r = ingest(in, t.path / "a.db", "-q");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 3) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\t'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/bad\\nforged.md: everything is fine.md: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/\\x1B[31mred.md: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/tab\\there.md: "), std::string::npos) << r.err;

  // A report stored under such a name: `show` prints its path escaped too.
  std::ofstream(in / "\x1b]0;title\x07good.md") << kGoodReport;
  ingest(in, t.path / "a.db", "-q");
  const std::string show = std::string(YANBAO_BIN) + " --db '" + (t.path / "a.db").string() + "' show 1 >'" +
                           (t.path / "show").string() + "' 2>&1";
  EXPECT_EQ(WEXITSTATUS(std::system(show.c_str())), 0) << slurp(t.path / "show");
  const std::string shown = slurp(t.path / "show");
  EXPECT_EQ(shown.find('\x1b'), std::string::npos) << shown;
  EXPECT_NE(shown.find("\\x1B]0;title\\x07good.md"), std::string::npos) << shown;
}

TEST(PrintablePath, EscapesControlsAndBadBytesKeepsChinese) {
  EXPECT_EQ(printable_path("研报/周报.md"), "研报/周报.md");
  EXPECT_EQ(printable_path("a\nb\tc\rd\\e"), "a\\nb\\tc\\rd\\\\e");
  EXPECT_EQ(printable_path("\x1b[2J\x7f"), "\\x1B[2J\\x7F");
  EXPECT_EQ(printable_path("\xc2\x9b" "1m"), "\\xC2\\x9B1m");  // C1 CSI, as UTF-8
  EXPECT_EQ(printable_path("\xff\xe4\xb8"), "\\xFF\\xE4\\xB8");  // not UTF-8
}
