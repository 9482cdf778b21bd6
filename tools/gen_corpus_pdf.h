// gen_corpus --pdf: a report's paragraphs as text converted from PDF. Included by
// gen_corpus.cpp (which is compiled alone, without a build system: tools/gen-corpus).
//
// Each paragraph is hard-wrapped at a page width of 26-40 characters (mid-word; a number, a
// code or a LaTeX span is never cut), with a space now and then inside a run of Chinese
// characters and before a %, and a third of the percentages as LaTeX ($1.58\%$). Pages of
// 18-30 lines each open with a running header and close with a disclaimer and its counter
// ("3 / 9") on lines of their own, mid-paragraph where a page ends. Tables and headings stay
// as they are.
#pragma once

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace pdf_text {

/// splitmix64's step: the next draw from a hash.
inline uint64_t next_hash(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::string counter(size_t page, size_t pages) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%zu / %zu\n", page, pages);
  return buf;
}

/// UTF-8 code point at s[i] (and its length in `len`); 0 for a broken sequence.
inline uint32_t code_point(const std::string& s, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > s.size()) {
    len = 1;
    return 0;
  }
  if (len == 1) return c;
  uint32_t v = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < len; ++k) v = v << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return v;
}
inline bool han(uint32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

/// The report's paragraphs as a PDF converter prints them, every choice drawn from `hash`
/// (so the same report and hash give the same text); `header` is the running header.
inline std::string render(const std::vector<std::string>& body, uint64_t hash, const std::string& header) {
  uint64_t h = hash;
  auto roll = [&](uint64_t bound) {
    h = next_hash(h);
    return h % bound;
  };
  const size_t width = 26 + roll(15);
  std::vector<std::string> lines;
  for (const auto& p : body) {
    if (p.rfind("<table", 0) == 0 || p.rfind("|", 0) == 0 || p.rfind("#", 0) == 0) {
      lines.push_back(p);  // tables and headings as they are (a pipe table is one block of lines)
      lines.emplace_back();
      continue;
    }
    // Tokens: a run of ASCII (a number, a code, a percentage) or one other character; the
    // spaces and LaTeX go in between and around them, the wraps between tokens.
    std::vector<std::string> tokens;
    for (size_t k = 0; k < p.size();) {
      size_t len = 0;
      const uint32_t c = code_point(p, k, len);
      if (c < 0x80 && c != ' ') {
        size_t e = k;
        while (e < p.size() && static_cast<unsigned char>(p[e]) < 0x80 && p[e] != ' ') ++e;
        std::string t = p.substr(k, e - k);
        if (t.size() > 1 && t.back() == '%' && (std::isdigit(static_cast<unsigned char>(t[t.size() - 2])))) {
          if (roll(3) == 0) t = "$" + t.substr(0, t.size() - 1) + "\\%$";
          else if (roll(6) == 0) t = t.substr(0, t.size() - 1) + " %";
        }
        tokens.push_back(std::move(t));
        k = e;
        continue;
      }
      std::string t = p.substr(k, len);
      size_t next_len = 0;
      if (han(c) && k + len < p.size() && han(code_point(p, k + len, next_len)) && roll(14) == 0) t += ' ';
      tokens.push_back(std::move(t));
      k += len;
    }
    std::string line;
    size_t chars = 0;
    for (auto& t : tokens) {
      size_t n = 0;
      for (size_t k = 0; k < t.size();) {
        size_t len = 0;
        code_point(t, k, len);
        k += len;
        ++n;
      }
      if (chars > 0 && chars + n > width) {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(std::move(line));
        line.clear();
        chars = 0;
      }
      line += t;
      chars += n;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) lines.push_back(std::move(line));
    lines.emplace_back();
  }
  // Page furniture: every page (page_lines lines) opens with the running header and ends
  // with the disclaimer and its counter, breaking paragraphs where the page ends.
  const size_t page_lines = 18 + roll(13);
  const size_t pages = (lines.size() + page_lines - 1) / page_lines;
  auto foot = [&](size_t page) { return "请务必阅读正文之后的信息披露和免责申明\n" + counter(page, pages); };
  std::string out = header + "\n";
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k > 0 && k % page_lines == 0) out += foot(k / page_lines) + header + "\n";
    out += lines[k];
    out += '\n';
  }
  return out + foot(pages) + "\n";
}

}  // namespace pdf_text
