#include "extract/lists_text.h"

#include <array>
#include <cctype>

namespace yanbao::lists {

bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

bool is_space(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF;
}

size_t cp_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += decode_at(s, i).len) ++n;
  return n;
}

std::string_view trim(std::string_view s) {
  // A blank (is_space) is ASCII or led by 0xC2 (NBSP), 0xE3 (U+3000) or 0xEF (U+FEFF).
  // When neither the first character nor the last (found the way the loop below finds it)
  // starts with such a byte, nothing is trimmed: most calls end here.
  if (!s.empty()) {
    auto may_blank = [](unsigned char b) {
      return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xC2 || b == 0xE3 || b == 0xEF;
    };
    size_t k = s.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (!may_blank(static_cast<unsigned char>(s.front())) && !may_blank(static_cast<unsigned char>(s[k]))) return s;
  }
  while (!s.empty()) {
    auto c = decode_at(s, 0);
    if (!is_space(c.cp)) break;
    s.remove_prefix(c.len);
  }
  while (!s.empty()) {
    // Step back to the start of the last code point.
    size_t k = s.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (!is_space(decode_at(s, k).cp)) break;
    s.remove_suffix(s.size() - k);
  }
  return s;
}

std::string_view trim_trailing_punct(std::string_view s) {
  s = trim(s);
  while (!s.empty()) {
    size_t k = s.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    char32_t c = fold(decode_at(s, k).cp);
    if (c != U'。' && c != U'.' && c != U';' && c != U',' && c != U'、' && c != U'!' && c != 0xFF61 &&
        !is_space(c))
      break;
    s.remove_suffix(s.size() - k);
  }
  return s;
}

size_t folded_char_len(std::string_view s, char c) {
  if (s.empty()) return 0;
  auto d = decode_at(s, 0);
  return fold(d.cp) == static_cast<char32_t>(c) ? d.len : 0;
}

namespace {

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

int han_numeral(char32_t c) {
  static constexpr std::u32string_view kDigits = U"一二三四五六七八九十";
  auto p = kDigits.find(c);
  return p == std::u32string_view::npos ? 0 : static_cast<int>(p) + 1;
}

/// Reads a run of folded ASCII digits at s[i]; returns its value (or -1) and advances i.
int read_digits(std::string_view s, size_t& i, size_t max_digits) {
  int v = 0;
  size_t n = 0;
  while (i < s.size() && n < max_digits) {
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    if (!is_digit(f)) break;
    v = v * 10 + static_cast<int>(f - U'0');
    i += c.len;
    ++n;
  }
  return n ? v : -1;
}

/// Reads a run of Han numerals (一…十) at s[i]; returns its value (or -1) and advances i.
int read_han_number(std::string_view s, size_t& i) {
  int v = 0, n = 0;
  while (i < s.size() && n < 3) {
    auto c = decode_at(s, i);
    int d = han_numeral(c.cp);
    if (!d) break;
    v = d == 10 ? (v ? v * 10 : 10) : (v >= 10 && v % 10 == 0 ? v + d : v * 10 + d);
    i += c.len;
    ++n;
  }
  return n ? v : -1;
}

std::string_view skip_blanks(std::string_view s) {
  while (!s.empty()) {
    auto c = decode_at(s, 0);
    if (!is_space(c.cp)) break;
    s.remove_prefix(c.len);
  }
  return s;
}

bool is_opener(char32_t c, char32_t& closer) {
  switch (c) {
    case U'(': closer = U')'; return true;
    case U'[': closer = U']'; return true;
    case U'【': closer = U'】'; return true;
    case U'《': closer = U'》'; return true;
    case U'“': closer = U'”'; return true;
    case U'‘': closer = U'’'; return true;
    case U'「': closer = U'」'; return true;
    case U'『': closer = U'』'; return true;
    case U'〔': closer = U'〕'; return true;
    default: return false;
  }
}

bool is_closer(char32_t c) {
  return c == U')' || c == U']' || c == U'】' || c == U'》' || c == U'”' || c == U'’' || c == U'」' ||
         c == U'』' || c == U'〕';
}

/// Bytes at which strip_links may have something to remove.
bool may_start_markup(char c) { return c == '[' || c == '!' || c == 'h' || c == 'w' || c == '<'; }

/// Removes [text](url) links, ![alt](url) images, bare URLs and HTML tags from s.
std::string strip_links(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') {
      size_t close = s.find("](", i + 2);
      size_t end = close == std::string_view::npos ? close : s.find(')', close + 2);
      if (end != std::string_view::npos) {
        i = end + 1;
        continue;
      }
    }
    if (c == '[') {
      size_t close = s.find("](", i + 1);
      size_t end = close == std::string_view::npos ? close : s.find(')', close + 2);
      if (end != std::string_view::npos && s.substr(i + 1, close - i - 1).find('\n') == std::string_view::npos) {
        std::string_view text = s.substr(i + 1, close - i - 1);
        // A link whose text is itself a URL or the aggregator's stamp is page furniture.
        bool noise = contains(text, "://") || contains(text, "www.") || contains(text, "慧博");
        if (!noise) out += text;
        i = end + 1;
        continue;
      }
    }
    if ((c == 'h' && (starts_with(s.substr(i), "http://") || starts_with(s.substr(i), "https://"))) ||
        (c == 'w' && starts_with(s.substr(i), "www."))) {
      while (i < s.size() && static_cast<unsigned char>(s[i]) > 0x20 && static_cast<unsigned char>(s[i]) < 0x80)
        ++i;
      continue;
    }
    if (c == '<' && i + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/')) {
      size_t end = s.find('>', i);
      if (end != std::string_view::npos && end - i < 40) {
        i = end + 1;
        continue;
      }
    }
    // Copy the run up to the next byte that may start markup in one go.
    size_t j = i + 1;
    while (j < s.size() && !may_start_markup(s[j])) ++j;
    out.append(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::string_view strip_enumeration(std::string_view s, int* number) {
  if (number) *number = 0;
  s = skip_blanks(s);
  if (s.empty()) return s;
  auto first = decode_at(s, 0);
  char32_t f = fold(first.cp);
  if (first.cp >= 0x2460 && first.cp <= 0x2473) {  // ①..⑳
    if (number) *number = static_cast<int>(first.cp - 0x2460) + 1;
    return skip_blanks(s.substr(first.len));
  }
  if (f == U'(') {  // (1) （2） (一)
    size_t i = first.len;
    int v = read_digits(s, i, 2);
    if (v < 0) v = read_han_number(s, i);
    if (v > 0 && i < s.size()) {
      auto c = decode_at(s, i);
      if (fold(c.cp) == U')') {
        if (number) *number = v;
        return skip_blanks(s.substr(i + c.len));
      }
    }
    return s;
  }
  size_t i = 0;
  int v = read_digits(s, i, 2);
  bool han = false;
  if (v < 0) {
    v = read_han_number(s, i);
    han = true;
  }
  if (v <= 0 || i >= s.size()) return s;
  auto c = decode_at(s, i);
  char32_t t = fold(c.cp);
  // "1." needs something other than a digit after it, else it is a decimal ("1.5%").
  bool marker = t == U'、' || t == U')' || (!han && t == U'.');
  if (!marker) return s;
  std::string_view rest = s.substr(i + c.len);
  if (t == U'.' && !rest.empty() && is_digit(fold(decode_at(rest, 0).cp))) return s;
  if (number) *number = v;
  return skip_blanks(rest);
}

CleanLine clean_line(std::string_view raw) {
  CleanLine out;
  std::string_view s = trim(raw);
  while (!s.empty() && s.front() == '>') s = trim(s.substr(1));
  if (!s.empty() && s.front() == '|') out.table = true;
  if (!s.empty() && s.front() == '#') {
    out.heading = true;
    while (!s.empty() && s.front() == '#') s.remove_prefix(1);
    s = trim(s);
    // Converters put '#' before whole paragraphs ("# 投资建议：我们看好…。推荐…"): a
    // "heading" with a sentence end inside, or one past 40 characters with a comma, is text.
    size_t n = 0;
    bool stop = false, comma = false;
    for (size_t i = 0; i < s.size(); ++n) {
      auto c = decode_at(s, i);
      char32_t f = fold(c.cp);
      if ((f == U'。' || f == U';') && i + c.len < s.size()) stop = true;
      if (f == U',') comma = true;
      i += c.len;
    }
    if (stop || (comma && n > 40)) out.heading = false;
  }
  // Bullets; "**" is emphasis, not a bullet, so only "* " with a blank counts. PDF
  // converters leave glyph bullets (■ ● ◆ ➢ ⚫ …), sometimes several, sometimes after "- ".
  for (bool again = true; again;) {
    again = false;
    for (std::string_view b : {"- ", "* ", "+ ", "• ", "· ", "・", "•", "·", "■", "□", "▪", "▫", "●", "○", "◆", "◇",
                               "◼", "◾", "➢", "➤", "►", "▶", "▸", "⚫", "⚪", "❖", "★", "☆", "✓", "✔", "→", "Ø "}) {
      if (starts_with(s, b)) {
        out.bullet = true;
        s = trim(s.substr(b.size()));
        again = true;
        break;
      }
    }
  }
  // A line that is nothing but one link is a source stamp or navigation, never list content.
  if (!s.empty() && s.front() == '[' && s.back() == ')') {
    size_t close = s.find("](");
    if (close != std::string_view::npos && s.find(')', close + 2) == s.size() - 1) return out;
  }
  // One pass classifies the bytes: most lines hold no link, image, URL or tag (then there
  // is nothing to strip) and no emphasis marker or backtick.
  static constexpr auto kByteClass = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned char c : {'[', '!', 'h', 'w', '<'}) t[c] |= 1;  // may_start_markup
    for (unsigned char c : {'*', '_', '`'}) t[c] |= 2;            // emphasis or code marks
    return t;
  }();
  unsigned classes = 0;
  for (char ch : s) classes |= kByteClass[static_cast<unsigned char>(ch)];
  const bool markup = classes & 1;
  std::string text = markup ? strip_links(s) : std::string(s);
  // Emphasis markers and backticks.
  std::string clean;
  bool all_bold = text.size() > 4 && starts_with(text, "**") && ends_with(text, "**");
  bool has_marks = classes & 2;
  if (markup) {  // strip_links may have removed the marks with a link
    has_marks = false;
    for (char ch : text) has_marks = has_marks || ch == '*' || ch == '_' || ch == '`';
  }
  if (!has_marks) {
    clean = std::move(text);
  } else {
    clean.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if ((text[i] == '*' || text[i] == '_') && i + 1 < text.size() && text[i + 1] == text[i]) {
        ++i;
        continue;
      }
      if (text[i] == '`') continue;
      clean += text[i];
    }
  }
  out.bold = all_bold;
  // *italic* wrapping a whole line (often a disclaimer).
  if (clean.size() > 2 && clean.front() == '*' && clean.back() == '*' && clean[1] != ' ')
    clean = clean.substr(1, clean.size() - 2);
  int n = 0;
  std::string_view rest = trim(strip_enumeration(trim(clean), &n));
  if (n > 0) {
    // "一、投资建议" numbers a heading, "1、…" an item: both are dropped, only digits mark a bullet.
    if (!out.heading) out.bullet = true;
  }
  // rest is a view into clean: cut clean down to it in place instead of copying.
  size_t begin = static_cast<size_t>(rest.data() - clean.data()), len = rest.size();
  clean.resize(begin + len);
  clean.erase(0, begin);
  out.text = std::move(clean);
  return out;
}

std::vector<unsigned char> nesting(std::string_view s) {
  struct Open {
    char32_t closer;
    size_t pos;
  };
  // Only these bytes can start a bracket or quote: ASCII ( ) [ ] " and the lead bytes of
  // U+201x (“”‘’), U+300x (【】《》「」『』〔〕) and U+FFxx (（）［］＂).
  static constexpr auto kMaybeBracket = [] {
    std::array<bool, 256> t{};
    for (unsigned char b : {'(', ')', '[', ']', '"'}) t[b] = true;
    t[0xE2] = t[0xE3] = t[0xEF] = true;
    return t;
  }();
  // Scratch reused across calls (one set per thread): nesting runs for nearly every line,
  // clause and item, and most calls find no pair at all.
  thread_local std::vector<Open> stack;
  thread_local std::vector<std::pair<size_t, size_t>> pairs;  // [open, close] byte offsets
  stack.clear();
  pairs.clear();
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (!kMaybeBracket[b]) {
      ++i;
      continue;
    }
    auto c = decode_at(s, i);
    char32_t f = fold(c.cp);
    char32_t closer = 0;
    if (f == U'"') {
      if (!stack.empty() && stack.back().closer == U'"') {
        pairs.emplace_back(stack.back().pos, i);
        stack.pop_back();
      } else {
        stack.push_back({U'"', i});
      }
    } else if (is_opener(f, closer)) {
      stack.push_back({closer, i});
    } else if (is_closer(f)) {
      for (size_t k = stack.size(); k-- > 0;) {
        if (stack[k].closer == f) {
          pairs.emplace_back(stack[k].pos, i);
          stack.resize(k);  // openers above it were unmatched
          break;
        }
      }
    }
    i += c.len;
  }
  std::vector<unsigned char> depth(s.size(), 0);
  if (pairs.empty()) return depth;
  // The opener and closer themselves are at the outer level; only what lies between is
  // inside. Depth = the number of pairs enclosing a byte (capped at 255), summed from
  // +1 after each opener and -1 at each closer: linear however many pairs nest.
  thread_local std::vector<int> diff;
  diff.assign(s.size() + 1, 0);
  for (auto [o, c] : pairs) {
    ++diff[o + 1];
    --diff[c];
  }
  int run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    run += diff[i];
    depth[i] = static_cast<unsigned char>(run < 255 ? run : 255);
  }
  return depth;
}

std::vector<std::string_view> split_top(std::string_view s, bool (*is_sep)(char32_t)) {
  std::vector<std::string_view> out;
  auto depth = nesting(s);
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    auto c = decode_at(s, i);
    if (depth[i] == 0 && is_sep(fold(c.cp))) {
      auto piece = trim(s.substr(start, i - start));
      if (!piece.empty()) out.push_back(piece);
      start = i + c.len;
    }
    i += c.len;
  }
  auto piece = trim(s.substr(start));
  if (!piece.empty()) out.push_back(piece);
  return out;
}

}  // namespace yanbao::lists
