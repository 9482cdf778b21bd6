#pragma once
/// Small hand-written scanners over UTF-8 text for the extractors: code points, brackets,
/// sentence and clause splitting, numbers with units, and markdown noise removal.
/// Pure functions over std::string_view; nothing allocates per character.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yanbao::scan {

/// Byte length of the UTF-8 sequence that starts with byte b (1 for stray bytes), so that
/// stepping by it never lands inside a multibyte character of valid UTF-8.
inline size_t u8len(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

/// The code point at s[i] and, in *len, its byte length. Returns 0 at or past the end.
inline char32_t decode(std::string_view s, size_t i, size_t* len = nullptr) {
  if (i >= s.size()) {
    if (len) *len = 0;
    return 0;
  }
  auto b = static_cast<unsigned char>(s[i]);
  size_t n = u8len(b);
  if (i + n > s.size()) n = 1;
  char32_t c;
  switch (n) {
    case 1: c = b; break;
    case 2: c = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu); break;
    case 3:
      c = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      break;
    default:
      c = ((b & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
          ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
  }
  if (len) *len = n;
  return c;
}

/// A line of a text and its 1-based number.
struct NumberedLine {
  std::string_view text;  ///< without the '\n'
  int number;
};

/// The lines of text split on '\n' (the last one empty when text ends with one), numbered
/// from 1, so that rows read from them can name their line.
std::vector<NumberedLine> numbered_lines(std::string_view text);

/// A signed decimal at the start of s: "-1,234.5", "+3.02", "−0.4". With `commas`, thousands
/// separators after a digit (before the point) are skipped. A point needs a digit before it.
/// Returns the value and sets *end just past what was read; nullopt when s starts with none.
std::optional<double> leading_decimal(std::string_view s, size_t* end, bool commas = true);

/// Number of code points in s (a stray byte counts as one).
inline size_t cp_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += u8len(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

/// Start of the code point that ends right before byte i (0 when i is 0).
size_t prev(std::string_view s, size_t i);

/// Full-width ASCII (U+FF01..U+FF5E) folded to ASCII and U+3000 to a space; others unchanged.
inline char32_t fold(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
  if (c == 0x3000) return U' ';
  return c;
}

/// CJK unified ideographs (and the extension A block): the letters of Chinese names.
inline bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

/// Letters that may appear inside an index or security name: ideographs, ASCII letters and
/// digits (half or full width).
bool is_name_char(char32_t c);

inline bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0; }

/// True when s[i..] starts with tok.
inline bool at(std::string_view s, size_t i, std::string_view tok) {
  // The first byte rules out almost every candidate before a compare is paid for.
  return i <= s.size() && s.size() - i >= tok.size() && (tok.empty() || s[i] == tok[0]) &&
         s.compare(i, tok.size(), tok) == 0;
}

/// True when s[..i) ends with tok.
inline bool ends_at(std::string_view s, size_t i, std::string_view tok) {
  return i >= tok.size() && i <= s.size() && (tok.empty() || s[i - 1] == tok.back()) &&
         s.compare(i - tok.size(), tok.size(), tok) == 0;
}

/// The first token of list that s[i..] starts with (lists are ordered longest first where it
/// matters), or empty.
template <class List>
std::string_view match_any(std::string_view s, size_t i, const List& list) {
  for (std::string_view t : list)
    if (at(s, i, t)) return t;
  return {};
}

/// The first token of list that s[..i) ends with, or empty.
template <class List>
std::string_view ends_any(std::string_view s, size_t i, const List& list) {
  for (std::string_view t : list)
    if (ends_at(s, i, t)) return t;
  return {};
}

/// True when s contains pat. Faster than string_view::find for CJK patterns: it looks for
/// the pattern's last byte (a continuation byte, rare) instead of its lead byte (common).
inline bool contains(std::string_view s, std::string_view pat) {
  if (pat.empty()) return true;
  if (pat.size() > s.size()) return false;
  const char last = pat.back();
  const char* base = s.data();
  const char* p = base + pat.size() - 1;
  const char* end = base + s.size();
  while (p < end) {
    const void* hit = std::memchr(p, last, static_cast<size_t>(end - p));
    if (!hit) return false;
    const char* h = static_cast<const char*>(hit);
    if (std::memcmp(h - (pat.size() - 1), pat.data(), pat.size()) == 0) return true;
    p = h + 1;
  }
  return false;
}

/// A fixed list of words looked up by the code point they start with, so that a scanner
/// trying a long vocabulary at every position only compares the few words that can match.
/// Built once from a constant list; immutable afterwards.
class WordTable {
 public:
  explicit WordTable(std::vector<std::string_view> words);
  /// Index (in list order) of the first word that s[i..] starts with, or -1.
  /// Inline: scanners call it at every position, and most positions are ruled out by one
  /// bit test on their first code point.
  int match(std::string_view s, size_t i) const {
    if (i >= s.size()) return -1;
    char32_t c = decode(s, i);
    if (c < 0x10000 && !((first_bits_[c >> 6] >> (c & 63)) & 1)) return -1;
    return match_from(s, i, c);
  }
  std::string_view word(int index) const { return words_[static_cast<size_t>(index)]; }

 private:
  struct Entry {
    char32_t first;
    int index;
  };
  /// match() for a position whose first code point c may start a word.
  int match_from(std::string_view s, size_t i, char32_t c) const;
  static constexpr size_t kBuckets = 256;  ///< hashed by the first code point's low byte
  /// One bit per BMP code point: set when some word starts with it. Most positions a
  /// scanner tries start no word, and one bit test rules them out.
  std::vector<uint64_t> first_bits_;
  std::vector<std::string_view> words_;
  std::vector<Entry> entries_;             ///< grouped by bucket, list order within one
  std::vector<uint32_t> bucket_start_;     ///< kBuckets + 1 offsets into entries_
};

/// True when the code point at s[i] opens a bracket (（ ( 【 [).
inline bool is_open_bracket(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 == '(' || b0 == '[') return true;
  if ((b0 != 0xEF && b0 != 0xE3) || i + 2 >= s.size()) return false;
  auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
  return (b0 == 0xEF && b1 == 0xBC && b2 == 0x88) ||  // （
         (b0 == 0xE3 && b1 == 0x80 && b2 == 0x90);    // 【
}

size_t skip_bracket_slow(std::string_view s, size_t i);

/// Opening bracket at s[i] — （ ( 【 [ — whose closing partner follows on the same line within
/// a short distance: returns the byte just past the closing bracket, else 0. Unbalanced
/// brackets are treated as ordinary text so that they cannot swallow a paragraph.
inline size_t skip_bracket(std::string_view s, size_t i) {
  return is_open_bracket(s, i) ? skip_bracket_slow(s, i) : 0;
}

enum class Unit {
  kNone,     ///< a bare number
  kPercent,  ///< % ％
  kSpread,   ///< 个百分点, 百分点, pct, pp, bp, 基点: a difference, never a move
  kPoints,   ///< 点 (an index level)
  kOther,    ///< 元, 亿, 倍, 家, 只, 月, 日, 年 …: anything else that follows directly
};

struct Number {
  double value = 0;
  bool has_sign = false;  ///< an explicit + or − was written
  Unit unit = Unit::kNone;
  size_t begin = 0;       ///< byte offset of the sign or first digit
  size_t end = 0;         ///< byte offset past the unit (or the digits when there is none)
};

/// Reads a number at s[i]: optional sign (+ - − － ＋), digits (half or full width) with
/// thousands commas (3,372.55), a decimal point (. ．), then optional spaces and a unit.
/// Returns nullopt when s[i] does not start a number. A sign is only taken when a digit follows.
std::optional<Number> read_number(std::string_view s, size_t i);

/// True when s[i] is an ASCII or full-width digit.
inline bool is_digit_at(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  char c = s[i];
  if (c >= '0' && c <= '9') return true;
  // Full-width ０..９ are EF BC 90..99.
  return static_cast<unsigned char>(c) == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
         static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99;
}

/// Splits s at the code points in seps that lie outside brackets and calls f(piece) for
/// each non-empty piece. ASCII ',' between two digits is a thousands separator, not a split.
template <class F>
void split(std::string_view s, std::u32string_view seps, F&& f) {
  size_t start = 0, i = 0;
  while (i < s.size()) {
    if (size_t past = skip_bracket(s, i)) {
      i = past;
      continue;
    }
    size_t len = 1;
    char32_t c = decode(s, i, &len);
    bool cut = seps.find(c) != std::u32string_view::npos;
    if (cut && c == U',' && i > 0 && i + 1 < s.size() && is_digit_at(s, prev(s, i)) &&
        is_digit_at(s, i + 1))
      cut = false;
    if (cut) {
      if (i > start) f(s.substr(start, i - start));
      start = i + len;
    }
    i += len;
  }
  if (start < s.size()) f(s.substr(start));
}

/// Sentence ends: 。；;！？!? and newlines.
inline constexpr std::u32string_view kSentenceSeps = U"。；;！？!?\n";
/// Clause ends inside a sentence: ，, and colons (a "市场表现：" label is its own clause).
inline constexpr std::u32string_view kClauseSeps = U"，,：:";

/// s without leading and trailing ASCII/ideographic spaces.
std::string_view trim(std::string_view s);

/// The body with markdown noise removed so that sentences read as prose: \r and a BOM
/// dropped, links [text](url) replaced by their text (or removed entirely when the text is
/// itself a URL or site advert, like [https://www.hibor.com.cn【慧博投研资讯】](…)), images,
/// bare URLs, HTML tags, emphasis markers (** __ ~~ `) and heading/quote/list markers removed.
/// Line structure is kept: headings stay on their own line, prefixed by '#' (one).
std::string clean_markdown(std::string_view body);


}  // namespace yanbao::scan
