// Specs for the fast paths of the list text helpers: trim, nesting and find_word give what
// their plain versions give, on random mixes of CJK, brackets, blanks and stray bytes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "extract/lists_text.h"

using namespace yanbao::lists;

namespace {

std::string_view reference_trim(std::string_view s) {
  while (!s.empty()) {
    auto c = decode_at(s, 0);
    if (!is_space(c.cp)) break;
    s.remove_prefix(c.len);
  }
  while (!s.empty()) {
    size_t k = s.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (!is_space(decode_at(s, k).cp)) break;
    s.remove_suffix(s.size() - k);
  }
  return s;
}

/// The original nesting: matched pairs found with a stack, then each pair's inside counted.
std::vector<unsigned char> reference_nesting(std::string_view s) {
  struct Open {
    char32_t closer;
    size_t pos;
  };
  auto closer_of = [](char32_t c) -> char32_t {
    switch (c) {
      case U'(': return U')';
      case U'[': return U']';
      case U'【': return U'】';
      case U'《': return U'》';
      case U'“': return U'”';
      case U'‘': return U'’';
      case U'「': return U'」';
      case U'『': return U'』';
      case U'〔': return U'〕';
      default: return 0;
    }
  };
  auto is_closer = [](char32_t c) {
    return c == U')' || c == U']' || c == U'】' || c == U'》' || c == U'”' || c == U'’' || c == U'」' ||
           c == U'』' || c == U'〕';
  };
  std::vector<Open> stack;
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    if (f == U'"') {
      if (!stack.empty() && stack.back().closer == U'"') {
        pairs.emplace_back(stack.back().pos, i);
        stack.pop_back();
      } else {
        stack.push_back({U'"', i});
      }
    } else if (char32_t cl = closer_of(f)) {
      stack.push_back({cl, i});
    } else if (is_closer(f)) {
      for (size_t k = stack.size(); k-- > 0;)
        if (stack[k].closer == f) {
          pairs.emplace_back(stack[k].pos, i);
          stack.resize(k);
          break;
        }
    }
    i += c.len;
  }
  std::vector<unsigned char> depth(s.size(), 0);
  for (auto [o, c] : pairs)
    for (size_t i = o + 1; i < c; ++i)
      if (depth[i] < 255) ++depth[i];
  return depth;
}

std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "中", "文", "推荐", "评级", " ", "\t", "\n", "　", "\xC2\xA0", "\xEF\xBB\xBF", "（", "）", "(", ")", "[", "]",
      "【", "】", "《", "》", "“", "”", "‘", "’", "「", "」", "『", "』", "〔", "〕", "\"", "＂", "a", "1", "，",
      "\x80", "\x85", "\x9A", "\xA0", "\xBF", "\xC2", "\xE3\x80", "\xE4", "\xFF"};
  std::string s;
  int n = static_cast<int>(rng() % 20);
  for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

}  // namespace

TEST(ListsFastPath, TrimAgreesWithReference) {
  std::mt19937 rng(7);
  for (int n = 0; n < 50000; ++n) {
    std::string s = random_text(rng);
    std::string_view got = trim(s), want = reference_trim(s);
    ASSERT_EQ(got.data() - s.data(), want.data() - s.data()) << n;
    ASSERT_EQ(got.size(), want.size()) << n;
  }
}

TEST(ListsFastPath, NestingAgreesWithReference) {
  std::mt19937 rng(11);
  for (int n = 0; n < 50000; ++n) {
    std::string s = random_text(rng);
    ASSERT_EQ(nesting(s), reference_nesting(s)) << n;
  }
  // Deep nesting saturates at 255 in both.
  std::string deep = std::string(300, '(') + "x" + std::string(300, ')');
  ASSERT_EQ(nesting(deep), reference_nesting(deep));
}

TEST(ListsFastPath, FindWordIsFind) {
  std::mt19937 rng(13);
  const std::vector<std::string> words = {"评级", "推荐", "中", "）", "\x80", "a1", "文文"};
  for (int n = 0; n < 50000; ++n) {
    std::string s = random_text(rng);
    const std::string& w = words[rng() % words.size()];
    size_t from = rng() % (s.size() + 2);
    ASSERT_EQ(find_word(s, w, from), std::string_view(s).find(w, from)) << n;
  }
}
