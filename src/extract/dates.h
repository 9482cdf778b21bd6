#pragma once
/// Calendar helpers shared by the extractors and the front-matter reader. Pure functions.
#include <optional>
#include <string>
#include <string_view>

namespace yanbao {

/// Days since 1970-01-01 of a valid civil date.
long days_from_civil(int year, int month, int day);

/// Days in month `m` (1-12) of year `y`, leap years counted.
int days_in_month(int y, int m);

/// "YYYY-MM-DD" for a valid date, else nullopt.
std::optional<std::string> format_date(int year, int month, int day);

/// The year of a month/day written without one (12月31日), seen in a report dated
/// report_date (YYYY-MM-DD): the report's year, or the year before when the month/day would
/// otherwise fall more than 45 days after the report (12月31日 in a report of 2025-01-05 is
/// 2024-12-31). Returns nullopt when report_date is empty or the date is invalid.
std::optional<std::string> resolve_month_day(int month, int day, std::string_view report_date);

/// Parses the date forms front matter and file names use: "2025-02-09 19:50:00",
/// "2025-02-17T08:30:00+08:00", "2025/02/17", "2025-2-9", "2025.02.17", "20250217",
/// "2025年2月17日". Returns YYYY-MM-DD, or nullopt.
std::optional<std::string> parse_date(std::string_view text);

/// Finds a YYYYMMDD or YYYY-MM-DD date anywhere in a file name ("zxp-20250302.md").
std::optional<std::string> date_in_filename(std::string_view name);

}  // namespace yanbao
