// Specs for the YAML front matter fast path (parse_simple_yaml): whatever it accepts, it
// reads exactly as yaml-cpp does; what it cannot read that way it declines.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ingest/frontmatter.h"

using namespace yanbao;

namespace {

/// Runs both paths over `inner`. Returns whether the fast path accepted it; when it did,
/// yaml-cpp must accept it too and give the same JSON, scalars and lists.
bool agrees(const std::string& inner) {
  FrontMatter fast, ref;
  FileProblem problem;
  if (!parse_simple_yaml(inner, fast)) {
    EXPECT_EQ(fast.json, "{}") << "a declining fast path must leave fm untouched";
    EXPECT_TRUE(fast.scalars.empty() && fast.lists.empty());
    return false;
  }
  bool ok = parse_yaml_with_yaml_cpp(inner, ref, problem);
  EXPECT_TRUE(ok) << "fast path accepted what yaml-cpp rejects (" << problem.message << "):\n" << inner;
  if (!ok) return true;
  EXPECT_EQ(fast.json, ref.json) << inner;
  EXPECT_EQ(fast.scalars, ref.scalars) << inner;
  EXPECT_EQ(fast.lists, ref.lists) << inner;
  return true;
}

}  // namespace

TEST(FrontMatterFastPath, ReadsTheCommonShape) {
  std::string inner =
      "title: \"中小盘周报：固态电池产业化加速\"\n"
      "date: \"2019-03-04 21:46:00\"\n"
      "author: 天风证券  # the broker\n"
      "code: 002415\n"
      "note: 'it''s'\n"
      "empty:\n"
      "# a comment\n"
      "\n"
      "categories:\n"
      "  - \"hibor\"\n"
      "  - 中小盘\n"
      "tags:\n"
      "- 'a'\n"
      "- b # c\n";
  FrontMatter fm;
  ASSERT_TRUE(parse_simple_yaml(inner, fm));
  EXPECT_EQ(fm.json,
            "{\"title\":\"中小盘周报：固态电池产业化加速\",\"date\":\"2019-03-04 21:46:00\",\"author\":\"天风证券\","
            "\"code\":\"002415\",\"note\":\"it's\",\"empty\":null,\"categories\":[\"hibor\",\"中小盘\"],"
            "\"tags\":[\"a\",\"b\"]}");
  EXPECT_TRUE(agrees(inner));
}

TEST(FrontMatterFastPath, DeclinesWhatItDoesNotModel) {
  for (std::string inner : {
           "a: \"x\\\"y\"\n",          // escapes
           "a: |\n  block\n",           // block scalar
           "a: &x 1\nb: *x\n",          // anchors and aliases
           "a: [1, 2]\n",               // flow sequence
           "a: {b: c}\n",               // flow mapping
           "a: 1\na: 2\n",              // duplicate keys
           "a:\n  b: c\n",              // nested mapping
           "a: one\n  two\n",           // multi-line plain scalar
           "a:\tb\n",                   // tab
           "a: b: c\n",                 // nested mapping on one line
           "\"a\": b\n",                // quoted key
           "- a\n- b\n",                // top-level sequence
           "a: \"open\n",               // unterminated quote
           "a: ~\n  - x\n",             // items after an explicit null
           "a:\n  - x\n    - y\n",      // uneven items
           "a: !!str 1\n",              // tag
       }) {
    EXPECT_FALSE(agrees(inner)) << inner;
  }
}

/// Random front matters built from tricky pieces: whatever the fast path accepts must read
/// as yaml-cpp reads it.
TEST(FrontMatterFastPath, AgreesWithYamlCppOnGeneratedInputs) {
  const std::vector<std::string> keys = {
      "title", "date", "tags", "categories", "标题", "发布日期", "a.b", "x-y", "_k", "k2", "null", "Null", "~",
      "123", "true", "key with space", "\"quoted\"", "'single'", "k#", "-k", ".k", "k:", "？", "a b"};
  const std::vector<std::string> values = {
      "abc", "中小盘周报：标题", "2019-03-04 21:46:00", "a # comment", "a#b", "a: b", "a:", "a:b",
      "http://x.y/z?a=1#frag", "~", "null", "Null", "NULL", "nul", "true", "no", "-5", "- a", "-", "[a, b]",
      "{a: b}", "a [b] {c}", "a, b", "a ,b", "&anc a", "*anc", "!tag x", "|", ">", "%x", "@x", "`x`", "...",
      "a...", "---x", "'it''s'", "'a'", "''", "'''", "\"\"", "\"a # b\"", "\"a\\\"b\"", "\"a\\nb\"",
      "\"unterminated", "'unterminated", "\"a\" # c", "\"a\"x", "\"a\"#x", "'a' # c", "'a'x", "\"a\"  ",
      "  spaced  ", "全角　空格", "nb\xC2\xA0sp", "tab\there", "emoji 😀", "ls\xE2\x80\xA8x", "nel\xC2\x85x",
      "bom\xEF\xBB\xBFx", "a\"b", "a'b", "?x", "? x", ":x", ",x", "a,b", "值 #注释", "#not", "x  ", "", " ",
      "# only comment", "\"多\"  # 注释", "'单' #", "a\rb", "0x1F", "1e3", "+1", ".5", "<<", "=", "a\\b",
      "\"  pad  \"", "'  pad  '", "\"中文\"", "\"#\"", "'#'", "\"a'b\"", "'a\"b'", "C:\\path", "a  #  b",
      "a\x01" "b", "\xE3\x80\x80lead", "[", "]", "a]", "a}", "{"};
  // Each value alone, as a scalar and as a list item, so every piece is compared.
  for (const auto& v : values) {
    agrees("title: " + v + "\n");
    agrees("tags:\n  - " + v + "\n");
    agrees("tags:\n- " + v + "\nk: " + v);
  }
  const std::vector<std::string> indents = {"", "  ", "    ", " ", "\t"};
  std::mt19937 rng(20250309);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  auto common_key = [&] { return keys[rng() % 5]; };
  int accepted = 0;
  const int kCases = 20000;
  for (int n = 0; n < kCases; ++n) {
    std::string inner;
    int lines = 1 + static_cast<int>(rng() % 8);
    for (int l = 0; l < lines; ++l) {
      switch (rng() % 10) {
        case 0:
        case 1:
        case 2:  // common key, tricky value
          inner += common_key() + ": " + pick(values) + "\n";
          break;
        case 3:  // tricky key
          inner += pick(keys) + ": " + pick(values) + "\n";
          break;
        case 4: {  // a block list
          inner += common_key() + ":" + (rng() % 4 == 0 ? " # c" : "") + "\n";
          std::string ind = rng() % 6 == 0 ? pick(indents) : "  ";
          int items = static_cast<int>(rng() % 4);
          for (int i = 0; i < items; ++i) {
            std::string item_ind = rng() % 10 == 0 ? pick(indents) : ind;
            inner += item_ind + (rng() % 12 == 0 ? "-" : "- ") + pick(values) + "\n";
            if (rng() % 8 == 0) inner += rng() % 2 ? "\n" : ind + "# comment\n";
          }
          break;
        }
        case 5:  // comment or blank line
          inner += rng() % 2 ? "# " + pick(values) + "\n" : pick(indents) + "\n";
          break;
        case 6:  // odd lines: continuations, directives, document markers
          inner += pick({"  continued", "...", "%YAML 1.2", "- top", "? complex", ": v", "k:v", "k :v",
                         "  - stray", "key:   ", "key:\t"}) +
                   "\n";
          break;
        default:  // the plain common case
          inner += common_key() + ": \"" + std::to_string(rng() % 1000) + "\"\n";
      }
    }
    if (rng() % 10 == 0 && !inner.empty()) inner.pop_back();  // no final newline
    if (agrees(inner)) ++accepted;
    if (HasFailure()) break;
  }
  // The generator must exercise the fast path, not only its refusals.
  EXPECT_GT(accepted, kCases / 10);
}
