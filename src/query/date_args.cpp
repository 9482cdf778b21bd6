#include "query/date_args.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>

#include "extract/dates.h"

namespace yanbao {
namespace {

std::string ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

/// The civil date of days since 1970-01-01 (Howard Hinnant's algorithm).
std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return ymd(y, m, d);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

std::string today_local() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::optional<std::string> resolve_date_arg(std::string_view text, DateBound bound, const DateAnchor& anchor) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  // a year: 2025
  if (text.size() == 4 && all_digits(text)) {
    const int y = to_int(text);
    if (y < 1900) return std::nullopt;
    return bound == DateBound::start ? ymd(y, 1, 1) : ymd(y, 12, 31);
  }
  // a month: 2025-02, 2025-2, 2025/02, 2025.02, 202502 is no month (too close to a typo)
  if (text.size() >= 6 && text.size() <= 7 && all_digits(text.substr(0, 4)) &&
      (text[4] == '-' || text[4] == '/' || text[4] == '.') && all_digits(text.substr(5))) {
    const int y = to_int(text.substr(0, 4)), m = to_int(text.substr(5));
    if (y < 1900 || m < 1 || m > 12) return std::nullopt;
    return ymd(y, m, bound == DateBound::start ? 1 : days_in_month(y, m));
  }
  // a span back from the anchor: 30d, 2w, 6m, 1y
  if (text.size() >= 2 && all_digits(text.substr(0, text.size() - 1))) {
    const char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(text.back())));
    if (unit == 'd' || unit == 'w' || unit == 'm' || unit == 'y') {
      const int n = to_int(text.substr(0, text.size() - 1));
      if (text.size() > 6) return std::nullopt;
      const std::string a = anchor ? anchor() : today_local();
      const int y = to_int(a.substr(0, 4)), m = to_int(a.substr(5, 2)), d = to_int(a.substr(8, 2));
      if (unit == 'd' || unit == 'w') return civil_from_days(days_from_civil(y, m, d) - (unit == 'w' ? 7L * n : n));
      const int months = unit == 'm' ? n : 12 * n;
      const int total = y * 12 + (m - 1) - months;
      const int ny = total / 12, nm = total % 12 + 1;
      return ymd(ny, nm, std::min(d, days_in_month(ny, nm)));
    }
  }
  return parse_date(text);
}

}  // namespace yanbao
