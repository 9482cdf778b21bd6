// Inline repairs of converted text (repair_inline) and the numbers of table cells.
#include <algorithm>
#include <cctype>
#include <string>

#include "extract/document.h"
#include "extract/document_parts.h"
#include "extract/scan.h"

namespace yanbao {

namespace {

using scan::trim;
using scan::decode;

bool is_wide(char32_t c) {
  return scan::is_cjk(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || c == U'“' ||
         c == U'”' || c == U'‘' || c == U'’' || c == U'…' || c == U'—' || c == U'·';
}

void append_cp(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// --- LaTeX -------------------------------------------------------------------------------

/// The plain text of one math span's inside: \% → %, \text{x} → x, braces and spacing
/// commands dropped, a few operators spelled out. Blanks are dropped: inside math they only
/// separate tokens ($-0.09\% / +13.63\%$ → -0.09%/+13.63%).
std::string latex_to_text(std::string_view m) {
  static const std::pair<std::string_view, std::string_view> kCommands[] = {
      {"\\times", "×"}, {"\\sim", "~"}, {"\\cdot", "·"}, {"\\approx", "≈"}, {"\\pm", "±"},
      {"\\leq", "≤"},   {"\\geq", "≥"}, {"\\le", "≤"},   {"\\ge", "≥"},     {"\\%", "%"},
      {"\\$", "$"},     {"\\,", ""},    {"\\;", ""},     {"\\!", ""},       {"\\ ", ""},
  };
  std::string out;
  for (size_t i = 0; i < m.size();) {
    char c = m[i];
    if (c == '\\') {
      bool done = false;
      for (auto [cmd, text] : kCommands)
        if (scan::at(m, i, cmd)) {
          out += text;
          i += cmd.size();
          done = true;
          break;
        }
      if (done) continue;
      // \text, \mathrm, \textbf, \left, \right …: the command goes, its argument stays.
      size_t j = i + 1;
      while (j < m.size() && std::isalpha(static_cast<unsigned char>(m[j]))) ++j;
      i = j == i + 1 ? i + 2 : j;
      continue;
    }
    if (c == '{' || c == '}' || c == ' ' || c == '\t' || c == '~') {
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

/// Replaces $…$ and $$…$$ spans whose inside looks like math (a digit, a backslash or a
/// sign); a lone '$' (US$5) is kept as written.
std::string strip_latex(std::string_view s) {
  if (s.find('$') == std::string_view::npos) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find('$', i);
    if (open == std::string_view::npos) break;
    const bool dbl = open + 1 < s.size() && s[open + 1] == '$';
    const size_t body = open + (dbl ? 2 : 1);
    size_t close = s.find(dbl ? "$$" : "$", body);
    if (close == std::string_view::npos || close - body > 200) break;
    std::string_view inner = s.substr(body, close - body);
    // Math that numbers are written in is ASCII; a span with Chinese in it is two prices
    // (US$5与US$6), not math.
    const bool mathy = inner.find_first_of("0123456789\\") != std::string_view::npos &&
                       std::none_of(inner.begin(), inner.end(), [](char c) { return (c & 0x80) != 0; });
    if (!mathy) {
      out.append(s.substr(i, body - i));
      i = body;
      continue;
    }
    out.append(s.substr(i, open - i));
    out += latex_to_text(inner);
    i = close + (dbl ? 2 : 1);
  }
  out.append(s.substr(i));
  return out;
}

// --- spaces ------------------------------------------------------------------------------

bool is_ascii_word(char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); }

/// A run of 7 or more digits and dashes with at least one dash, or 8 or more digits: a
/// phone or fax number, never a quantity with a CJK unit.
bool looks_like_phone(std::string_view s) {
  size_t n = 0, dashes = 0;
  for (; n < s.size() && (std::isdigit(static_cast<unsigned char>(s[n])) || s[n] == '-'); ++n) dashes += s[n] == '-';
  return (n >= 7 && dashes > 0 && std::isdigit(static_cast<unsigned char>(s[0]))) || (n >= 8 && dashes == 0);
}

}  // namespace

std::string repair_inline(std::string_view text) {
  std::string s = strip_latex(text);
  std::string out;
  out.reserve(s.size());
  char32_t prev = 0;  // the last code point written (folded), 0 at the start
  std::string_view v = s;
  for (size_t i = 0; i < v.size();) {
    size_t len;
    char32_t c = decode(v, i, &len);
    if (len == 0) break;
    // Full-width digits and ％ read as their ASCII forms: numbers are parsed from them.
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + U'0';
    if (c == 0xFF05) c = U'%';
    if (scan::is_space(c)) {
      // A run of blanks: dropped when a wide character stands on either side, since Chinese
      // puts no space between words; kept (as one space) between two ASCII words.
      size_t j = i;
      while (j < v.size()) {
        size_t l2;
        char32_t d = decode(v, j, &l2);
        if (!scan::is_space(d)) break;
        j += l2;
      }
      char32_t next = j < v.size() ? decode(v, j) : 0;
      if (next >= 0xFF10 && next <= 0xFF19) next = next - 0xFF10 + U'0';
      bool keep = prev != 0 && next != 0 && !is_wide(prev) && !is_wide(next) &&
                  !(prev == U'(' || next == U')' || (next == U'%' && is_ascii_word(prev)));
      // A phone number after a name (刘博文 021-60870000) keeps its blank: gluing it would
      // make the digits part of the name's token.
      if (!keep && prev != 0 && looks_like_phone(v.substr(j))) keep = true;
      if (keep) out += ' ';
      i = j;
      continue;
    }
    append_cp(out, c);
    prev = c;
    i += len;
  }
  return out;
}

std::optional<double> cell_number(std::string_view cell) {
  std::string s = repair_inline(cell);
  std::string_view v = trim(s);
  // Brackets around the whole value: （2.3%）, (+1.2).
  if (scan::at(v, 0, "（") && scan::ends_at(v, v.size(), "）")) v = trim(v.substr(3, v.size() - 6));
  if (!v.empty() && v.front() == '(' && v.back() == ')') v = trim(v.substr(1, v.size() - 2));
  if (scan::ends_at(v, v.size(), "%")) v = trim(v.substr(0, v.size() - 1));
  size_t end = 0;
  auto n = scan::leading_decimal(v, &end);
  if (!n || end != v.size()) return std::nullopt;
  return n;
}

bool cell_is_percent(std::string_view cell) {
  return scan::contains(cell, "%") || scan::contains(cell, "％");
}

}  // namespace yanbao
