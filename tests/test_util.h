#pragma once
// Helpers shared by the test files: temporary folders, files, and running the yanbao binary.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store/archive.h"

namespace yanbao::test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Writes text to p, creating its folders.
inline void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// A fresh temporary folder, removed with everything in it at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "yanbao-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct CliRun {
  int code;
  std::string out, err;
};

/// Runs the yanbao binary with `args` and `env` assignments; captures stdout, stderr and
/// the exit code (files in `tmp`). The default env hides the user's own queries.yaml.
inline CliRun run_yanbao(const std::vector<std::string>& args, const fs::path& tmp,
                         const std::string& env = "XDG_CONFIG_HOME=/nonexistent") {
  std::string cmd = "env " + env + " " + shell_quote(YANBAO_BIN);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  auto out = tmp / "out.txt", err = tmp / "err.txt";
  cmd += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(out), slurp(err)};
}

/// A fresh archive in a temporary folder with tests/data/query/fixture.sql loaded.
struct FixtureArchive {
  TempDir tmp;
  fs::path dir = tmp.path;
  std::string db = (tmp.path / "yanbao.db").string();
  FixtureArchive() {
    open_archive_for_write(db)->exec(slurp(fs::path(YANBAO_TEST_DATA) / "query" / "fixture.sql"));
    open_archive_for_write(db);  // indexes the reports the fixture inserted (reports_fts_pending)
  }
};

}  // namespace yanbao::test
