#include "extract/dates.h"

#include <cstdio>

namespace yanbao {
int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads up to max_len digits at s[i], advancing i. Returns -1 when there is none.
int read_number(std::string_view s, size_t& i, size_t max_len) {
  size_t start = i;
  int v = 0;
  while (i < s.size() && is_digit(s[i]) && i - start < max_len) v = v * 10 + (s[i++] - '0');
  return i == start ? -1 : v;
}

bool skip(std::string_view s, size_t& i, std::string_view token) {
  if (s.substr(i, token.size()) == token) {
    i += token.size();
    return true;
  }
  return false;
}

}  // namespace

long days_from_civil(int y, int m, int d) {  // Howard Hinnant's algorithm
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::optional<std::string> format_date(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

std::optional<std::string> resolve_month_day(int month, int day, std::string_view report_date) {
  if (report_date.size() < 10) return std::nullopt;
  int ry = 0, rm = 0, rd = 0;
  if (std::sscanf(std::string(report_date.substr(0, 10)).c_str(), "%d-%d-%d", &ry, &rm, &rd) != 3)
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  int year = ry;
  if (day <= days_in_month(year, month) &&
      days_from_civil(year, month, day) - days_from_civil(ry, rm, rd) > 45)
    year -= 1;
  return format_date(year, month, day);
}

std::optional<std::string> parse_date(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"' || s.front() == '\''))
    s.remove_prefix(1);
  size_t i = 0;
  int y = read_number(s, i, 4);
  if (y < 0 || i != 4) return std::nullopt;
  int m = -1, d = -1;
  if (i < s.size() && is_digit(s[i])) {  // 20250217
    m = read_number(s, i, 2);
    d = read_number(s, i, 2);
  } else if (skip(s, i, "年")) {
    m = read_number(s, i, 2);
    if (!skip(s, i, "月")) return std::nullopt;
    d = read_number(s, i, 2);
  } else if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
    char sep = s[i++];
    m = read_number(s, i, 2);
    if (i >= s.size() || s[i] != sep) return std::nullopt;
    ++i;
    d = read_number(s, i, 2);
  }
  if (m < 0 || d < 0) return std::nullopt;
  // What follows must not be another digit (20250217123 is not a date).
  if (i < s.size() && is_digit(s[i])) return std::nullopt;
  return format_date(y, m, d);
}

std::optional<std::string> date_in_filename(std::string_view name) {
  for (size_t i = 0; i + 8 <= name.size(); ++i) {
    if (!is_digit(name[i]) || (i > 0 && is_digit(name[i - 1]))) continue;
    if (name[i] != '1' && name[i] != '2') continue;
    if (auto d = parse_date(name.substr(i))) return d;
  }
  return std::nullopt;
}

}  // namespace yanbao
