// The README's transcripts are produced by the binary: every ```text block of README.md is a
// session of `$ yanbao …` commands run in order against one archive ($YANBAO_DB) from the
// source folder, each followed by its output and, when not 0, "(exit code N)". This test runs
// them and compares, so the README cannot drift from what users see. Only what changes from
// run to run is normalized: timings, timestamps and the checkout's location.
// YANBAO_UPDATE_GOLDEN=1 rewrites the blocks with the real output (then read the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace fs = std::filesystem;
using yanbao::test::shell_quote;
using yanbao::test::slurp;
using yanbao::test::TempDir;

namespace {

/// Where the README's transcripts pretend the checkout is: output that prints the source
/// folder (the ingest roots) shows this instead, in every clone.
constexpr const char* kShownCheckout = "/home/me/yanbao";

struct Step {
  std::string command;  // without "$ "
  std::string output;   // what follows, without the exit-code line, trailing blank lines trimmed
  int exit_code = 0;
};

struct Block {
  size_t begin = 0, end = 0;  // the block's text in README.md, between the fences
  std::vector<Step> steps;
};

std::string trim_trailing_blank_lines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<Block> transcripts(const std::string& readme) {
  std::vector<Block> out;
  const std::string open = "```text\n", close = "\n```";
  for (size_t at = readme.find(open); at != std::string::npos; at = readme.find(open, at)) {
    Block b;
    b.begin = at + open.size();
    b.end = readme.find(close, b.begin);
    if (b.end == std::string::npos) break;
    std::istringstream in(readme.substr(b.begin, b.end - b.begin));
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    for (const auto& l : lines) {
      if (l.rfind("$ ", 0) == 0) {
        b.steps.push_back({l.substr(2), "", 0});
      } else if (!b.steps.empty()) {
        static const std::regex exit_line(R"(\(exit code (\d+)\))");
        std::smatch m;
        if (std::regex_match(l, m, exit_line)) b.steps.back().exit_code = std::stoi(m[1]);
        else b.steps.back().output += l + "\n";
      }
    }
    for (auto& s : b.steps) s.output = trim_trailing_blank_lines(s.output);
    if (!b.steps.empty() && b.steps.front().command.rfind("yanbao", 0) == 0) out.push_back(std::move(b));
    at = b.end + close.size();
  }
  return out;
}

/// Timings, timestamps and durations vary between runs; nothing else may.
std::string normalize(const std::string& s) {
  static const std::regex secs(R"(in \d+\.\d+ s)"), stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"),
      seconds_row(R"((\n|^)seconds( +)[0-9.e-]+)");
  std::string r = std::regex_replace(s, secs, "in N s");
  r = std::regex_replace(r, stamp, "TIMESTAMP");
  r = std::regex_replace(r, seconds_row, "$1seconds$2N");
  return r;
}

struct Session {
  TempDir tmp;
  fs::path bin = tmp.path / "bin";
  Session() {
    fs::create_directories(bin);
    fs::create_symlink(YANBAO_BIN, bin / "yanbao");
  }
  Step run(const std::string& command) {
    const fs::path out = tmp.path / "out.txt";
    std::string cmd = "cd " + shell_quote(YANBAO_SOURCE_DIR) + " && env PATH=" + shell_quote(bin.string()) +
                      ":\"$PATH\" YANBAO_DB=" + shell_quote((tmp.path / "yanbao.db").string()) +
                      " XDG_CONFIG_HOME=/nonexistent sh -c " + shell_quote(command) + " >" +
                      shell_quote(out.string()) + " 2>&1";
    int rc = std::system(cmd.c_str());
    std::string text = slurp(out);
    // CSV ends records with CRLF (RFC 4180); the README is a text file with LF line ends.
    std::erase(text, '\r');
    // The checkout's location as the README shows it.
    for (size_t at; (at = text.find(YANBAO_SOURCE_DIR)) != std::string::npos;)
      text.replace(at, std::string(YANBAO_SOURCE_DIR).size(), kShownCheckout);
    return {command, trim_trailing_blank_lines(text), WIFEXITED(rc) ? WEXITSTATUS(rc) : -1};
  }
};

std::string render(const std::vector<Step>& steps) {
  std::string out;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i) out += "\n";
    out += "$ " + steps[i].command + "\n";
    if (!steps[i].output.empty()) out += steps[i].output + "\n";
    if (steps[i].exit_code != 0) out += "(exit code " + std::to_string(steps[i].exit_code) + ")\n";
  }
  if (!out.empty()) out.pop_back();  // the closing fence follows on its own line
  return out;
}

}  // namespace

TEST(Readme, TranscriptsAreWhatTheBinaryPrints) {
  const fs::path readme_path = fs::path(YANBAO_SOURCE_DIR) / "README.md";
  std::string readme = slurp(readme_path);
  auto blocks = transcripts(readme);
  ASSERT_FALSE(blocks.empty()) << "no ```text transcript in README.md";
  Session session;  // one archive for every block, in order: later blocks build on earlier ones
  const bool update = [] {
    const char* u = std::getenv("YANBAO_UPDATE_GOLDEN");
    return u && *u == '1';
  }();
  std::vector<std::string> rendered;
  for (const Block& b : blocks) {
    std::vector<Step> actual;
    for (const Step& want : b.steps) {
      Step got = session.run(want.command);
      if (!update) {
        EXPECT_EQ(normalize(got.output), normalize(want.output)) << "$ " << want.command;
        EXPECT_EQ(got.exit_code, want.exit_code) << "$ " << want.command;
      }
      actual.push_back(std::move(got));
    }
    rendered.push_back(render(actual));
  }
  if (update) {
    for (size_t i = blocks.size(); i-- > 0;)  // back to front: earlier offsets stay valid
      readme.replace(blocks[i].begin, blocks[i].end - blocks[i].begin, rendered[i]);
    std::ofstream(readme_path, std::ios::binary) << readme;
  }
}
