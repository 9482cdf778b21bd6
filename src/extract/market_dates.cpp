#include "extract/market_dates.h"

#include <cstdio>

#include "extract/dates.h"
#include "extract/scan.h"

namespace yanbao::market {
namespace {

using scan::at;

/// Reads up to max_digits digits (half or full width) at s[i]; returns the value and advances
/// i, or -1 (i unchanged) when there is none.
int read_int(std::string_view s, size_t& i, int max_digits, int* count = nullptr) {
  size_t j = i;
  int v = 0, n = 0;
  while (n <= max_digits && scan::is_digit_at(s, j)) {
    size_t len = 1;
    char32_t c = scan::fold(scan::decode(s, j, &len));
    v = v * 10 + static_cast<int>(c - U'0');
    j += len;
    ++n;
  }
  if (n == 0 || n > max_digits) return -1;
  if (count) *count = n;
  i = j;
  return v;
}

bool skip(std::string_view s, size_t& i, std::string_view tok) {
  if (!at(s, i, tok)) return false;
  i += tok.size();
  return true;
}

/// Byte length of a date separator at s[i] (. - / and their full-width forms), else 0.
size_t date_sep(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '.' || s[i] == '-' || s[i] == '/') return 1;
  for (std::string_view t : {"．", "－", "／"})
    if (at(s, i, t)) return t.size();
  return 0;
}

bool skip_day_letter(std::string_view s, size_t& i) { return skip(s, i, "日") || skip(s, i, "号"); }

int year_of(std::string_view ymd) {
  int y = 0;
  if (ymd.size() < 4) return -1;
  for (size_t k = 0; k < 4; ++k) {
    if (ymd[k] < '0' || ymd[k] > '9') return -1;
    y = y * 10 + (ymd[k] - '0');
  }
  return y;
}

constexpr std::string_view kRangeSeps[] = {"——", "至", "到", "-", "—", "–", "~", "～", "－", "−"};

}  // namespace

std::optional<DateText> read_date(std::string_view s, size_t i, bool numeric_md) {
  DateText d;
  size_t j = i;
  int count = 0;
  int n1 = read_int(s, j, 4, &count);
  if (n1 < 0) return std::nullopt;
  if (count == 4) {
    if (skip(s, j, "年")) {
      d.y = n1;
      d.end = j;
      size_t k = j;
      int m = read_int(s, k, 2);
      if (m >= 1 && m <= 12 && skip(s, k, "月")) {
        d.m = m;
        d.end = k;
        size_t k2 = k;
        int day = read_int(s, k2, 2);
        if (day >= 1 && day <= 31 && skip_day_letter(s, k2)) {
          d.d = day;
          d.end = k2;
        }
      }
      return d;
    }
    // 2025.02.14, 2025-02-14, 2025/2/14 (full-width separators too)
    if (size_t sl = date_sep(s, j)) {
      size_t k = j + sl;
      int m = read_int(s, k, 2);
      size_t sl2 = date_sep(s, k);
      if (m < 1 || m > 12 || sl2 == 0 || scan::fold(scan::decode(s, k)) != scan::fold(scan::decode(s, j)))
        return std::nullopt;
      k += sl2;
      int day = read_int(s, k, 2);
      if (day < 1 || day > 31) return std::nullopt;
      d.y = n1;
      d.m = m;
      d.d = day;
      d.end = k;
      skip_day_letter(s, d.end);
      return d;
    }
    return std::nullopt;
  }
  if (count > 2) return std::nullopt;
  if (skip(s, j, "月")) {
    if (n1 < 1 || n1 > 12) return std::nullopt;
    d.m = n1;
    d.end = j;
    skip(s, d.end, "份");
    size_t k = j;
    int day = read_int(s, k, 2);
    if (day >= 1 && day <= 31 && skip_day_letter(s, k)) {
      d.d = day;
      d.end = k;
    }
    return d;
  }
  if (skip_day_letter(s, j)) {
    if (n1 < 1 || n1 > 31) return std::nullopt;
    d.d = n1;
    d.end = j;
    return d;
  }
  if (size_t sl = date_sep(s, j); numeric_md && sl && scan::fold(scan::decode(s, j)) != U'-') {
    size_t k = j + sl;
    int day = read_int(s, k, 2);
    if (n1 < 1 || n1 > 12 || day < 1 || day > 31) return std::nullopt;
    // 1.2.3 or 2/14/2025 is something else.
    if (k < s.size() && (s[k] == '.' || s[k] == '/') && scan::is_digit_at(s, k + 1)) return std::nullopt;
    d.m = n1;
    d.d = day;
    d.end = k;
    return d;
  }
  return std::nullopt;
}

std::optional<DateRange> read_date_range(std::string_view s, size_t i, std::string_view report_date,
                                         bool numeric_md, bool whole_month) {
  auto a = read_date(s, i, numeric_md);
  if (!a || a->m < 0 || a->d < 0) return std::nullopt;
  size_t j = a->end;
  while (j < s.size() && s[j] == ' ') ++j;
  std::string_view sep = scan::match_any(s, j, kRangeSeps);
  if (sep.empty()) return std::nullopt;
  j += sep.size();
  while (j < s.size() && s[j] == ' ') ++j;
  auto b = read_date(s, j, numeric_md);
  if (!b || b->d < 0) return std::nullopt;
  if (b->m < 0) {
    if (b->y >= 0) return std::nullopt;
    b->m = a->m;  // 2月10日-14日
  }
  int y1 = a->y, y2 = b->y;
  if (y1 < 0 && y2 >= 0) y1 = a->m > b->m ? y2 - 1 : y2;
  if (y2 < 0 && y1 >= 0) y2 = b->m < a->m ? y1 + 1 : y1;
  if (y1 < 0 && y2 < 0) {
    auto end = resolve_month_day(b->m, b->d, report_date);
    if (!end) return std::nullopt;
    y2 = year_of(*end);
    y1 = a->m > b->m ? y2 - 1 : y2;
  }
  auto start = format_date(y1, a->m, a->d);
  auto end = format_date(y2, b->m, b->d);
  if (!start || !end) return std::nullopt;
  long span = days_from_civil(y2, b->m, b->d) - days_from_civil(y1, a->m, a->d);
  if (whole_month) {
    // The first to the last day of one month: format_date rejects the day after the last.
    if (a->d != 1 || a->m != b->m || y1 != y2 || b->d < 28 || format_date(y2, b->m, b->d + 1)) return std::nullopt;
  } else if (span < 0 || span > 16) {
    return std::nullopt;
  }
  return DateRange{*start, *end, b->end};
}

std::optional<DateRange> find_report_week(std::string_view text, std::string_view report_date, bool whole_month) {
  static constexpr std::string_view kWeekWords[] = {"本周", "上周", "当周", "周度", "区间", "期间", "一周", "周报"};
  std::optional<DateRange> in_bracket;
  int depth = 0;
  int title_depth = 0;  // inside 《…》: another report's title (相关研究), not this one's week
  for (size_t i = 0; i < text.size();) {
    auto b0 = static_cast<unsigned char>(text[i]);
    // Only brackets, line ends and digits matter here; skip other letters by their lead byte.
    if (b0 != '(' && b0 != ')' && b0 != '[' && b0 != ']' && b0 != '\n' && (b0 < '0' || b0 > '9') && b0 != 0xEF &&
        b0 != 0xE3) {
      i += scan::u8len(b0);
      continue;
    }
    size_t len = 1;
    char32_t c = scan::decode(text, i, &len);
    if (c == U'（' || c == U'(' || c == U'【' || c == U'[') ++depth;
    if ((c == U'）' || c == U')' || c == U'】' || c == U']') && depth > 0) --depth;
    if (c == U'《') ++title_depth;
    if (c == U'》' && title_depth > 0) --title_depth;
    if (c == U'\n') depth = title_depth = 0;
    if (title_depth > 0) {
      i += len;
      continue;
    }
    if (!scan::is_digit_at(text, i) || (i > 0 && scan::is_digit_at(text, scan::prev(text, i)))) {
      i += len;
      continue;
    }
    auto r = read_date_range(text, i, report_date, depth > 0, whole_month);
    if (!r) {
      i += len;
      continue;
    }
    // Look back a few letters, over brackets, 指 and colons, for a word that names the week.
    size_t b = i;
    for (int steps = 0; steps < 4 && b > 0; ++steps) {
      size_t p = scan::prev(text, b);
      char32_t pc = scan::decode(text, p);
      if (pc == U'（' || pc == U'(' || pc == U'指' || pc == U'：' || pc == U':' || pc == U' ' || pc == U'为' ||
          pc == U'【' || pc == U'[' || pc == U'从' || pc == U'自')
        b = p;
      else
        break;
    }
    if (!scan::ends_any(text, b, kWeekWords).empty()) return r;
    if (depth > 0 && !in_bracket) {
      // A bracketed range counts only in a line about the market, not in a news item.
      size_t ls = text.rfind('\n', i);
      ls = ls == std::string_view::npos ? 0 : ls + 1;
      size_t le = text.find('\n', i);
      std::string_view line = text.substr(ls, (le == std::string_view::npos ? text.size() : le) - ls);
      for (std::string_view w : {"回顾", "行情", "市场表现", "表现", "指数"})
        if (scan::contains(line, w)) {
          in_bracket = r;
          break;
        }
    }
    i = r->end_pos;
  }
  return in_bracket;
}

}  // namespace yanbao::market
