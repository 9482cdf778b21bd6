// Specs for the fast paths of decoding: first_invalid_utf8 finds the same byte as a plain
// code-point-by-code-point validator, on random mixes of valid and broken UTF-8.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "ingest/decode.h"

using namespace yanbao;

namespace {

/// The straightforward validator the fast one must agree with.
size_t reference_first_invalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

TEST(DecodeFastPath, FirstInvalidUtf8AgreesWithReference) {
  std::mt19937 rng(4242);
  // Pieces: ASCII runs, CJK, edge sequences (overlong, surrogates, > U+10FFFF, truncated).
  const std::string pieces[] = {"a",          "hello world ", "中",         "文本",      "é",
                                "😀",         "\xE0\xA0\x80", "\xE0\x9F\xBF", "\xED\x9F\xBF", "\xED\xA0\x80",
                                "\xEF\xBF\xBF", "\xC0\x80",   "\xC1\xBF",   "\xC2\x80",  "\xF0\x90\x80\x80",
                                "\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                                "\xE4\xB8",   "\xE4",         "\x80",       "\xBF",      "\xFF",
                                "\xFE",       "12345678",     "\n"};
  for (int n = 0; n < 50000; ++n) {
    std::string s;
    int k = static_cast<int>(rng() % 24);
    for (int j = 0; j < k; ++j) {
      // Mostly valid text, so errors land at varied offsets (including past ASCII runs).
      size_t idx = rng() % 4 == 0 ? rng() % std::size(pieces) : rng() % 6;
      s += pieces[idx];
    }
    ASSERT_EQ(first_invalid_utf8(s), reference_first_invalid(s)) << n;
  }
}
