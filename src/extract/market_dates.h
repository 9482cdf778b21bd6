#pragma once
/// Date phrases inside market reviews: single dates (2月7日, 2025.02.14, 2024年) and the
/// covered week (2月3日至2月7日, 2025/3/3-2025/3/7, 12月30日至1月3日). Pure functions.
#include <optional>
#include <string>
#include <string_view>

namespace yanbao::market {

/// A date as written; missing parts are -1 (2024年 has only y; 2月 only m; 14日 only d).
struct DateText {
  int y = -1, m = -1, d = -1;
  size_t end = 0;  ///< byte offset just past it
};

/// Reads a date at s[i]: YYYY年M月D日 (any prefix of it), M月D日, M月, D日, YYYY.MM.DD,
/// YYYY-MM-DD, YYYY/MM/DD, and, when numeric_md, M.D and M/D (only safe inside a period
/// aside, where 2.10 cannot be a decimal). Digits may be full width.
std::optional<DateText> read_date(std::string_view s, size_t i, bool numeric_md);

/// A resolved range of days.
struct DateRange {
  std::string start, end;  ///< YYYY-MM-DD
  size_t end_pos = 0;      ///< byte offset just past the range text
};

/// Reads "date SEP date" at s[i], SEP one of 至 到 - — – ~ ～ －, spaces allowed around it.
/// The end may omit its month (2月10日-14日). Years missing from both ends come from
/// report_date via resolve_month_day on the end; the start falls in the year before when its
/// month is larger (12月30日至1月3日). Returns nullopt when the text is no range, a year can
/// not be resolved, or the span is not 0..16 days (a week, possibly a holiday fortnight); with
/// whole_month, unless it runs from the first to the last day of one month.
std::optional<DateRange> read_date_range(std::string_view s, size_t i, std::string_view report_date,
                                         bool numeric_md, bool whole_month = false);

/// The covered week of a report: the first date range that follows 本周/上周/当周/周度/区间/
/// 期间 (allowing an opening bracket and 指 in between), else the first range written inside
/// brackets. Returns nullopt when there is none.
/// With whole_month, the same for a monthly report's month (2025.07.01-2025.07.31).
std::optional<DateRange> find_report_week(std::string_view text, std::string_view report_date,
                                          bool whole_month = false);

}  // namespace yanbao::market
