// util/utf8.h decodes and measures characters with inline fast paths; these specs hold it to
// exactly what utf8proc says, over every code point and every short byte sequence.
#include <gtest/gtest.h>
#include <utf8proc.h>

#include <array>
#include <cstdint>

#include "query/output.h"
#include "util/utf8.h"

using namespace yanbao;

namespace {

/// utf8proc_iterate() in decode_char()'s terms: the length, or 0 for an invalid sequence.
std::ptrdiff_t utf8proc_length(const unsigned char* p, std::ptrdiff_t n, std::int32_t& cp) {
  utf8proc_int32_t c = -1;
  const utf8proc_ssize_t len = utf8proc_iterate(p, n, &c);
  cp = c;
  return len <= 0 ? 0 : len;
}

/// Decodes `bytes[0..n)` both ways; a failure message names the bytes.
void expect_same_decoding(const std::array<unsigned char, 4>& bytes, std::ptrdiff_t n) {
  std::int32_t want_cp = -1, got_cp = -1;
  const std::ptrdiff_t want = utf8proc_length(bytes.data(), n, want_cp);
  const std::ptrdiff_t got = utf8::decode_char(bytes.data(), n, got_cp);
  if (got != want || (want > 0 && got_cp != want_cp)) {
    ADD_FAILURE() << std::hex << "bytes " << int(bytes[0]) << " " << int(bytes[1]) << " " << int(bytes[2]) << " "
                  << int(bytes[3]) << " (n=" << n << "): utf8proc " << want << "/" << want_cp << ", decode_char "
                  << got << "/" << got_cp;
  }
}

}  // namespace

TEST(Utf8, DecodesEveryThreeByteSequenceAsUtf8procDoes) {
  // Every lead byte with every pair of following bytes, whole and cut short: this covers
  // the inline paths (ASCII and three-byte sequences) completely.
  std::array<unsigned char, 4> b{};
  for (int b0 = 0; b0 < 256; ++b0) {
    b[0] = static_cast<unsigned char>(b0);
    expect_same_decoding(b, 1);
    for (int b1 = 0; b1 < 256; ++b1) {
      b[1] = static_cast<unsigned char>(b1);
      expect_same_decoding(b, 2);
      for (int b2 = 0; b2 < 256; ++b2) {
        b[2] = static_cast<unsigned char>(b2);
        expect_same_decoding(b, 3);
      }
    }
  }
}

TEST(Utf8, DecodesFourByteSequencesAsUtf8procDoes) {
  std::array<unsigned char, 4> b{};
  for (int b0 = 0xF0; b0 < 256; ++b0)
    for (int b1 = 0; b1 < 256; ++b1)
      for (int b2 = 0; b2 < 256; ++b2)
        for (int b3 : {0x00, 0x41, 0x80, 0x9F, 0xBF, 0xC0}) {
          b = {static_cast<unsigned char>(b0), static_cast<unsigned char>(b1), static_cast<unsigned char>(b2),
               static_cast<unsigned char>(b3)};
          expect_same_decoding(b, 4);
        }
}

TEST(DisplayWidth, MatchesUtf8procForEveryCodePoint) {
  for (std::int32_t cp = 0; cp <= 0x10FFFF; ++cp)
    ASSERT_EQ(utf8::char_width(cp), utf8proc_charwidth(cp)) << std::hex << "U+" << cp;
}

TEST(DisplayWidth, CountsEachInvalidByteAsOneColumn) {
  EXPECT_EQ(display_width("\xFF\xFE"), 2);
  EXPECT_EQ(display_width("a\xE4\xB8\xE4\xB8\xAD"), 5);  // a, a cut-short 中 (2 bytes), 中
  EXPECT_EQ(display_width("\xE0\x80\x80"), 3);            // overlong
  EXPECT_EQ(display_width("\xED\xA0\x80"), 3);            // a surrogate
  EXPECT_EQ(display_width("\xF4\x90\x80\x80"), 4);        // past U+10FFFF
}

TEST(DisplayWidth, ReplacementCharacterAndEllipsisTakeOneColumn) {
  // The table writer relies on both: U+FFFD stands for an invalid byte, … ends a cut cell.
  EXPECT_EQ(display_width(utf8::kReplacement), 1);
  EXPECT_EQ(display_width("\xE2\x80\xA6"), 1);
}
