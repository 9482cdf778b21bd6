#pragma once
/// UTF-8 decoding and terminal display width, with exactly utf8proc's results
/// (utf8proc_iterate, utf8proc_charwidth) but the cases that make up nearly all of a
/// report's text inline: ASCII, well-formed three-byte sequences (the whole BMP beyond
/// U+07FF, so every Han character), and the wide CJK ranges. Everything else goes to
/// utf8proc. Printing a table measured every character through two library calls, which
/// cost more than the query.
#include <cstddef>
#include <cstdint>

namespace yanbao::utf8 {

/// The replacement character (U+FFFD) that stands for an invalid byte, as UTF-8.
inline constexpr char kReplacement[] = "\xEF\xBF\xBD";

namespace detail {
std::ptrdiff_t decode_by_utf8proc(const unsigned char* p, std::ptrdiff_t n, std::int32_t& cp);
int width_by_utf8proc(std::int32_t cp);
}  // namespace detail

/// Decodes the character at `p`, which has `n` ≥ 1 bytes left, as utf8proc_iterate() does:
/// its length in bytes (1–4) with `cp` set, or 0 when the bytes at `p` do not start a
/// well-formed character (overlong, a surrogate, past U+10FFFF, truncated, a stray
/// continuation byte).
inline std::ptrdiff_t decode_char(const unsigned char* p, std::ptrdiff_t n, std::int32_t& cp) {
  if (p[0] < 0x80) {
    cp = p[0];
    return 1;
  }
  if ((p[0] & 0xF0) == 0xE0 && n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    const std::int32_t v = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {  // not overlong, not a surrogate
      cp = v;
      return 3;
    }
    return 0;
  }
  return detail::decode_by_utf8proc(p, n, cp);
}

/// Display columns of one code point in a terminal, as utf8proc_charwidth() gives them:
/// 2 for East Asian Wide and Fullwidth characters, 0 for controls and combining marks,
/// 1 for the rest.
inline int char_width(std::int32_t cp) {
  if (cp < 0x80) return cp >= 0x20 && cp != 0x7F ? 1 : 0;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return 2;  // CJK Unified Ideographs
  if (cp >= 0x3000 && cp <= 0x3029) return 2;  // CJK punctuation 、。《》「」【】 (U+302A.. are combining)
  if (cp >= 0xFF01 && cp <= 0xFF60) return 2;  // full-width forms ，：（）！？ＡＢ１２
  return detail::width_by_utf8proc(cp);
}

}  // namespace yanbao::utf8
