#pragma once
/// Text scanning helpers for the list extractors (lists.cpp): UTF-8 stepping, width-folded
/// punctuation, Markdown line cleaning and bracket-aware splitting. Pure functions over
/// string_view; every offset they return is on a code-point boundary.
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace yanbao::lists {

/// One decoded code point and its byte length. Invalid bytes decode as U+FFFD of length 1,
/// so a scan always advances and never cuts inside a valid multibyte character.
struct CodePoint {
  char32_t cp;
  size_t len;
};

/// Decodes the code point starting at byte i (i < s.size()). Always inline: every scan
/// calls it per character, and left to itself the compiler made it a call.
[[gnu::always_inline]] inline CodePoint decode_at(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {  // the common case: a CJK character
    unsigned char c1 = b(i + 1), c2 = b(i + 2);
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return {0xFFFD, 1};
    return {static_cast<char32_t>(((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F)), 3};
  }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  return {cp, len};
}

/// Folds full-width ASCII forms (U+FF01..U+FF5E) to ASCII and U+3000 to ' ', so that '：'
/// and ':' or '（' and '(' compare equal. Other code points are returned unchanged.
inline char32_t fold(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000) return U' ';
  return cp;
}

/// CJK unified ideographs (the "Han" characters of names and headings).
bool is_han(char32_t cp);

/// ASCII blanks, U+3000 and NBSP.
bool is_space(char32_t cp);

/// Number of code points in s.
size_t cp_count(std::string_view s);

/// s without leading/trailing blanks (including U+3000).
std::string_view trim(std::string_view s);

/// s without trailing sentence punctuation and blanks (。．.；;，,、！!).
std::string_view trim_trailing_punct(std::string_view s);

/// True when s starts with p (bytes). Keyword tables are UTF-8 literals, so a byte match
/// at a code-point boundary is a code-point match.
inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
/// Offset of the first occurrence of p in s at or after `from`, or npos: s.find(p, from).
/// Looks for p's last byte, which for a CJK word is a continuation byte (spread over 64
/// values), instead of its lead byte (a handful of values, so memchr stops at every other
/// character of Chinese text).
inline size_t find_word(std::string_view s, std::string_view p, size_t from = 0) {
  if (from > s.size()) return std::string_view::npos;
  if (p.empty()) return from;
  if (p.size() > s.size() - from) return std::string_view::npos;
  const char* base = s.data();
  const char* q = base + from + p.size() - 1;
  const char* end = base + s.size();
  while (q < end) {
    const auto* hit = static_cast<const char*>(std::memchr(q, p.back(), static_cast<size_t>(end - q)));
    if (!hit) return std::string_view::npos;
    const char* start = hit - (p.size() - 1);
    if (std::memcmp(start, p.data(), p.size()) == 0) return static_cast<size_t>(start - base);
    q = hit + 1;
  }
  return std::string_view::npos;
}
inline bool contains(std::string_view s, std::string_view p) { return find_word(s, p) != std::string_view::npos; }

/// If s starts with a width-folded ASCII char c (':' matches '：'), returns its byte length.
size_t folded_char_len(std::string_view s, char c);

/// One body line with Markdown noise removed.
struct CleanLine {
  std::string text;      ///< trimmed, without bullets, numbering, emphasis markers and links
  bool bullet = false;   ///< was a list item ("- ", "* ", "1.", "（1）", "①")
  bool heading = false;  ///< was a '#' heading
  bool bold = false;     ///< was wholly bold (**…**), which reports use as a heading
  bool table = false;    ///< a Markdown table row ("| … |")
};

/// Cleans one raw line: strips '#'/'>' markers, bullets and enumeration ("1、", "(2)", "③",
/// "一、"), `**`/`__`/backticks, images, HTML tags and bare URLs, and replaces a link
/// [text](url) by its text, dropping links whose text is itself a URL or a site stamp.
CleanLine clean_line(std::string_view raw);

/// Strips one leading enumeration marker ("1、", "2.", "3）", "(4)", "（5）", "⑥", "一、",
/// "（二）") and the blanks after it. Returns the rest and sets `number` to the marker's
/// value (0 when there was none).
std::string_view strip_enumeration(std::string_view s, int* number = nullptr);

/// Per-byte bracket/quote depth of s: depth[i] > 0 when byte i lies inside a matched pair of
/// （）()【】[]《》“”‘’「」『』〔〕 or straight double quotes. Unmatched openers or closers
/// are ignored, so one stray bracket cannot swallow the rest of a paragraph.
std::vector<unsigned char> nesting(std::string_view s);

/// Splits s at top-level code points for which is_sep(fold(cp)) holds. Pieces are trimmed
/// views into s; empty pieces are dropped.
std::vector<std::string_view> split_top(std::string_view s, bool (*is_sep)(char32_t));

}  // namespace yanbao::lists
