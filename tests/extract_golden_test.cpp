// What users see of extraction is golden-tested: `yanbao extract` of every file in examples/,
// text and JSON, against tests/golden/extract/. A change in what extraction finds shows up
// as a diff here. Set YANBAO_UPDATE_GOLDEN=1 to rewrite the goldens (then read the diff).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace fs = std::filesystem;
using yanbao::test::run_yanbao;
using yanbao::test::slurp;
using yanbao::test::TempDir;

namespace {

std::vector<fs::path> example_reports() {
  std::vector<fs::path> out;
  const fs::path root = fs::path(YANBAO_SOURCE_DIR) / "examples";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const auto ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".md" || ext == ".txt" || ext == ".markdown")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// examples/real/x.md → real__x.md.out
std::string golden_name(const fs::path& p, const std::string& suffix) {
  std::string rel = fs::relative(p, fs::path(YANBAO_SOURCE_DIR) / "examples").string();
  std::replace(rel.begin(), rel.end(), '/', '_');
  return rel + suffix;
}

/// The output with the checkout's location removed, so the goldens hold in any clone.
std::string portable(std::string s) {
  const std::string root = std::string(YANBAO_SOURCE_DIR) + "/";
  for (size_t at; (at = s.find(root)) != std::string::npos;) s.erase(at, root.size());
  return s;
}

void check(const std::string& name, const std::string& raw) {
  const std::string actual = portable(raw);
  const fs::path dir = fs::path(YANBAO_SOURCE_DIR) / "tests" / "golden" / "extract";
  const fs::path p = dir / name;
  if (const char* u = std::getenv("YANBAO_UPDATE_GOLDEN"); u && *u == '1') {
    fs::create_directories(dir);
    std::ofstream(p, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(p)) << p << " missing; run with YANBAO_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, slurp(p)) << "golden " << p;
}

}  // namespace

TEST(ExtractGolden, EveryExampleAsText) {
  TempDir t;
  auto files = example_reports();
  ASSERT_GE(files.size(), 10u);
  for (const auto& f : files) {
    auto r = run_yanbao({"extract", f.string()}, t.path);
    check(golden_name(f, ".out"), "exit " + std::to_string(r.code) + "\n" + r.out + r.err);
  }
}

TEST(ExtractGolden, EveryExampleAsJson) {
  TempDir t;
  for (const auto& f : example_reports()) {
    auto r = run_yanbao({"--format", "json", "extract", f.string()}, t.path);
    check(golden_name(f, ".json"), "exit " + std::to_string(r.code) + "\n" + r.out + r.err);
  }
}

TEST(RowLines, EveryIngestedIndexAndMoverNamesItsBodyLine) {
  TempDir t;
  const std::string db = (t.path / "a.db").string();
  auto in = run_yanbao({"ingest", (fs::path(YANBAO_SOURCE_DIR) / "examples").string(), "--db", db, "-q"}, t.path);
  ASSERT_EQ(in.code, 3) << in.err;  // the broken example is rejected on purpose
  auto q = run_yanbao({"--db", db, "--format", "csv", "query",
                       "SELECT (SELECT count(*) FROM indices WHERE line IS NULL OR line < 1) + "
                       "(SELECT count(*) FROM movers WHERE line IS NULL OR line < 1) AS missing, "
                       "(SELECT count(*) FROM indices) > 0 AS any"},
                      t.path);
  EXPECT_EQ(q.out, "missing,any\r\n0,1\r\n") << q.err;  // csv ends records with CRLF (RFC 4180)
  auto show = run_yanbao({"--db", db, "show", "real/jixie-weekly-pdf-20250914.md"}, t.path);
  EXPECT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("line"), std::string::npos) << show.out;
}
