#include "extract/scan.h"

#include <cmath>
#include <cstdlib>

#include <algorithm>
#include <array>
#include <utility>

namespace yanbao::scan {

size_t prev(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  // Step back over continuation bytes (at most three) to the lead byte.
  while (j > 0 && i - j < 4 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  return j;
}

bool is_name_char(char32_t c) {
  c = fold(c);
  return is_cjk(c) || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

WordTable::WordTable(std::vector<std::string_view> words) : first_bits_(0x10000 / 64, 0), words_(std::move(words)) {
  for (size_t k = 0; k < words_.size(); ++k) entries_.push_back({decode(words_[k], 0), static_cast<int>(k)});
  for (const Entry& e : entries_)
    if (e.first < 0x10000) first_bits_[e.first >> 6] |= uint64_t{1} << (e.first & 63);
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return (a.first % kBuckets) < (b.first % kBuckets);
  });
  bucket_start_.assign(kBuckets + 1, 0);
  for (const Entry& e : entries_) ++bucket_start_[e.first % kBuckets + 1];
  for (size_t b = 0; b < kBuckets; ++b) bucket_start_[b + 1] += bucket_start_[b];
}

int WordTable::match_from(std::string_view s, size_t i, char32_t c) const {
  size_t b = c % kBuckets;
  for (uint32_t k = bucket_start_[b]; k < bucket_start_[b + 1]; ++k) {
    const Entry& e = entries_[k];
    if (e.first == c && at(s, i, words_[static_cast<size_t>(e.index)])) return e.index;
  }
  return -1;
}

size_t skip_bracket_slow(std::string_view s, size_t i) {
  // Nesting of any bracket kind counts; the first return to depth 0 closes.
  constexpr size_t kMaxSpan = 400;  // bytes; a bracket longer than this is prose, not an aside
  int depth = 0;
  for (size_t j = i; j < s.size() && j - i < kMaxSpan;) {
    size_t n = 1;
    char32_t c = decode(s, j, &n);
    if (c == U'\n') return 0;
    if (c == U'(' || c == U'[' || c == U'（' || c == U'【') ++depth;
    if (c == U')' || c == U']' || c == U'）' || c == U'】') {
      if (--depth == 0) return j + n;
    }
    j += n;
  }
  return 0;
}

namespace {

int digit_at(std::string_view s, size_t i, size_t* len) {
  char32_t c = decode(s, i, len);
  c = fold(c);
  return c >= U'0' && c <= U'9' ? static_cast<int>(c - U'0') : -1;
}

constexpr std::string_view kSpreadUnits[] = {"个百分点", "百分点", "个基点", "基点", "pct", "PCT", "Pct",
                                             "pcts", "ppt", "pp", "PP", "bps", "bp", "BP"};
constexpr std::string_view kPercentUnits[] = {"%", "％", "个百分比"};

}  // namespace

std::optional<Number> read_number(std::string_view s, size_t i) {
  Number n;
  n.begin = i;
  size_t j = i;
  int sign = 0;
  size_t len = 0;
  char32_t c = decode(s, j, &len);
  if (c == U'+' || c == U'＋') {
    sign = 1;
    j += len;
  } else if (c == U'-' || c == U'−' || c == U'－') {
    // After a digit or a date letter a dash joins a range (2.10-2.14, 3日-7日): not a sign.
    if (i > 0) {
      char32_t before = fold(decode(s, prev(s, i)));
      if ((before >= U'0' && before <= U'9') || before == U'日' || before == U'月') return std::nullopt;
    }
    sign = -1;
    j += len;
  }
  int d = digit_at(s, j, &len);
  if (d < 0) return std::nullopt;
  double whole = 0;
  while (true) {
    d = digit_at(s, j, &len);
    if (d >= 0) {
      whole = whole * 10 + d;
      j += len;
      continue;
    }
    // Thousands comma: exactly three digits follow and then no fourth.
    if (j < s.size() && s[j] == ',') {
      size_t k = j + 1, cnt = 0, l2 = 0;
      while (cnt < 4 && digit_at(s, k, &l2) >= 0) {
        k += l2;
        ++cnt;
      }
      if (cnt == 3) {
        j += 1;
        continue;
      }
    }
    break;
  }
  double frac = 0, scale = 1;
  char32_t dot = decode(s, j, &len);
  if (dot == U'.' || dot == U'．') {
    size_t l2 = 0;
    if (digit_at(s, j + len, &l2) >= 0) {
      j += len;
      while ((d = digit_at(s, j, &l2)) >= 0) {
        frac = frac * 10 + d;
        scale *= 10;
        j += l2;
      }
    }
  }
  n.value = (whole + frac / scale) * (sign < 0 ? -1 : 1);
  n.has_sign = sign != 0;
  n.end = j;
  size_t k = j;
  while (k < s.size() && s[k] == ' ') ++k;
  if (auto t = match_any(s, k, kPercentUnits); !t.empty()) {
    n.unit = Unit::kPercent;
    n.end = k + t.size();
  } else if (auto t2 = match_any(s, k, kSpreadUnits); !t2.empty()) {
    n.unit = Unit::kSpread;
    n.end = k + t2.size();
  } else if (at(s, k, "点")) {
    n.unit = Unit::kPoints;
    n.end = k + 3;
  } else if (k < s.size()) {
    char32_t u = fold(decode(s, k));
    if (is_cjk(u) || (u >= U'A' && u <= U'Z') || (u >= U'a' && u <= U'z')) n.unit = Unit::kOther;
  }
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty()) {
    size_t len = 1;
    char32_t c = decode(s, 0, &len);
    if (!is_space(c) && c != U'\n' && c != U'\r') break;
    s.remove_prefix(len);
  }
  while (!s.empty()) {
    size_t p = prev(s, s.size());
    char32_t c = decode(s, p);
    if (!is_space(c) && c != U'\n' && c != U'\r') break;
    s.remove_suffix(s.size() - p);
  }
  return s;
}

namespace {

bool is_url_start(std::string_view s, size_t i) {
  return at(s, i, "http://") || at(s, i, "https://") || at(s, i, "www.");
}

/// Link text that is itself noise: a URL or a site's advert.
bool is_noise_text(std::string_view t) {
  return t.find("http") != std::string_view::npos || t.find("www.") != std::string_view::npos ||
         t.find("慧博") != std::string_view::npos;
}

/// Position of the ')' closing a "(url)" that starts at s[i] == '(' on the same line, or npos.
size_t close_paren(std::string_view s, size_t i) {
  for (size_t j = i + 1; j < s.size() && j - i < 1000; ++j) {
    if (s[j] == '\n' || s[j] == ' ') return std::string_view::npos;
    if (s[j] == ')') return j;
  }
  return std::string_view::npos;
}

/// Position of the ']' closing "[" at s[i] on the same line (no nesting), or npos.
size_t close_square(std::string_view s, size_t i) {
  for (size_t j = i + 1; j < s.size() && j - i < 1000; ++j) {
    if (s[j] == '\n' || s[j] == '[') return std::string_view::npos;
    if (s[j] == ']') return j;
  }
  return std::string_view::npos;
}

/// One table load per byte: clean_line runs this over every byte of the body.
bool is_markup_byte(char c) {
  static constexpr auto kMarkup = [] {
    std::array<bool, 256> t{};
    for (unsigned char m : {'!', '[', '<', '*', '_', '~', '`', '\r', 'h', 'w'}) t[m] = true;
    return t;
  }();
  return kMarkup[static_cast<unsigned char>(c)];
}

void clean_line(std::string_view line, std::string& out) {
  // Block markers at the line start: headings, quotes, list bullets.
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  bool heading = false;
  while (i < line.size() && line[i] == '#') {
    heading = true;
    ++i;
  }
  while (i < line.size() && line[i] == '>') ++i;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') && line[i + 1] == ' ')
    i += 2;
  // A line that is wholly bold reads as a heading too.
  std::string_view rest = trim(line.substr(i));
  if (rest.size() > 4 && rest.substr(0, 2) == "**" && rest.substr(rest.size() - 2) == "**" &&
      rest.substr(2, rest.size() - 4).find("**") == std::string_view::npos)
    heading = true;
  if (heading) out += "# ";
  for (; i < line.size();) {
    // Copy plain text in runs: only a few ASCII bytes can start markup.
    size_t run = i;
    while (run < line.size() && !is_markup_byte(line[run])) ++run;
    if (run > i) {
      out.append(line.data() + i, run - i);
      i = run;
      if (i >= line.size()) break;
    }
    char c = line[i];
    if (c == '!' && i + 1 < line.size() && line[i + 1] == '[') {  // image: drop whole
      size_t rb = close_square(line, i + 1);
      if (rb != std::string_view::npos && rb + 1 < line.size() && line[rb + 1] == '(') {
        size_t rp = close_paren(line, rb + 1);
        if (rp != std::string_view::npos) {
          i = rp + 1;
          continue;
        }
      }
    }
    if (c == '[') {
      size_t rb = close_square(line, i);
      if (rb != std::string_view::npos && rb + 1 < line.size() && line[rb + 1] == '(') {
        size_t rp = close_paren(line, rb + 1);
        if (rp != std::string_view::npos) {
          std::string_view text = line.substr(i + 1, rb - i - 1);
          if (!is_noise_text(text)) out += text;
          i = rp + 1;
          continue;
        }
      }
    }
    if (is_url_start(line, i)) {  // bare URL: up to whitespace or a non-ASCII letter
      while (i < line.size() && static_cast<unsigned char>(line[i]) < 0x80 && line[i] != ' ' &&
             line[i] != ')' && line[i] != ']')
        ++i;
      continue;
    }
    if (c == '<') {  // HTML tag: <br> becomes a line break, others vanish
      size_t j = i + 1;
      if (j < line.size() && line[j] == '/') ++j;
      size_t k = j;
      while (k < line.size() && ((line[k] >= 'a' && line[k] <= 'z') || (line[k] >= 'A' && line[k] <= 'Z'))) ++k;
      if (k > j) {
        size_t gt = line.find('>', k);
        if (gt != std::string_view::npos && gt - i < 300) {
          std::string_view tag = line.substr(j, k - j);
          if (tag == "br" || tag == "BR" || tag == "p" || tag == "P" || tag == "div") out += '\n';
          i = gt + 1;
          continue;
        }
      }
    }
    if ((c == '*' || c == '_' || c == '~') && i + 1 < line.size() && line[i + 1] == c) {
      i += 2;
      continue;
    }
    if (c == '`' || c == '\r') {
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
}

}  // namespace

std::string clean_markdown(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  if (at(body, 0, "\xEF\xBB\xBF")) body.remove_prefix(3);
  size_t start = 0;
  while (start <= body.size()) {
    size_t nl = body.find('\n', start);
    if (nl == std::string_view::npos) nl = body.size();
    clean_line(body.substr(start, nl - start), out);
    out += '\n';
    start = nl + 1;
  }
  return out;
}

std::vector<NumberedLine> numbered_lines(std::string_view text) {
  std::vector<NumberedLine> out;
  int n = 0;
  for (size_t i = 0; i <= text.size();) {
    size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    out.push_back({text.substr(i, e - i), ++n});
    i = e + 1;
  }
  return out;
}

std::optional<double> leading_decimal(std::string_view s, size_t* end, bool commas) {
  std::string digits;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    digits += s[i++];
  } else if (at(s, i, "−") || at(s, i, "－")) {  // minus sign, full-width hyphen-minus
    digits += '-';
    i += 3;
  }
  bool any = false, point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      any = true;
    } else if (c == ',' && commas && any && !point) {
      continue;
    } else if (c == '.' && any && !point) {
      digits += c;
      point = true;
    } else {
      break;
    }
  }
  if (!any) return std::nullopt;
  const double v = std::strtod(digits.c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  if (end) *end = i;
  return v;
}

}  // namespace yanbao::scan
